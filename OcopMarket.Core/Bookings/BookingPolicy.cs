using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Bookings.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Bookings;

/// <summary>The cancellation policy applied to a buyer's cancel of a paid booking.</summary>
internal static class BookingPolicy
{
    public static async Task EnsureRefundableAsync(OcopDbContext db, IReadOnlyList<(int ProductId, BookingChoice Choice)> booked,
        DateOnly today, CancellationToken ct)
    {
        var ids = booked.Select(b => b.ProductId).ToList();
        var offers = await db.BookableOffers.AsNoTracking().Where(o => ids.Contains(o.ProductId)).ToDictionaryAsync(o => o.ProductId, ct);
        foreach (var (productId, choice) in booked)
        {
            // An offer since withdrawn keeps no policy to apply: the buyer's cancel is refunded as any order's is.
            if (!offers.TryGetValue(productId, out var offer) || offer.RefundOnCancel(choice.Date, today) == CancellationRefund.Full) continue;
            var deadline = choice.Date.AddDays(-offer.FreeCancellationDays);
            throw new DomainException(new(
                $"Đã quá hạn huỷ miễn phí (đến hết ngày {deadline:dd/MM/yyyy}); chỗ đã đặt không được hoàn tiền. Vui lòng liên hệ nhà sản xuất nếu cần đổi ngày.",
                $"The free cancellation period ended on {deadline:dd/MM/yyyy}; this booking is not refunded. Please contact the producer to change the date."));
        }
    }
}
