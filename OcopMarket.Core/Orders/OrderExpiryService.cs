using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Orders;

/// <summary>
/// Unpaid transfer and card orders past their payment window, and cash-on-delivery orders the producer did not
/// confirm within their confirmation window, are cancelled and give their stock back.
/// </summary>
/// <remarks>
/// Several nodes may run this at once on one database. The due orders of one checkout are cancelled together in a
/// short transaction of their own, and Status is a concurrency token: when another node (or a payment, or the
/// producer) changed one of them first, that checkout's save fails, its transaction rolls back with the stock it gave
/// back, and the run goes on with the next checkout. So each order is cancelled once, its stock returned once and its
/// emails queued once; and one card payment covering a checkout's orders never meets some of them paid and others
/// expired (a run cancelling order by order let a payment land between two of them).
/// </remarks>
public sealed class OrderExpiryService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The reason the buyer and the producer see (the order keeps one text, so it carries both languages).</summary>
    public const string NotConfirmedInTime = "Cửa hàng chưa xác nhận đơn kịp thời hạn / The shop did not confirm the order in time";

    /// <returns>How many orders this run expired (orders another node expired first are not counted).</returns>
    public async Task<int> ExpireDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Guid> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            due = [.. (await Due(db, now).OrderBy(o => o.Id).Select(o => o.CheckoutId).Take(500).ToListAsync(ct)).Distinct()];
        }
        var expired = 0;
        foreach (var checkoutId in due) expired += await ExpireAsync(checkoutId, now, ct);
        return expired;
    }

    private static IQueryable<Order> Due(OcopDbContext db, DateTime now) =>
        db.Orders.Where(o => o.Status == OrderStatus.AwaitingPayment && o.PaymentDueAt <= now
                             || o.Status == OrderStatus.AwaitingConfirmation && o.ConfirmationDueAt <= now);

    /// <returns>How many orders of the checkout it cancelled: 0 when none was still due, or when one of them was paid,
    /// confirmed or cancelled by someone else meanwhile (then the checkout is left to whoever changed it).</returns>
    private async Task<int> ExpireAsync(Guid checkoutId, DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var orders = await Due(db, now).Where(o => o.CheckoutId == checkoutId).Include(o => o.Lines).Include(o => o.Events)
            .OrderBy(o => o.Id).ToListAsync(ct);
        if (orders.Count == 0) return 0;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var order in orders)
        {
            order.Cancel(CancelledBy.Expiry, order.Status == OrderStatus.AwaitingConfirmation ? NotConfirmedInTime : "Quá hạn thanh toán", now);
            await OrderStock.ReturnAsync(db, order, now, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Its status changed since it was read: whoever changed it handled it. The stock given back rolls back.
            await transaction.RollbackAsync(ct);
            return 0;
        }
        await transaction.CommitAsync(ct);
        return orders.Count;
    }
}
