using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Catalog.Domain;

namespace OcopMarket.Core.Catalog;

/// <summary>Reads and moves the <see cref="CatalogVersion"/> rows (the catalog's, the search text's), in plain EF Core for any provider.</summary>
internal static class SharedCatalogVersion
{
    /// <summary>Both versions in one statement: (catalog, search text).</summary>
    public static async Task<(long Catalog, long SearchText)> ReadAsync(DbContext db, CancellationToken ct)
    {
        var rows = await db.Set<CatalogVersion>().Where(v => v.Id == CatalogVersion.RowId || v.Id == CatalogVersion.SearchTextRowId)
            .Select(v => new { v.Id, v.Value }).ToListAsync(ct);
        return (rows.FirstOrDefault(r => r.Id == CatalogVersion.RowId)?.Value ?? 0,
            rows.FirstOrDefault(r => r.Id == CatalogVersion.SearchTextRowId)?.Value ?? 0);
    }

    /// <summary>One short statement of its own, never inside an order's transaction: checkouts hold the row for no longer than it.</summary>
    public static Task<int> BumpAsync(DbContext db, bool searchText, CancellationToken ct) =>
        db.Set<CatalogVersion>().Where(v => v.Id == CatalogVersion.RowId || (searchText && v.Id == CatalogVersion.SearchTextRowId))
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.Value, v => v.Value + 1), ct);

    public static int Bump(DbContext db, bool searchText) =>
        db.Set<CatalogVersion>().Where(v => v.Id == CatalogVersion.RowId || (searchText && v.Id == CatalogVersion.SearchTextRowId))
            .ExecuteUpdate(u => u.SetProperty(v => v.Value, v => v.Value + 1));
}
