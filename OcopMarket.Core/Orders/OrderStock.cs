using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Orders;

/// <summary>Puts a cancelled order's reserved units back, inside the caller's transaction.</summary>
internal static class OrderStock
{
    public static async Task ReturnAsync(OcopDbContext db, Order order, CancellationToken ct)
    {
        foreach (var line in order.Lines)
        {
            var quantity = line.Quantity;
            await db.Products.Where(p => p.Id == line.ProductId)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.Stock, p => p.Stock + quantity), ct);
        }
    }
}
