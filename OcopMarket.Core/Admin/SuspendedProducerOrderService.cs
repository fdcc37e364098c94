using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers.Domain;

namespace OcopMarket.Core.Admin;

public sealed record SuspendedProducerOrderRow(int OrderId, string Number, int ProducerId, string ProducerName, OrderStatus Status,
    PaymentMethod Payment, bool IsPaid, long TotalVnd, DateTime PlacedAt, bool FulfilmentAllowed);

/// <summary>
/// The open orders of suspended producers, which their own portal no longer shows them. The officer cancels an order
/// (stock returned, a card payment refunded, the buyer told, all through <see cref="OrderCancellation"/>) or leaves it
/// open: the producer fulfils it once restored, or at once if the officer lets them (<see cref="AllowFulfilmentAsync"/>).
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
                          select new { o, p.Name })
            .ToListAsync(ct);
        return [.. rows.Select(r => new SuspendedProducerOrderRow(r.o.Id, r.o.Number, r.o.ProducerId, r.Name, r.o.Status, r.o.Payment,
                r.o.IsPaid, r.o.TotalVnd, r.o.PlacedAt, r.o.FulfilmentAllowedWhileSuspended))
            .OrderBy(r => r.PlacedAt).ThenBy(r => r.OrderId)];
    }

    private static IQueryable<Order> OfSuspendedProducers(OcopDbContext db, int orderId) =>
        from o in db.Orders.Include(o => o.Lines).Include(o => o.Events)
        join p in db.Producers on o.ProducerId equals p.Id
        where o.Id == orderId && p.Status == VerificationStatus.Suspended
        select o;

    private static NotFoundException NoSuchOrder() =>
        new(new("Không tìm thấy đơn hàng của nhà sản xuất bị tạm ngừng.", "No such order of a suspended producer."));

    /// <summary>
    /// Lets the suspended producer fulfil this order (their portal opens it, and only it): the buyer still gets
    /// what they ordered, while the producer can sell nothing new.
    /// </summary>
    public async Task AllowFulfilmentAsync(Actor actor, int orderId, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await OfSuspendedProducers(db, orderId).FirstOrDefaultAsync(ct) ?? throw NoSuchOrder();
        order.AllowFulfilmentWhileSuspended();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Cancels an open order of a suspended producer, with a reason the buyer sees.</summary>
    /// <exception cref="NotFoundException">No such order, or its producer is not suspended (then it is theirs to handle).</exception>
    public Task CancelAsync(Actor actor, int orderId, string reason, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        return OrderCancellation.CancelAsync(dbFactory,
            async (db, token) => await OfSuspendedProducers(db, orderId).FirstOrDefaultAsync(token) ?? throw NoSuchOrder(),
            CancelledBy.Officer, reason, cards, clock, ct);
    }
}
