using OcopMarket.Core.Common;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Sales.Domain;

namespace OcopMarket.Tests.Sales;

/// <summary>The summary changes of one order's change, without a database.</summary>
public sealed class SalesDeltasTests
{
    // 23:30 in Vietnam on 1 December is 16:30 UTC: the order belongs to the 1st, not the 2nd nor (by UTC date) the 1st by luck.
    private static readonly DateTime LateEvening = new(2026, 12, 1, 16, 30, 0, DateTimeKind.Utc);

    private static Order Cod() => new("A1", Guid.NewGuid(), 7, PaymentMethod.CashOnDelivery,
        [new OrderLine(1, "Trà", "gói", 50_000, 2), new OrderLine(2, "Mật ong", "chai", 120_000, 1)], 30_000, LateEvening,
        delivery: new DeliveryAddress("Khách", "0912345678", "Số 1", "05503", "19", null));

    [Fact]
    public void Placing_counts_the_order_under_its_status_and_its_lines_as_sold_on_its_Vietnamese_day()
    {
        var order = Cod();
        var (sales, products, buyers) = SalesDeltas.For(order, null, order.Status);
        var s = Assert.Single(sales);
        Assert.Equal(1, s.OrdersWithBuyer);
        var buyer = Assert.Single(buyers);
        Assert.Equal(("0912345678", new DateOnly(2026, 12, 1), 1), (buyer.Buyer, buyer.Day, buyer.Orders)); // a guest is their phone
        Assert.Equal((7, new DateOnly(2026, 12, 1), OrderStatus.AwaitingConfirmation, PaymentMethod.CashOnDelivery, 1, 250_000L),
            (s.ProducerId, s.Day, s.Status, s.Payment, s.Orders, s.RevenueVnd));
        Assert.Equal(VietnamClock.DayOf(LateEvening), s.Day);
        Assert.Equal([(1, 2, 100_000L), (2, 1, 120_000L)], products.Select(p => (p.ProductId, p.Units, p.RevenueVnd)));
    }

    [Fact]
    public void A_status_move_moves_the_order_between_statuses_and_leaves_the_products_alone()
    {
        var order = Cod();
        order.ConfirmByProducer(LateEvening.AddHours(1));
        var (sales, products, buyers) = SalesDeltas.For(order, OrderStatus.AwaitingConfirmation, order.Status);
        Assert.Equal([(OrderStatus.AwaitingConfirmation, -1, -250_000L), (OrderStatus.Confirmed, 1, 250_000L)],
            sales.Select(x => (x.Status, x.Orders, x.RevenueVnd)));
        Assert.Empty(products);
        Assert.Empty(buyers); // still one order of the same buyer
        Assert.All(sales, x => Assert.Equal(new DateOnly(2026, 12, 1), x.Day)); // the day it was placed, not the day it moved
    }

    [Fact]
    public void Cancelling_takes_the_lines_out_of_the_products_sold()
    {
        var order = Cod();
        order.Cancel(CancelledBy.Buyer, "Đổi ý", LateEvening.AddHours(1));
        var (sales, products, buyers) = SalesDeltas.For(order, OrderStatus.AwaitingConfirmation, OrderStatus.Cancelled);
        Assert.Equal([-1, 1], sales.Select(x => x.Orders));
        Assert.Equal(-1, Assert.Single(buyers).Orders); // a cancelled order is no purchase of its buyer
        Assert.Equal([(1, -2, -100_000L), (2, -1, -120_000L)], products.Select(p => (p.ProductId, p.Units, p.RevenueVnd)));
        // An order placed already cancelled (imported) sold nothing, and one deleted takes out what it counted.
        Assert.Empty(SalesDeltas.For(order, null, OrderStatus.Cancelled).Products);
        Assert.Equal(-1, Assert.Single(SalesDeltas.For(order, OrderStatus.Cancelled, null).Sales).Orders);
    }

    [Fact]
    public void A_signed_in_buyer_is_their_account_and_an_order_without_buyer_counts_in_no_buyer_share()
    {
        var account = new Order("A2", Guid.NewGuid(), 7, PaymentMethod.CashOnDelivery, [new OrderLine(1, "Trà", "gói", 50_000, 1)], 0, LateEvening,
            delivery: new DeliveryAddress("Khách", "0912345678", "Số 1", "05503", "19", null), buyerUserId: "user-1");
        Assert.Equal("user-1", Assert.Single(SalesDeltas.For(account, null, account.Status).Buyers).Buyer);
        var nobody = new Order("A3", Guid.NewGuid(), 7, PaymentMethod.CashOnDelivery, [new OrderLine(1, "Trà", "gói", 50_000, 1)], 0, LateEvening);
        var (sales, _, buyers) = SalesDeltas.For(nobody, null, nobody.Status);
        Assert.Equal((1, 0), (Assert.Single(sales).Orders, sales[0].OrdersWithBuyer));
        Assert.Empty(buyers);
    }

    [Fact]
    public void No_change_of_status_changes_nothing()
    {
        var order = Cod();
        var (sales, products, buyers) = SalesDeltas.For(order, order.Status, order.Status);
        Assert.Empty(sales);
        Assert.Empty(products);
        Assert.Empty(buyers);
    }
}
