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
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE Products SET Stock = Stock + {line.Quantity} WHERE Id = {line.ProductId}", ct);
    }
}
