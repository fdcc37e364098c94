using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Bookings.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.PublicPages;
using OcopMarket.Core.PublicPages.Domain;

namespace OcopMarket.Core.Bookings;

/// <summary>
/// Takes and gives back places on an offer's dates, inside the caller's transaction, as OrderStock does for units:
/// one conditional UPDATE per date ("only if that many places are left and the date is not closed"). On PostgreSQL a
/// concurrent booking of the same date waits for the row lock and re-checks against the committed count; SQLite's
/// one writer serialises them. The same two statements run on both providers (SQLite has UPSERT and RETURNING).
/// </summary>
internal static class BookingCapacity
{
    /// <returns>Whether the places were taken (false: too few left, or the date was closed meanwhile; nothing taken).</returns>
    public static async Task<bool> TakeAsync(OcopDbContext db, int productId, DateOnly date, string slot, int places, CancellationToken ct)
    {
        // The day's row is made on its first booking; a concurrent first booking waits on the unique key, then updates it.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "BookingDays" ("ProductId", "Date", "Slot", "Taken") VALUES ({productId}, {date}, {slot}, 0)
            ON CONFLICT ("ProductId", "Date", "Slot") DO NOTHING
            """, ct);
        var taken = await db.Database.SqlQuery<int>($"""
            UPDATE "BookingDays" SET "Taken" = "Taken" + {places}
            WHERE "ProductId" = {productId} AND "Date" = {date} AND "Slot" = {slot}
              AND "Taken" + {places} <= (SELECT o."PlacesPerSlot" FROM "BookableOffers" o WHERE o."ProductId" = {productId})
              AND NOT EXISTS (SELECT 1 FROM "BookingClosedDates" c WHERE c."ProductId" = {productId} AND c."Date" = {date})
            RETURNING "Taken" AS "Value"
            """).ToListAsync(ct);
        if (taken is not [_]) return false;
        PageChangeRecorder.Changed(db, PageTags.Product(productId)); // its calendar shows the places left
        return true;
    }

    /// <summary>
    /// Gives back the places of an order's bookings that still hold them, and marks them released; a second call for
    /// the same order finds none left to release (the mark is a conditional update too).
    /// </summary>
    /// <returns>How many bookings gave their places back.</returns>
    public static async Task<int> ReleaseOrderAsync(OcopDbContext db, int orderId, DateTime now, CancellationToken ct)
    {
        var released = await db.Database.SqlQuery<int>($"""
            UPDATE "Bookings" SET "ReleasedAt" = {now} WHERE "OrderId" = {orderId} AND "ReleasedAt" IS NULL RETURNING "Id" AS "Value"
            """).ToListAsync(ct);
        if (released.Count == 0) return 0;
        var booked = await db.Bookings.AsNoTracking().Where(b => released.Contains(b.Id)).ToListAsync(ct);
        // In the order checkouts take them (product, then date), so a release and a booking never deadlock.
        foreach (var b in booked.OrderBy(b => b.ProductId).ThenBy(b => b.StartDate))
        {
            foreach (var day in b.Choice.Days)
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    UPDATE "BookingDays" SET "Taken" = "Taken" - {b.Places}
                    WHERE "ProductId" = {b.ProductId} AND "Date" = {day} AND "Slot" = {b.Slot}
                    """, ct);
            }
            PageChangeRecorder.Changed(db, PageTags.Product(b.ProductId));
        }
        return booked.Count;
    }
}
