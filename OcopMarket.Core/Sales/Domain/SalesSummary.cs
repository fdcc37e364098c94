using OcopMarket.Core.Common;
using OcopMarket.Core.Orders.Domain;

namespace OcopMarket.Core.Sales.Domain;

/// <summary>
/// A producer's orders of one Vietnamese day (the day they were placed) in one status and payment method: how many,
/// and their total (goods and shipping). Kept by folding <see cref="SalesDelta"/>s into it, never written otherwise.
/// </summary>
public sealed class SalesDay
{
    private SalesDay() { }

    public int ProducerId { get; private set; }
    public DateOnly Day { get; private set; }
    public OrderStatus Status { get; private set; }
    public PaymentMethod Payment { get; private set; }
    public int Orders { get; private set; }

    /// <summary>Of <see cref="Orders"/>, those with a known buyer (an account or a delivery phone): the repeat-buyer share's base.</summary>
    public int OrdersWithBuyer { get; private set; }

    public long RevenueVnd { get; private set; }
}

/// <summary>Units and revenue of one product on a Vietnamese day, of the orders placed that day and not cancelled.</summary>
public sealed class ProductSalesDay
{
    private ProductSalesDay() { }

    public int ProducerId { get; private set; }
    public DateOnly Day { get; private set; }
    public int ProductId { get; private set; }
    public int Units { get; private set; }
    public long RevenueVnd { get; private set; }
}

/// <summary>
/// One order entering (+1) or leaving (−1) a <see cref="SalesDay"/> row, written in the SaveChanges that placed or
/// moved the order. Only ever inserted, so concurrent writers never touch the same row; folded into the summary later.
/// </summary>
public sealed class SalesDelta
{
    private SalesDelta() { }

    public SalesDelta(int producerId, DateOnly day, OrderStatus status, PaymentMethod payment, int orders, int ordersWithBuyer, long revenueVnd)
    {
        (ProducerId, Day, Status, Payment, Orders, OrdersWithBuyer, RevenueVnd) = (producerId, day, status, payment, orders, ordersWithBuyer, revenueVnd);
    }

    public long Id { get; private set; }
    public int ProducerId { get; private set; }
    public DateOnly Day { get; private set; }
    public OrderStatus Status { get; private set; }
    public PaymentMethod Payment { get; private set; }
    public int Orders { get; private set; }
    public int OrdersWithBuyer { get; private set; }
    public long RevenueVnd { get; private set; }
}

/// <summary>A product's units and revenue entering or leaving a <see cref="ProductSalesDay"/> (insert-only, as <see cref="SalesDelta"/>).</summary>
public sealed class ProductSalesDelta
{
    private ProductSalesDelta() { }

    public ProductSalesDelta(int producerId, DateOnly day, int productId, int units, long revenueVnd)
    {
        (ProducerId, Day, ProductId, Units, RevenueVnd) = (producerId, day, productId, units, revenueVnd);
    }

    public long Id { get; private set; }
    public int ProducerId { get; private set; }
    public DateOnly Day { get; private set; }
    public int ProductId { get; private set; }
    public int Units { get; private set; }
    public long RevenueVnd { get; private set; }
}

/// <summary>
/// A buyer's orders with one producer on one Vietnamese day, not cancelled. Read only for the buyers who ordered more
/// than once (<see cref="SalesBuyer"/>): the repeat-buyer share needs no row of the many who bought once.
/// </summary>
public sealed class BuyerSalesDay
{
    private BuyerSalesDay() { }

    public int ProducerId { get; private set; }

    /// <summary>The buyer: their account id, or the phone a guest gave (<see cref="SalesDeltas.BuyerOf"/>).</summary>
    public string Buyer { get; private set; } = "";

    public DateOnly Day { get; private set; }
    public int Orders { get; private set; }
}

/// <summary>A buyer's orders with one producer, all time, not cancelled: those with two or more may repeat in a period.</summary>
public sealed class SalesBuyer
{
    private SalesBuyer() { }

    public int ProducerId { get; private set; }
    public string Buyer { get; private set; } = "";
    public int Orders { get; private set; }
}

/// <summary>A buyer's order entering (+1) or leaving (−1) their <see cref="BuyerSalesDay"/> and <see cref="SalesBuyer"/> (insert-only).</summary>
public sealed class BuyerDelta
{
    private BuyerDelta() { }

    public BuyerDelta(int producerId, string buyer, DateOnly day, int orders)
    {
        (ProducerId, Buyer, Day, Orders) = (producerId, buyer, day, orders);
    }

    public long Id { get; private set; }
    public int ProducerId { get; private set; }
    public string Buyer { get; private set; } = "";
    public DateOnly Day { get; private set; }
    public int Orders { get; private set; }
}

/// <summary>The summary changes one order's change makes: what was counted before is taken out, what holds now is put in.</summary>
public static class SalesDeltas
{
    /// <param name="was">The status the order was counted under; null for an order not counted yet (being placed).</param>
    /// <param name="now">The status it has now; null for an order that is gone (deleted).</param>
    /// <summary>Who bought, for repeat buyers: the account, or the phone a guest gave; null when neither is known.</summary>
    public static string? BuyerOf(Order order) => order.BuyerUserId ?? order.Delivery?.Phone;

    public static (List<SalesDelta> Sales, List<ProductSalesDelta> Products, List<BuyerDelta> Buyers) For(Order order, OrderStatus? was, OrderStatus? now)
    {
        var sales = new List<SalesDelta>();
        var products = new List<ProductSalesDelta>();
        var buyers = new List<BuyerDelta>();
        if (was == now) return (sales, products, buyers);
        var day = VietnamClock.DayOf(order.PlacedAt);
        var total = order.TotalVnd;
        var buyer = BuyerOf(order);
        var withBuyer = buyer is null ? 0 : 1;
        if (was is { } before) sales.Add(new SalesDelta(order.ProducerId, day, before, order.Payment, -1, -withBuyer, -total));
        if (now is { } after) sales.Add(new SalesDelta(order.ProducerId, day, after, order.Payment, 1, withBuyer, total));
        // Products count only what was sold: an order's lines leave the best sellers when it is cancelled, and cancelled
        // is final, so they never come back.
        var soldBefore = was is { } b && b != OrderStatus.Cancelled;
        var soldNow = now is { } a && a != OrderStatus.Cancelled;
        if (soldBefore != soldNow)
        {
            var sign = soldNow ? 1 : -1;
            products.AddRange(order.Lines.Select(l => new ProductSalesDelta(order.ProducerId, day, l.ProductId, sign * l.Quantity, sign * l.LineTotalVnd)));
            if (buyer is not null) buyers.Add(new BuyerDelta(order.ProducerId, buyer, day, sign));
        }
        return (sales, products, buyers);
    }
}
