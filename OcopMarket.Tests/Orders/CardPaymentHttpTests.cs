using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Orders;

/// <summary>Card payments over HTTP: the checkout form sends the buyer to (fake) Stripe; only the signed webhook pays.</summary>
public sealed class CardPaymentHttpTests(StripeWebFactory factory) : IClassFixture<StripeWebFactory>
{
    private static async Task<IHtmlDocument> HtmlAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>A buyer with tea in the cart fills the checkout form and chooses card; returns where the app sends them.</summary>
    private async Task<(HttpClient Client, Uri Location)> CheckOutByCardAsync()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync())
        {
            var tea = await db.Products.SingleAsync(p => p.Slug == "che-dinh-tan-cuong");
            tea.SetStock(40);
            await db.SaveChangesAsync();
        }
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await StorefrontForms.AddToCartAsync(client, "che-dinh-tan-cuong", 2);

        var checkout = await HtmlAsync(await client.GetAsync("/dat-hang?province=19"));
        Assert.NotNull(checkout.QuerySelector("[data-testid=pay-card]"));
        var form = checkout.QuerySelector("[data-testid=checkout-form]")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["Input.Name"] = "Jane Doe";
        fields["Input.Phone"] = "0912345678";
        fields["Input.Email"] = "jane@example.test";
        fields["Input.CommuneCode"] = "05503";
        fields["Input.Street"] = "Số 5";
        fields["Input.Payment"] = nameof(PaymentMethod.Card);
        fields["Input.Step"] = "place";
        var placed = await client.PostAsync("/dat-hang?province=19", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        return (client, placed.Headers.Location!);
    }

    private async Task<List<Order>> OrdersOfSessionAsync(string sessionId)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        var orders = await db.Orders.Where(o => o.CardSessionId == sessionId).ToListAsync();
        Assert.NotEmpty(orders); // the checks over these orders would pass on none
        return orders;
    }

    private async Task<HttpResponseMessage> PostWebhookAsync(string json, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/stripe/webhook") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", signature);
        return await factory.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task Choosing_card_sends_the_buyer_to_stripe_and_coming_back_does_not_pay()
    {
        var (client, location) = await CheckOutByCardAsync();
        Assert.StartsWith(factory.Stripe.BaseUri.AbsoluteUri + "pay/cs_test_", location.AbsoluteUri);
        var sessionId = location.Segments.Last();
        var session = factory.Stripe.Sessions.Single(s => s.Id == sessionId);
        Assert.Contains("?t=", session.Form["success_url"]);
        Assert.EndsWith("&the=thanh-cong", session.Form["success_url"]);

        // The buyer returns to the success page without Stripe having confirmed anything.
        var back = await client.GetAsync(new Uri(session.Form["success_url"]).PathAndQuery);
        var page = await HtmlAsync(back);
        Assert.NotNull(page.QuerySelector("[data-testid=card-confirming]"));
        Assert.All(await OrdersOfSessionAsync(sessionId), o => Assert.Equal(OrderStatus.AwaitingPayment, o.Status));

        // Then Stripe's signed webhook arrives, and the same page shows the payment.
        var json = factory.Stripe.EventJson("checkout.session.completed", factory.Stripe.Complete(sessionId));
        var response = await PostWebhookAsync(json, FakeStripeApi.SignatureHeader(json, factory.Clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(await OrdersOfSessionAsync(sessionId), o => Assert.Equal(OrderStatus.Confirmed, o.Status));
        page = await HtmlAsync(await client.GetAsync(new Uri(session.Form["success_url"]).PathAndQuery));
        Assert.NotNull(page.QuerySelector("[data-testid=card-paid]"));
        Assert.Null(page.QuerySelector("[data-testid=pay-by-card]"));
    }

    [Fact]
    public async Task A_buyer_who_cancels_at_stripe_can_pay_again_from_the_order_page()
    {
        var (client, location) = await CheckOutByCardAsync();
        var session = factory.Stripe.Sessions.Single(s => s.Id == location.Segments.Last());
        var page = await HtmlAsync(await client.GetAsync(new Uri(session.Form["cancel_url"]).PathAndQuery));
        Assert.NotNull(page.QuerySelector("[data-testid=card-not-paid]"));

        var form = page.QuerySelector("[data-testid=pay-by-card]")!.Closest("form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        var again = await client.PostAsync("/thanh-toan/the", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(location, again.Headers.Location); // the session still open, not a second one to pay

        fields["t"] = "forged";
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/thanh-toan/the", new FormUrlEncodedContent(fields))).StatusCode);
    }

    [Fact]
    public async Task The_webhook_answers_400_to_forged_and_stale_deliveries_and_200_to_a_replay()
    {
        var (_, location) = await CheckOutByCardAsync();
        var sessionId = location.Segments.Last();
        var json = factory.Stripe.EventJson("checkout.session.completed", factory.Stripe.Complete(sessionId));

        Assert.Equal(HttpStatusCode.BadRequest, (await PostWebhookAsync(json, FakeStripeApi.SignatureHeader(json, factory.Clock.GetUtcNow(), "whsec_wrong"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostWebhookAsync(json, FakeStripeApi.SignatureHeader(json, factory.Clock.GetUtcNow().AddMinutes(-10)))).StatusCode);
        Assert.All(await OrdersOfSessionAsync(sessionId), o => Assert.Equal(OrderStatus.AwaitingPayment, o.Status));

        // The outcome exactly: "Handled" is also a substring of "AlreadyHandled".
        static async Task<string?> OutcomeAsync(HttpResponseMessage response) =>
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("outcome").GetString();
        var first = await PostWebhookAsync(json, FakeStripeApi.SignatureHeader(json, factory.Clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("Handled", await OutcomeAsync(first));
        var replay = await PostWebhookAsync(json, FakeStripeApi.SignatureHeader(json, factory.Clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("AlreadyHandled", await OutcomeAsync(replay));
    }

    [Fact]
    public async Task An_oversized_webhook_body_is_refused_unread()
    {
        var json = "{\"padding\":\"" + new string('x', 300 * 1024) + "\"}";
        var response = await PostWebhookAsync(json, FakeStripeApi.SignatureHeader(json, factory.Clock.GetUtcNow()));
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>Without Stripe keys the app offers no card and its webhook proves nothing.</summary>
public sealed class CardPaymentsOffHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    [Fact]
    public async Task Without_stripe_keys_checkout_offers_no_card_and_the_webhook_refuses_everything()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync())
        {
            (await db.Products.SingleAsync(p => p.Slug == "che-dinh-tan-cuong")).SetStock(10);
            await db.SaveChangesAsync();
        }
        var client = factory.CreateClient(new() { AllowAutoRedirect = true, HandleCookies = true });
        await StorefrontForms.PostAddToCartAsync(client, "che-dinh-tan-cuong", "1");
        var checkout = new HtmlParser().ParseDocument(await client.GetStringAsync("/dat-hang?province=19"));
        Assert.NotNull(checkout.QuerySelector("[data-testid=checkout-form]"));
        Assert.Null(checkout.QuerySelector("[data-testid=pay-card]"));

        var json = "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"checkout.session.completed\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/stripe/webhook") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", FakeStripeApi.SignatureHeader(json, factory.Clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.BadRequest, (await factory.CreateClient().SendAsync(request)).StatusCode);
    }
}
