using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Bookings;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.PublicPages;
using OcopMarket.Core.PublicPages.Domain;

namespace OcopMarket.Core.Orders;

/// <summary>
/// Takes a checkout's units and puts a cancelled order's back (and a booked line's places), inside the caller's transaction. Each stamps the
/// product's <c>UpdatedAt</c>, so the open data API's <c>updatedSince</c> sees stock that orders moved.
/// </summary>
internal static class OrderStock
{
    public static async Task ReturnAsync(OcopDbContext db, Order order, DateTime now, CancellationToken ct)
    {
        // A booked line took places, not units: its places go back (once, however often the order is released).
        if (order.Lines.Any(l => l.Booking is not null)) await BookingCapacity.ReleaseOrderAsync(db, order.Id, now, ct);
        // By product, as checkouts take them: two transactions locking the same rows in one order never deadlock.
        foreach (var line in order.Lines.OrderBy(l => l.ProductId))
        {
            if (line.Booking is not null) continue;
            var stock = await db.Database.SqlQuery<int>($"""
                UPDATE "Products" SET "Stock" = "Stock" + {line.Quantity}, "UpdatedAt" = {now} WHERE "Id" = {line.ProductId} RETURNING "Stock" AS "Value"
                """).ToListAsync(ct);
            // Back in stock after being sold out: the listings ("in stock" facet) change.
            if (stock is [var left]) StockMoved(db, line.ProductId, listingsChanged: left == line.Quantity);
        }
    }

    /// <summary>
    /// What taking units of a product always changes: its page, which shows the stock left. Marked by the caller
    /// before the save that goes with the take, so that save records it whether it comes before the take or after.
    /// </summary>
    public static void Taking(OcopDbContext db, int productId) => PageChangeRecorder.Changed(db, PageTags.Product(productId));

    /// <summary>
    /// Takes units of a published product if that many are left, in one conditional update: on PostgreSQL a
    /// concurrent checkout of the same product waits for the row lock and then re-checks against the committed
    /// stock, so the last units sell once. One statement for both providers (SQLite has RETURNING since 3.35).
    /// The caller has marked the product's page (<see cref="Taking"/>); a take of the last unit also marks the
    /// listings, which the caller's next save records.
    /// </summary>
    /// <returns>The units left after taking, or null when there were not enough (nothing taken).</returns>
    public static async Task<int?> TakeAsync(OcopDbContext db, int productId, int quantity, DateTime now, CancellationToken ct)
    {
        var left = await db.Database.SqlQuery<int>($"""
            UPDATE "Products" SET "Stock" = "Stock" - {quantity}, "UpdatedAt" = {now}
            WHERE "Id" = {productId} AND "IsPublished" AND "Stock" >= {quantity}
            RETURNING "Stock" AS "Value"
            """).ToListAsync(ct);
        if (left is not [var stock]) return null;
        // Only the last unit changes the listings: every other checkout leaves the catalog version alone, so
        // checkouts do not queue on its one row.
        if (stock == 0) StockMoved(db, productId, listingsChanged: true);
        return stock;
    }

    /// <summary>
    /// What a stock change changes, counted once the caller's transaction commits: the product's page (it shows the
    /// stock left) always; the listings ("in stock" facet, "out of stock" on cards) when it sold out or came back.
    /// </summary>
    private static void StockMoved(OcopDbContext db, int productId, bool listingsChanged)
    {
        PageChangeRecorder.Changed(db, PageTags.Product(productId));
        if (!listingsChanged) return;
        CatalogCacheInvalidator.ListingsChanged(db);
        PageChangeRecorder.Changed(db, PageTags.Listings);
    }
}
