using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Portal;
using OcopMarket.Core.Sales;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Components.Pages.Portal;

namespace OcopMarket.Tests.Portal;

/// <summary>The producer's sales page: the figures of their own orders, a table under each chart, and a clear refusal of a bad period.</summary>
public sealed class SalesPageTests : InteractivePageTest
{
    private long _price;

    protected override async Task SetUpAsync()
    {
        await using (var db = Db.CreateDbContext())
        {
            var p = await db.Products.Where(x => x.ProducerId == VanHuong.ProducerId && x.IsPublished).OrderBy(x => x.Id).FirstAsync();
            p.SetStock(50);
            await db.SaveChangesAsync();
            _price = p.PriceVnd;
            var checkout = new CheckoutService(Db, Db.Clock, CheckoutOptions.Default);
            for (var i = 0; i < 2; i++)
                await checkout.PlaceAsync(new CheckoutRequest([new CheckoutLine(p.Id, 1, p.PriceVnd)],
                    new DeliveryAddress("Khách", $"091234567{i}", "Số 1", "05503", "19", null), PaymentMethod.CashOnDelivery, null, null));
        }
        Services.AddSingleton(new SalesDashboardService(Db, Db.Clock));
        SignInAs(VanHuong, Roles.Producer);
    }

    [Fact]
    public void The_producer_sees_their_orders_in_figures_and_tables()
    {
        var page = Render<SalesPage>();
        page.WaitForAssertion(() => Assert.Contains("2", page.Find("[data-testid=sales-orders]").TextContent));
        var shipping = CheckoutOptions.Default.Shipping.FeeFor(_price);
        Assert.Contains(Money.FormatVnd(2 * (_price + shipping)), page.Find("[data-testid=sales-revenue]").TextContent);
        Assert.Single(page.FindAll("[data-testid=sales-series] tbody tr"));
        Assert.Contains("Đang chờ cửa hàng xác nhận", page.Find("[data-testid=sales-status]").TextContent);
        Assert.Contains("/xuat/ban-hang.csv?from=", page.Find("[data-testid=sales-csv]").GetAttribute("href"));
        Assert.NotEmpty(page.FindAll("[data-testid=sales-no-scans]"));
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_refused_and_the_figures_stay()
    {
        var page = Render<SalesPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=sales-revenue]")));
        page.Find("[data-testid=sales-from]").Change("2026-11-20");
        page.Find("[data-testid=sales-to]").Change("2026-11-10");
        await page.Find("[data-testid=sales-show]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Ngày kết thúc phải sau ngày bắt đầu", page.Find("[data-testid=sales-error]").TextContent));
        Assert.NotEmpty(page.FindAll("[data-testid=sales-revenue]"));
    }
}
