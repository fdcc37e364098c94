using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Bookings;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Orders;

/// <summary>
/// Cancelling an order, whoever asks: the rules first, then a card payment goes back through Stripe, then the
/// order is cancelled and its units returned in one transaction.
/// </summary>
internal static class OrderCancellation
{
    public static async Task CancelAsync(IDbContextFactory<OcopDbContext> dbFactory, Func<OcopDbContext, CancellationToken, Task<Order>> load,
        CancelledBy by, string? reason, CardPaymentService cards, TimeProvider clock, CancellationToken ct)
    {
        var refunded = false;
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var order = await load(db, ct);
            try
            {
                order.EnsureCancellable(by, reason, clock.GetUtcNow().UtcDateTime);
            }
            catch (DomainException) when (refunded)
            {
                // The money went back, then the order moved on (shipped) before it could be cancelled.
                throw new DomainException(new(
                    $"Đã hoàn tiền cho đơn {order.Number} nhưng đơn vừa được giao cho vận chuyển nên chưa huỷ được; hãy liên hệ bộ phận hỗ trợ.",
                    $"Order {order.Number} was refunded, but it has just been handed to the carrier, so it could not be cancelled; please contact support."));
            }
            // A paid booking is refunded only within its offer's policy; after that the buyer cannot cancel it here
            // (the producer still can, and decides about the money with the guest).
            if (by == CancelledBy.Buyer && order.IsPaid && order.Lines.Any(l => l.Booking is not null))
                await BookingPolicy.EnsureRefundableAsync(db, [.. order.Lines.Where(l => l.Booking is not null).Select(l => (l.ProductId, l.Booking!))],
                    VietnamClock.DayOf(clock.GetUtcNow().UtcDateTime), ct);
            // Once money may be on its way back, the cancel is finished even if the caller hangs up. A second
            // attempt asks Stripe again with the same idempotency key and gets the same refund, not a new one.
            await cards.RefundAsync(order, CancellationToken.None);
            refunded |= order.RefundId is not null;
            var now = clock.GetUtcNow().UtcDateTime;
            order.Cancel(by, reason, now);
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
                await OrderStock.ReturnAsync(db, order, now, CancellationToken.None);
                await db.SaveChangesAsync(CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt == 1)
            {
                // Someone moved the order meanwhile (packed it, paid it): read it again and cancel what it is now.
            }
        }
    }
}
