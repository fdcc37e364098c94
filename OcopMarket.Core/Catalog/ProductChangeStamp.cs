using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OcopMarket.Core.Catalog.Domain;

namespace OcopMarket.Core.Catalog;

/// <summary>
/// Stamps <see cref="Product.UpdatedAt"/> on every saved change to a product, or to its certificates and photos, so a
/// system syncing the catalog through the open data API (<c>updatedSince</c>) sees every change. Stock moved by orders
/// is stamped by the stock statements themselves (they bypass the change tracker).
/// </summary>
public sealed class ProductChangeStamp(TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? db)
    {
        if (db is null) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var touched = new HashSet<int>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Modified or EntityState.Added or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case Product product when entry.State == EntityState.Modified:
                    product.Stamp(now);
                    break;
                case OcopCertificate c when c.ProductId != 0:
                    touched.Add(c.ProductId);
                    break;
                case ProductImage i when i.ProductId != 0:
                    touched.Add(i.ProductId);
                    break;
            }
        }
        foreach (var product in db.ChangeTracker.Entries<Product>().Where(e => touched.Contains(e.Entity.Id) && e.State != EntityState.Deleted))
            product.Entity.Stamp(now);
    }
}
