using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Reference;
using OcopMarket.Core.Text;
using OcopMarket.Core.VietQr;

namespace OcopMarket.Core.Orders;

public sealed record OrderLineView(string ProductName, string Unit, long UnitPriceVnd, int Quantity, long LineTotalVnd);

/// <param name="EmailedTo">The buyer's email address, masked (EmailMask), when the order's confirmation and its link were sent to it.</param>
/// <param name="VietQrPayload">For an unpaid transfer: the EMVCo payload to draw as a QR (bank, account, amount, order number).</param>
public sealed record BuyerOrderView(int Id, string Number, string ProducerName, OrderStatus Status, PaymentMethod Payment,
    IReadOnlyList<OrderLineView> Lines, long SubtotalVnd, long ShippingFeeVnd, long TotalVnd, DateTime PlacedAt,
    DateTime? PaymentDueAt, IReadOnlyList<OrderEvent> Events, string? Carrier, string? TrackingNumber, string? CancelReason,
    string? BankName, string? BankAccountNumber, string? BankAccountName, string? VietQrPayload, bool IsPaid, bool IsRefunded,
    string? EmailedTo = null);

public sealed record MyOrderRow(Guid CheckoutId, string Number, string ProducerName, OrderStatus Status, long TotalVnd, DateTime PlacedAt);

/// <summary>What a buyer may see of their orders: by the secret of the guest link, or as the signed-in buyer.</summary>
public sealed class OrderQueryService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, CardPaymentService cards)
{
    /// <summary>
    /// The buyer cancels one order of their checkout before it ships (same access rule as viewing it);
    /// the units go back into stock in the same transaction. A card payment is refunded through Stripe first.
    /// </summary>
    public Task CancelByBuyerAsync(Guid checkoutId, int orderId, string? accessToken, Actor? actor, CancellationToken ct = default) =>
        OrderCancellation.CancelAsync(dbFactory, async (db, token) =>
        {
            var order = await db.Orders.Include(o => o.Lines).Include(o => o.Events)
                .FirstOrDefaultAsync(o => o.Id == orderId && o.CheckoutId == checkoutId, token);
            if (order is null || !OrderAccess.Allows(order, accessToken, actor))
                throw new NotFoundException(new("Không tìm thấy đơn hàng.", "Order not found."));
            return order;
        }, CancelledBy.Buyer, null, cards, clock, ct);

    /// <summary>The signed-in buyer's orders, newest first.</summary>
    public async Task<IReadOnlyList<MyOrderRow>> MineAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EmailConfirmation.RequireAsync(db, actor, ct);
        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.BuyerUserId == actor.UserId)
            .OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id).Take(200).ToListAsync(ct);
        var ids = orders.Select(o => o.ProducerId).Distinct().ToList();
        var names = await db.Producers.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return [.. orders.Select(o => new MyOrderRow(o.CheckoutId, o.Number, names[o.ProducerId], o.Status, o.TotalVnd, o.PlacedAt))];
    }

    /// <exception cref="NotFoundException">Unknown checkout, wrong secret, or somebody else's orders.</exception>
    public async Task<IReadOnlyList<BuyerOrderView>> CheckoutAsync(Guid checkoutId, string? accessToken, Actor? actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Events)
            .Where(o => o.CheckoutId == checkoutId).OrderBy(o => o.Id).ToListAsync(ct);
        var allowed = orders.Count > 0 && orders.All(o => OrderAccess.Allows(o, accessToken, actor));
        if (!allowed) throw new NotFoundException(new("Không tìm thấy đơn hàng.", "Order not found."));

        var producerIds = orders.Select(o => o.ProducerId).Distinct().ToList();
        var producers = await db.Producers.AsNoTracking().Where(p => producerIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.BankBin, p.BankAccountNumber, p.BankAccountName })
            .ToDictionaryAsync(p => p.Id, ct);
        return [.. orders.Select(o =>
        {
            var p = producers[o.ProducerId];
            var showBank = o.Payment == PaymentMethod.BankTransfer && o.Status == OrderStatus.AwaitingPayment
                && p.BankBin is not null && p.BankAccountNumber is not null;
            return new BuyerOrderView(o.Id, o.Number, p.Name, o.Status, o.Payment,
                [.. o.Lines.Select(l => new OrderLineView(l.ProductName, l.Unit, l.UnitPriceVnd, l.Quantity, l.LineTotalVnd))],
                o.SubtotalVnd, o.ShippingFeeVnd, o.TotalVnd, o.PlacedAt, o.PaymentDueAt, [.. o.Events.OrderBy(e => e.AtUtc)],
                o.Carrier, o.TrackingNumber, o.CancelReason,
                showBank ? ReferenceData.Banks.FirstOrDefault(b => b.Bin == p.BankBin)?.ShortName : null,
                showBank ? p.BankAccountNumber : null, showBank ? p.BankAccountName : null,
                showBank ? VietQrPayload.Build(new VietQrRequest(p.BankBin!, p.BankAccountNumber!, o.TotalVnd, o.Number)) : null,
                o.IsPaid, o.RefundId is not null, o.BuyerEmail is { } email ? EmailMask.Mask(email) : null);
        })];
    }
}
