using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Bookings.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Reference.Domain;

namespace OcopMarket.Core.Bookings;

/// <summary>
/// The OCOP group-6 (community and eco tourism) products of the seed data become bookable offers with demo
/// calendars: a homestay's rooms by the night, tours by the person or the group, with weekdays, a season and slots
/// where they fit. Idempotent: only when there are no offers yet, so a producer's own settings are never replaced.
/// </summary>
public static class BookingSeeder
{
    public static async Task SeedAsync(OcopDbContext db, CancellationToken ct = default)
    {
        if (await db.BookableOffers.AnyAsync(ct)) return;
        var tourism = await db.Products.AsNoTracking().Where(p => p.Group == OcopGroup.Tourism).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        foreach (var p in tourism) db.BookableOffers.Add(DemoOffer(p.Id, p.Name));
        if (tourism.Count > 0) await db.SaveChangesAsync(ct);
    }

    internal static BookableOffer DemoOffer(int productId, string name)
    {
        var folded = Text.VietnameseText.Fold(name);
        if (folded.Contains("homestay") || folded.Contains("ecohost"))
            // Rooms by the night, every day, bookable the day before, free cancellation until 3 days before.
            return new BookableOffer(productId, BookingPricing.PerRoomNight, placesPerSlot: 4, leadDays: 1, freeCancellationDays: 3,
                maxPeople: 4, maxNights: 7);
        if (folded.Contains("ban lang") || folded.Contains("van hoa"))
            // A village culture tour by the person, two departures a day, closed on Mondays.
            return new BookableOffer(productId, BookingPricing.PerPerson, placesPerSlot: 20, leadDays: 2, freeCancellationDays: 2,
                maxPeople: 10, openDays: BookableOffer.AllDays & ~BookableOffer.Weekdays(DayOfWeek.Monday), slots: "08:00,14:00");
        // An eco-spiritual site visited by guided groups at weekends, in the dry season (October to April).
        return new BookableOffer(productId, BookingPricing.PerGroup, placesPerSlot: 3, leadDays: 3, freeCancellationDays: 7,
            maxPeople: 25, openDays: BookableOffer.Weekdays(DayOfWeek.Saturday, DayOfWeek.Sunday), seasonStart: 1001, seasonEnd: 430);
    }
}
