using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Orders;

/// <summary>
/// Unpaid transfer and card orders past their payment window, and cash-on-delivery orders the producer did not
/// confirm within their confirmation window, are cancelled and give their stock back.
/// </summary>
/// <remarks>
/// Several nodes may run this at once on one database. Each order is cancelled in a short transaction of its own,
/// and Status is a concurrency token: when another node (or a payment, or the producer) changed the order first,
/// that order's save fails, its transaction rolls back with the stock it gave back, and the run goes on with the
/// next one. So each order is cancelled once, its stock returned once and its emails queued once.
/// </remarks>
public sealed class OrderExpiryService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The reason the buyer and the producer see (the order keeps one text, so it carries both languages).</summary>
    public const string NotConfirmedInTime = "Cửa hàng chưa xác nhận đơn kịp thời hạn / The shop did not confirm the order in time";

    /// <returns>How many orders this run expired (orders another node expired first are not counted).</returns>
    public async Task<int> ExpireDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<int> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            due = await Due(db, now).OrderBy(o => o.Id).Select(o => o.Id).Take(500).ToListAsync(ct);
        }
        var expired = 0;
        foreach (var id in due)
        {
            if (await ExpireAsync(id, now, ct)) expired++;
        }
        return expired;
    }

    private static IQueryable<Order> Due(OcopDbContext db, DateTime now) =>
        db.Orders.Where(o => o.Status == OrderStatus.AwaitingPayment && o.PaymentDueAt <= now
                             || o.Status == OrderStatus.AwaitingConfirmation && o.ConfirmationDueAt <= now);

    /// <returns>False when the order was no longer due: paid, confirmed or cancelled by someone else meanwhile.</returns>
    private async Task<bool> ExpireAsync(int orderId, DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await Due(db, now).Include(o => o.Lines).Include(o => o.Events).SingleOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null) return false;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        order.Cancel(CancelledBy.Expiry, order.Status == OrderStatus.AwaitingConfirmation ? NotConfirmedInTime : "Quá hạn thanh toán", now);
        await OrderStock.ReturnAsync(db, order, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Its status changed since it was read: whoever changed it handled it. The stock given back rolls back.
            await transaction.RollbackAsync(ct);
            return false;
        }
        await transaction.CommitAsync(ct);
        return true;
    }
}
