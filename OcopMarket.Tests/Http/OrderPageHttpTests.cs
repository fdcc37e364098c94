using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Domain.Orders;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Services.Orders;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Http;

/// <summary>Order pages open only with the secret of their link (or for their signed-in buyer).</summary>
public sealed class OrderPageHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private async Task<PlacedCheckout> PlaceAsync(PaymentMethod payment = PaymentMethod.CashOnDelivery, string? buyerUserId = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>();
        int id;
        long price;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var p = await db.Products.Include(x => x.Producer).SingleAsync(x => x.Slug == "che-dinh-tan-cuong");
            p.SetStock(30);
            p.Producer.SetBankAccount("970436", "0123456789", "HTX CHE HAO DAT");
            await db.SaveChangesAsync();
            (id, price) = (p.Id, p.PriceVnd);
        }
        return await scope.ServiceProvider.GetRequiredService<CheckoutService>().PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(id, 1, price)], new DeliveryAddress("Mai", "0912345678", "Số 5", "05503", "19", null), payment, buyerUserId, null));
    }

    [Fact]
    public async Task The_link_with_its_secret_opens_the_orders()
    {
        var placed = await PlaceAsync();
        var response = await factory.CreateClient().GetAsync($"/don-hang/{placed.CheckoutId}?t={placed.AccessToken}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(placed.Orders[0].Number, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_the_secret_or_with_a_wrong_one_it_is_a_404()
    {
        var placed = await PlaceAsync();
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/don-hang/{placed.CheckoutId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/don-hang/{placed.CheckoutId}?t=guess")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/don-hang/{Guid.NewGuid()}?t={placed.AccessToken}")).StatusCode);
    }

    [Fact]
    public async Task An_unpaid_transfer_shows_a_vietqr_code_for_the_exact_amount_and_order_number()
    {
        var placed = await PlaceAsync(PaymentMethod.BankTransfer);
        var html = await factory.CreateClient().GetStringAsync($"/don-hang/{placed.CheckoutId}?t={placed.AccessToken}");
        Assert.Contains("<svg", html);
        Assert.Contains(placed.Orders[0].Number, html);
        Assert.Contains("0123456789", html);
    }

    [Fact]
    public async Task A_signed_in_buyer_finds_their_orders_without_the_link_and_nobody_else_does()
    {
        string buyerId;
        await using (var scope = factory.Services.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync())
            buyerId = await db.Users.Where(u => u.Email == OcopMarket.Core.Seeding.AccountSeeder.DemoBuyerEmail).Select(u => u.Id).SingleAsync();
        var placed = await PlaceAsync(buyerUserId: buyerId);

        var buyer = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await AccountHttpTests.SignInAsync(buyer, OcopMarket.Core.Seeding.AccountSeeder.DemoBuyerEmail, OcopMarket.Core.Seeding.AccountSeeder.DemoPassword);
        Assert.Contains(placed.Orders[0].Number, await buyer.GetStringAsync("/don-hang"));
        Assert.Equal(HttpStatusCode.OK, (await buyer.GetAsync($"/don-hang/{placed.CheckoutId}")).StatusCode);

        var other = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await AccountHttpTests.SignInAsync(other, "vanhuong@ocopmarket.test", OcopMarket.Core.Seeding.AccountSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/don-hang/{placed.CheckoutId}")).StatusCode);
        Assert.DoesNotContain(placed.Orders[0].Number, await other.GetStringAsync("/don-hang"));
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await AccountHttpTests.SignInAsync(client, email, OcopMarket.Core.Seeding.AccountSeeder.DemoPassword);
        return client;
    }

    [Fact]
    public async Task The_producer_exports_only_their_orders_as_csv()
    {
        var placed = await PlaceAsync();
        var response = await (await SignedInAsync("haodat@ocopmarket.test")).GetAsync("/xuat/don-hang.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var csv = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Contains("Mã đơn,Ngày đặt", csv);
        Assert.Contains(placed.Orders[0].Number, csv);
        Assert.Contains("Chè Đinh Tân Cương x1", csv);

        var other = await (await SignedInAsync("vanhuong@ocopmarket.test")).GetStringAsync("/xuat/don-hang.csv");
        Assert.DoesNotContain(placed.Orders[0].Number, other);
        var buyer = await (await SignedInAsync(OcopMarket.Core.Seeding.AccountSeeder.DemoBuyerEmail)).GetAsync("/xuat/don-hang.csv");
        Assert.NotEqual(HttpStatusCode.OK, buyer.StatusCode);
    }

    [Fact]
    public async Task The_packing_slip_prints_for_its_producer_only()
    {
        var placed = await PlaceAsync();
        var slip = await (await SignedInAsync("haodat@ocopmarket.test")).GetAsync($"/in/phieu-giao/{placed.Orders[0].Id}");
        Assert.Equal(HttpStatusCode.OK, slip.StatusCode);
        var html = await slip.Content.ReadAsStringAsync();
        Assert.Contains("Thu hộ (COD)", html);
        Assert.Contains("Xã Tân Cương", html);
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignedInAsync("vanhuong@ocopmarket.test")).GetAsync($"/in/phieu-giao/{placed.Orders[0].Id}")).StatusCode);
    }
}
