using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Orders;

/// <summary>Puts a cancelled order's reserved units back, inside the caller's transaction.</summary>
internal static class OrderStock
{
    public static async Task ReturnAsync(OcopDbContext db, Order order, CancellationToken ct)
    {
        // By product, as checkouts take them: two transactions locking the same rows in one order never deadlock.
        foreach (var line in order.Lines.OrderBy(l => l.ProductId))
        {
            var quantity = line.Quantity;
            await db.Products.Where(p => p.Id == line.ProductId)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.Stock, p => p.Stock + quantity), ct);
        }
        CatalogCacheInvalidator.ListingsChanged(db); // stock is counted by the listings ("in stock" facet)
    }
}
