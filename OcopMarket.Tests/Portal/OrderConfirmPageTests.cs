using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Components.Pages.Portal;

namespace OcopMarket.Tests.Portal;

/// <summary>The producer sees a cash-on-delivery order waiting for their call first, and confirms it from its page.</summary>
public sealed class OrderConfirmPageTests : InteractivePageTest
{
    private PlacedOrder _waiting = null!, _confirmed = null!;

    protected override async Task SetUpAsync()
    {
        var (teaId, price) = await TeaInStockAsync(5);
        var checkout = new CheckoutService(Db, Db.Clock, CheckoutOptions.Default);
        var orders = new ProducerOrderService(Db, Db.Clock, Db.Cards());
        _waiting = (await checkout.PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(teaId, 1, price)], new DeliveryAddress("Mai", "0912345678", "Số 5", "05503", "19", null),
            PaymentMethod.CashOnDelivery, null, null))).Orders.Single();
        // A newer order the producer already confirmed: newest first would put it on top, but the one to call comes first.
        Db.Clock.Now += TimeSpan.FromMinutes(10);
        _confirmed = (await checkout.PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(teaId, 1, price)], new DeliveryAddress("Lan", "0987654321", "Số 9", "05503", "19", null),
            PaymentMethod.CashOnDelivery, null, null))).Orders.Single();
        await orders.ConfirmAsync(HaoDat, _confirmed.Id);
        Services.AddSingleton(orders);
        Services.AddSingleton(new OcopMarket.Core.Legal.LegalSettings());
        SignInAs(HaoDat, Roles.Producer);
    }

    [Fact]
    public void The_order_list_puts_the_order_to_confirm_first_and_says_how_many_wait()
    {
        var page = Render<OrderListPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=order-row]").Count));
        var rows = page.FindAll("[data-testid=order-row]");
        Assert.Contains(_waiting.Number, rows[0].TextContent);
        Assert.Contains("Đang chờ cửa hàng xác nhận", rows[0].TextContent);
        Assert.Contains(_confirmed.Number, rows[1].TextContent);
        Assert.StartsWith("1 đơn thanh toán khi nhận hàng đang chờ bạn gọi xác nhận", page.Find("[data-testid=orders-to-confirm]").TextContent.Trim());
    }

    [Fact]
    public async Task The_producer_confirms_a_cash_order_from_its_page_and_can_then_pack_it()
    {
        var page = Render<OrderDetailPage>(p => p.Add(x => x.Id, _waiting.Id));

        page.WaitForAssertion(() => Assert.Contains("Đang chờ cửa hàng xác nhận", page.Find("[data-testid=order-status]").TextContent));
        Assert.Contains("0912345678", page.Find("[data-testid=confirm-hint]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=pack]")); // not before the call
        Assert.NotEmpty(page.FindAll("[data-testid=cancel]")); // the producer may still decline it

        await page.Find("[data-testid=confirm]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Đã xác nhận", page.Find("[data-testid=order-status]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=confirm]"));
        Assert.NotEmpty(page.FindAll("[data-testid=pack]"));
        await using var db = Db.CreateDbContext();
        Assert.Equal(OrderStatus.Confirmed, await db.Orders.Where(o => o.Id == _waiting.Id).Select(o => o.Status).SingleAsync());
    }
}
