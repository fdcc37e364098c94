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
        var tourism = await db.Products.Where(p => p.Group == OcopGroup.Tourism).ToListAsync(ct);
        foreach (var p in tourism)
        {
            var offer = DemoOffer(p.Id, p.Name);
            db.BookableOffers.Add(offer);
            // The seed's unit ("vé/người") fits a ticket; a room is sold by the night and a guide by the group.
            if (offer.Pricing != BookingPricing.PerPerson)
                p.Describe(p.Description, offer.Pricing == BookingPricing.PerRoomNight ? "phòng/đêm" : "đoàn");
        }
        if (tourism.Count > 0) await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Development only: the tourism producers get a (made-up) bank account, so a booking can be paid by transfer
    /// there (bookings take no cash on delivery, and card payments need Stripe keys).
    /// </summary>
    public static async Task SeedDemoAsync(OcopDbContext db, CancellationToken ct = default)
    {
        var producers = await db.Producers.Where(p => p.BankAccountNumber == null
            && db.Products.Any(x => x.ProducerId == p.Id && x.Group == OcopGroup.Tourism)).ToListAsync(ct);
        foreach (var p in producers) p.SetBankAccount("970436", $"00{p.Id:D8}", Text.VietnameseText.Fold(p.Name).ToUpperInvariant());
        await db.SaveChangesAsync(ct);
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
            maxPeople: 25, openDays: BookableOffer.Weekdays(DayOfWeek.Saturday, DayOfWeek.Sunday), seasons: "01/10-30/04");
    }
}
