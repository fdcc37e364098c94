using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Bookings.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Bookings;

/// <summary>The checks a checkout makes on its bookings before it takes any place (the rules need the offers and closed dates).</summary>
internal static class BookingRules
{
    public static readonly UserText NoCashOnDelivery = new(
        "Đặt chỗ du lịch không nhận thanh toán khi nhận hàng: vui lòng chọn chuyển khoản hoặc thẻ.",
        "Bookings cannot be paid on delivery: please choose bank transfer or card.");

    /// <returns>The offers of the booked products, by product id.</returns>
    public static async Task<IReadOnlyDictionary<int, BookableOffer>> CheckAsync(OcopDbContext db,
        IReadOnlyList<(int ProductId, BookingChoice? Booking)> lines, bool cashOnDelivery, DateOnly today, CancellationToken ct)
    {
        var ids = lines.Select(l => l.ProductId).ToList();
        var offers = await db.BookableOffers.AsNoTracking().Where(o => ids.Contains(o.ProductId)).ToDictionaryAsync(o => o.ProductId, ct);
        if (offers.Count == 0 && lines.All(l => l.Booking is null)) return offers;
        // Nobody has paid anything for a cash booking, so a night could be held by someone who never comes.
        if (cashOnDelivery) throw new DomainException(NoCashOnDelivery);
        var bookedIds = lines.Where(l => l.Booking is not null).Select(l => l.ProductId).ToList();
        var closed = (await db.BookingClosedDates.AsNoTracking().Where(c => bookedIds.Contains(c.ProductId) && c.Date >= today)
                .Select(c => new { c.ProductId, c.Date }).ToListAsync(ct))
            .GroupBy(c => c.ProductId).ToDictionary(g => g.Key, g => (IReadOnlySet<DateOnly>)g.Select(c => c.Date).ToHashSet());
        foreach (var (productId, booking) in lines)
        {
            var offer = offers.GetValueOrDefault(productId);
            if (offer is null && booking is null) continue;
            if (offer is null) throw new DomainException(new("Dịch vụ này không còn nhận đặt chỗ.", "This service no longer takes bookings."));
            if (booking is null) throw new DomainException(new(
                "Dịch vụ du lịch cần chọn ngày: vui lòng đặt lại từ trang sản phẩm.",
                "A tourism service needs a date: please book it again from its page."));
            offer.Check(booking, today, closed.GetValueOrDefault(productId) ?? new HashSet<DateOnly>());
        }
        return offers;
    }

    /// <summary>Places left on a date and slot, for the refusal's message.</summary>
    public static async Task<int> LeftAsync(OcopDbContext db, BookableOffer offer, DateOnly day, string slot, CancellationToken ct)
    {
        if (await db.BookingClosedDates.AnyAsync(c => c.ProductId == offer.ProductId && c.Date == day, ct)) return 0;
        var taken = await db.BookingDays.Where(d => d.ProductId == offer.ProductId && d.Date == day && d.Slot == slot)
            .Select(d => (int?)d.Taken).FirstOrDefaultAsync(ct) ?? 0;
        return Math.Max(0, offer.PlacesPerSlot - taken);
    }
}
