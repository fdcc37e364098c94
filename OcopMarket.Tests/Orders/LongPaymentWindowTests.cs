using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Orders;

/// <summary>
/// A payment window longer than a Stripe session can live (Checkout:PaymentWindowHours = 48), through the app and
/// the fake Stripe that refuses an <c>expires_at</c> more than 24 hours away.
/// </summary>
public sealed class LongPaymentWindowTests(StripeWebFactory stripeApp) : IClassFixture<StripeWebFactory>
{
    private static readonly DeliveryAddress Address = new("Nguyễn Thị Mai", "0912 345 678", "Số 5, ngõ 12", "05503", "19", null);
    private const string Success = "https://shop.test/don-hang/x?the=thanh-cong";
    private const string Cancel = "https://shop.test/don-hang/x?the=chua-thanh-toan";

    private DateTimeOffset ExpiresAt(string sessionId) => DateTimeOffset.FromUnixTimeSeconds(
        long.Parse(stripeApp.Stripe.Sessions.Single(s => s.Id == sessionId).Form["expires_at"], CultureInfo.InvariantCulture));

    private async Task<HttpStatusCode> DeliverAsync(WebApplicationFactory<Program> app, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/stripe/webhook") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", FakeStripeApi.SignatureHeader(json, stripeApp.Clock.GetUtcNow()));
        return (await app.CreateClient().SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task A_two_day_window_caps_each_session_at_a_day_and_the_order_outlives_an_expired_session()
    {
        // The same app and fake Stripe, configured to give buyers two days.
        await using var app = stripeApp.WithWebHostBuilder(b => b.UseSetting("Checkout:PaymentWindowHours", "48"));
        var fake = stripeApp.Stripe;
        var clock = stripeApp.Clock;
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>();
        int teaId;
        long price;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var tea = await db.Products.SingleAsync(p => p.Slug == "che-dinh-tan-cuong");
            tea.SetStock(10);
            await db.SaveChangesAsync();
            (teaId, price) = (tea.Id, tea.PriceVnd);
        }
        async Task<(Order Order, int Stock)> StateAsync(int orderId)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            return (await db.Orders.SingleAsync(o => o.Id == orderId), await db.Products.Where(p => p.Id == teaId).Select(p => p.Stock).SingleAsync());
        }

        var placedAt = clock.GetUtcNow();
        var placed = await app.Services.GetRequiredService<CheckoutService>().PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(teaId, 2, price)], Address, PaymentMethod.Card, null, "mai@example.test"));
        var orderId = placed.Orders.Single().Id;
        var dueAt = new DateTimeOffset(DateTime.SpecifyKind((await StateAsync(orderId)).Order.PaymentDueAt!.Value, DateTimeKind.Utc));
        Assert.Equal(placedAt + TimeSpan.FromHours(48), dueAt);

        var cards = app.Services.GetRequiredService<CardPaymentService>();
        var first = (await cards.StartAsync(placed.CheckoutId, placed.AccessToken, null, Success, Cancel)).Split('/').Last();
        Assert.InRange(ExpiresAt(first), placedAt + TimeSpan.FromHours(23), placedAt + FakeStripeApi.LongestSession);

        // A day on, Stripe closes the session unpaid: the order still has a day to go, so it keeps waiting, and its stock.
        clock.AdjustTime(ExpiresAt(first));
        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(app, fake.EventJson("checkout.session.expired", fake.Expire(first))));
        var (afterExpiry, stock) = await StateAsync(orderId);
        Assert.Equal(OrderStatus.AwaitingPayment, afterExpiry.Status);
        Assert.Null(afterExpiry.CardSessionId);
        Assert.Equal(8, stock);

        // The buyer comes back on the second day: a new session, closing five minutes before the order's window does.
        var second = (await cards.StartAsync(placed.CheckoutId, placed.AccessToken, null, Success, Cancel)).Split('/').Last();
        Assert.NotEqual(first, second);
        Assert.Equal(dueAt - TimeSpan.FromMinutes(5), ExpiresAt(second));
        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(app, fake.EventJson("checkout.session.completed", fake.Complete(second))));

        var (paid, stockAfter) = await StateAsync(orderId);
        Assert.Equal(OrderStatus.Confirmed, paid.Status);
        Assert.Equal(8, stockAfter);
        Assert.Empty(fake.Refusals);
    }
}
