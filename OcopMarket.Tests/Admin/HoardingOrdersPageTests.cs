using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Admin;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Components.Pages.Admin;

namespace OcopMarket.Tests.Admin;

/// <summary>The officer's page finds one phone's open orders and cancels them all, saying what was done.</summary>
public sealed class HoardingOrdersPageTests : InteractivePageTest
{
    private int _teaId;

    protected override async Task SetUpAsync()
    {
        (_teaId, var price) = await TeaInStockAsync(50);
        var checkout = new CheckoutService(Db, Db.Clock, CheckoutOptions.Default);
        for (var i = 0; i < 2; i++)
        {
            await checkout.PlaceAsync(new CheckoutRequest([new CheckoutLine(_teaId, 20, price)],
                new DeliveryAddress("Bot", "0912345678", "Số 1", "05503", "19", null), PaymentMethod.CashOnDelivery, null, null, ClientIp: "203.0.113.7"));
        }
        Services.AddSingleton(new ProgramAdminService(Db, Db.Clock));
        SignInAs(Officer, Roles.Admin);
    }

    [Fact]
    public async Task The_officer_finds_an_ips_orders_and_cancels_them_all()
    {
        var page = Render<HoardingOrdersPage>();
        page.Find("[data-testid=hoarding-source]").Change("203.0.113.7");
        await page.Find("[data-testid=hoarding-find]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=hoarding-row]").Count));

        await page.Find("[data-testid=hoarding-cancel]").ClickAsync(new()); // no reason yet: refused, nothing cancelled
        page.WaitForAssertion(() => Assert.Contains("Hãy ghi lý do huỷ", page.Find("[data-testid=admin-error]").TextContent));

        page.Find("[data-testid=hoarding-reason]").Change("Đặt giữ hàng hàng loạt");
        await page.Find("[data-testid=hoarding-cancel]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Đã huỷ 2 đơn.", page.Find("[data-testid=hoarding-result]").TextContent));
        Assert.NotEmpty(page.FindAll("[data-testid=hoarding-none]"));
        await using var db = Db.CreateDbContext();
        Assert.Equal(50, await db.Products.Where(p => p.Id == _teaId).Select(p => p.Stock).SingleAsync());
        Assert.All(await db.Orders.ToListAsync(), o => Assert.Equal(OrderStatus.Cancelled, o.Status));
    }
}
