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
        [new OrderLine(1, "Trà", "gói", 50_000, 2), new OrderLine(2, "Mật ong", "chai", 120_000, 1)], 30_000, LateEvening);

    [Fact]
    public void Placing_counts_the_order_under_its_status_and_its_lines_as_sold_on_its_Vietnamese_day()
    {
        var order = Cod();
        var (sales, products) = SalesDeltas.For(order, null, order.Status);
        var s = Assert.Single(sales);
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
        var (sales, products) = SalesDeltas.For(order, OrderStatus.AwaitingConfirmation, order.Status);
        Assert.Equal([(OrderStatus.AwaitingConfirmation, -1, -250_000L), (OrderStatus.Confirmed, 1, 250_000L)],
            sales.Select(x => (x.Status, x.Orders, x.RevenueVnd)));
        Assert.Empty(products);
        Assert.All(sales, x => Assert.Equal(new DateOnly(2026, 12, 1), x.Day)); // the day it was placed, not the day it moved
    }

    [Fact]
    public void Cancelling_takes_the_lines_out_of_the_products_sold()
    {
        var order = Cod();
        order.Cancel(CancelledBy.Buyer, "Đổi ý", LateEvening.AddHours(1));
        var (sales, products) = SalesDeltas.For(order, OrderStatus.AwaitingConfirmation, OrderStatus.Cancelled);
        Assert.Equal([-1, 1], sales.Select(x => x.Orders));
        Assert.Equal([(1, -2, -100_000L), (2, -1, -120_000L)], products.Select(p => (p.ProductId, p.Units, p.RevenueVnd)));
        // An order placed already cancelled (imported) sold nothing, and one deleted takes out what it counted.
        Assert.Empty(SalesDeltas.For(order, null, OrderStatus.Cancelled).Products);
        Assert.Equal(-1, Assert.Single(SalesDeltas.For(order, OrderStatus.Cancelled, null).Sales).Orders);
    }

    [Fact]
    public void No_change_of_status_changes_nothing()
    {
        var order = Cod();
        var (sales, products) = SalesDeltas.For(order, order.Status, order.Status);
        Assert.Empty(sales);
        Assert.Empty(products);
    }
}
