using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Catalog.Domain;

namespace OcopMarket.Core.Catalog;

/// <summary>Reads and moves the one <see cref="CatalogVersion"/> row, in plain EF Core for any provider.</summary>
internal static class SharedCatalogVersion
{
    public static Task<long> ReadAsync(DbContext db, CancellationToken ct) =>
        db.Set<CatalogVersion>().Where(v => v.Id == CatalogVersion.RowId).Select(v => v.Value).FirstOrDefaultAsync(ct);

    /// <summary>One short statement of its own, never inside an order's transaction: checkouts hold the row for no longer than it.</summary>
    public static Task<int> BumpAsync(DbContext db, CancellationToken ct) =>
        db.Set<CatalogVersion>().Where(v => v.Id == CatalogVersion.RowId)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.Value, v => v.Value + 1), ct);

    public static int Bump(DbContext db) =>
        db.Set<CatalogVersion>().Where(v => v.Id == CatalogVersion.RowId)
            .ExecuteUpdate(u => u.SetProperty(v => v.Value, v => v.Value + 1));
}
