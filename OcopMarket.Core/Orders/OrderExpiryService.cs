using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Orders;

/// <summary>
/// Unpaid transfer and card orders past their payment window, and cash-on-delivery orders the producer did not
/// confirm within their confirmation window, are cancelled and give their stock back.
/// </summary>
public sealed class OrderExpiryService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The reason the buyer and the producer see (the order keeps one text, so it carries both languages).</summary>
    public const string NotConfirmedInTime = "Cửa hàng chưa xác nhận đơn kịp thời hạn / The shop did not confirm the order in time";

    /// <returns>How many orders expired.</returns>
    public async Task<int> ExpireDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.Orders.Include(o => o.Lines).Include(o => o.Events)
            .Where(o => o.Status == OrderStatus.AwaitingPayment && o.PaymentDueAt <= now
                        || o.Status == OrderStatus.AwaitingConfirmation && o.ConfirmationDueAt <= now)
            .Take(500).ToListAsync(ct);
        if (due.Count == 0) return 0;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var order in due)
        {
            order.Cancel(CancelledBy.Expiry, order.Status == OrderStatus.AwaitingConfirmation ? NotConfirmedInTime : "Quá hạn thanh toán", now);
            await OrderStock.ReturnAsync(db, order, ct);
        }
        // Status is a concurrency token: if a payment or the producer confirmed one of these orders meanwhile, this save fails and
        // the whole batch (stock included) rolls back rather than cancelling a paid or confirmed order; the next run retries.
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return due.Count;
    }
}
