using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers.Domain;

namespace OcopMarket.Core.Admin;

public sealed record SuspendedProducerOrderRow(int OrderId, string Number, int ProducerId, string ProducerName, OrderStatus Status,
    PaymentMethod Payment, bool IsPaid, long TotalVnd, DateTime PlacedAt);

/// <summary>
/// The open orders of suspended producers, which their own portal no longer shows them. The officer cancels an order
/// (stock returned, a card payment refunded, the buyer told, all through <see cref="OrderCancellation"/>) or leaves it
/// open for the producer to fulfil once restored.
/// </summary>
public sealed class SuspendedProducerOrderService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, CardPaymentService cards)
{
    private static readonly OrderStatus[] Open = [OrderStatus.AwaitingPayment, OrderStatus.AwaitingConfirmation, OrderStatus.Confirmed, OrderStatus.Packed, OrderStatus.Shipped];

    public async Task<IReadOnlyList<SuspendedProducerOrderRow>> OpenOrdersAsync(Actor actor, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (from o in db.Orders.AsNoTracking()
                          join p in db.Producers on o.ProducerId equals p.Id
                          where p.Status == VerificationStatus.Suspended && Open.Contains(o.Status)
                          select new SuspendedProducerOrderRow(o.Id, o.Number, p.Id, p.Name, o.Status, o.Payment, o.IsPaid, o.TotalVnd, o.PlacedAt))
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.PlacedAt).ThenBy(r => r.OrderId)];
    }

    /// <summary>Cancels an open order of a suspended producer, with a reason the buyer sees.</summary>
    /// <exception cref="NotFoundException">No such order, or its producer is not suspended (then it is theirs to handle).</exception>
    public Task CancelAsync(Actor actor, int orderId, string reason, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        return OrderCancellation.CancelAsync(dbFactory, async (db, token) =>
            await (from o in db.Orders.Include(o => o.Lines).Include(o => o.Events)
                   join p in db.Producers on o.ProducerId equals p.Id
                   where o.Id == orderId && p.Status == VerificationStatus.Suspended
                   select o).FirstOrDefaultAsync(token)
            ?? throw new NotFoundException(new("Không tìm thấy đơn hàng của nhà sản xuất bị tạm ngừng.", "No such order of a suspended producer.")),
            CancelledBy.Officer, reason, cards, clock, ct);
    }
}
