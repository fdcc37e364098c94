using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Admin;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Components.Account;
using OcopMarket.Web.Components.Pages.Admin;

namespace OcopMarket.Tests.Admin;

/// <summary>The officer's page finds one phone's open orders and cancels them all, saying what was done.</summary>
public sealed class HoardingOrdersPageTests : BunitContext, IAsyncLifetime
{
    private TestDatabase _db = null!;
    private int _teaId;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        var (_, _, officer, _) = await PortalTestData.CreateActorsAsync(_db);
        long price;
        await using (var db = _db.CreateDbContext())
        {
            var tea = await db.Products.SingleAsync(x => x.Slug == "che-dinh-tan-cuong");
            tea.SetStock(50);
            await db.SaveChangesAsync();
            (_teaId, price) = (tea.Id, tea.PriceVnd);
        }
        var checkout = new CheckoutService(_db, _db.Clock, CheckoutOptions.Default);
        for (var i = 0; i < 2; i++)
        {
            await checkout.PlaceAsync(new CheckoutRequest([new CheckoutLine(_teaId, 20, price)],
                new DeliveryAddress("Bot", "0912345678", "Số 1", "05503", "19", null), PaymentMethod.CashOnDelivery, null, null, ClientIp: "203.0.113.7"));
        }

        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(new ProgramAdminService(_db, _db.Clock));
        Services.AddSingleton(new AccountDirectory(_db));
        Services.AddScoped<CurrentActor>();
        var auth = AddAuthorization();
        auth.SetAuthorized(officer.UserId);
        auth.SetRoles(Roles.Admin);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, officer.UserId), new Claim(SecondFactor.ClaimType, SecondFactor.ClaimValue)); // officers sign in with two factors
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _db.DisposeAsync();
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
        await using var db = _db.CreateDbContext();
        Assert.Equal(50, await db.Products.Where(p => p.Id == _teaId).Select(p => p.Stock).SingleAsync());
        Assert.All(await db.Orders.ToListAsync(), o => Assert.Equal(OrderStatus.Cancelled, o.Status));
    }
}
