using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Reference;

namespace OcopMarket.Core.Catalog;

/// <summary>
/// The public catalog: filters, facet counts, sorting, paging and search. The page of products is one indexed
/// SQL query; the facet counts and the total come from a <see cref="CatalogFacetCube"/>, one grouped scan per
/// search and price range, cached until the catalog changes.
/// </summary>
public sealed class CatalogService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, CatalogCache cache)
{
    private static readonly IReadOnlyDictionary<string, string> ProvinceCodeBySlug =
        ReferenceData.ProvinceBySlug.ToDictionary(kv => kv.Key, kv => kv.Value.Code);

    private static readonly IReadOnlyDictionary<string, string> ProvinceSlugByCode =
        ProvinceCodeBySlug.ToDictionary(kv => kv.Value, kv => kv.Key);

    public async Task<CatalogResult> SearchAsync(CatalogQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.Today();
        var match = query.HasSearch ? await ProductSearchIndex.ChooseMatchAsync(db, query.Search, ct) : null;
        // An unknown province slug must match nothing, not be ignored: "??" is no province's code.
        var provinceCode = query.ProvinceSlug is null ? null : ProvinceCodeBySlug.GetValueOrDefault(query.ProvinceSlug, "??");

        // Another node's writes: the shared version is read at most once a second, and a change invalidates as a local write does.
        await cache.ObserveSharedVersionAsync(() => SharedCatalogVersion.ReadAsync(db, ct));
        // Built on its own connection: it may be rebuilt in the background after this request has ended.
        var cube = await cache.GetOrCreateAsync(
            ("facets", match, query.MinPrice, query.MaxPrice, today),
            () => BuildCubeAsync(match, query, today));
        var total = cube.Total(query, provinceCode);
        var page = Math.Clamp(query.Page, 1, Math.Max(1, (total + CatalogQuery.PageSize - 1) / CatalogQuery.PageSize));

        IQueryable<Product> Filtered(IQueryable<Product> products)
        {
            if (query.Group is { } group) products = products.Where(p => p.Group == group);
            if (query.ProductSetCode is { } set) products = products.Where(p => p.ProductSetCode == set);
            if (provinceCode is not null) products = products.Where(p => p.ProvinceCode == provinceCode);
            if (query.MinStars is { } stars) products = products.Where(p => p.CertificateStars >= stars && p.CertificateValidUntil > today);
            if (query.ProducerType is { } type) products = products.Where(p => p.ProducerType == type);
            if (query.InStockOnly) products = products.Where(p => p.Stock > 0);
            return products;
        }

        var items = total == 0 ? [] : await PageAsync(db, Filtered, query, match, today, page, cube, provinceCode, ct);
        return new CatalogResult(query with { Page = page }, items, total,
            cube.Facets(query, provinceCode, code => ProvinceSlugByCode.GetValueOrDefault(code, code)));
    }

    /// <summary>Published products that match the search words and the price range: the cube's base set.</summary>
    private static IQueryable<Product> Searched(OcopDbContext db, string? match, CatalogQuery query)
    {
        var q = Priced(db, query);
        if (match is not null)
        {
            var hitIds = ProductSearchIndex.Hits(db, match).Select(h => h.ProductId);
            q = q.Where(p => hitIds.Contains(p.Id));
        }
        return q;
    }

    /// <summary>Published products in the price range, before any search.</summary>
    private static IQueryable<Product> Priced(OcopDbContext db, CatalogQuery query)
    {
        var q = db.Products.AsNoTracking().Where(p => p.IsPublished);
        if (query.MinPrice is { } min) q = q.Where(p => p.PriceVnd >= min);
        if (query.MaxPrice is { } max) q = q.Where(p => p.PriceVnd <= max);
        return q;
    }

    private async Task<CatalogFacetCube> BuildCubeAsync(string? match, CatalogQuery query, DateOnly today)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var cells = await Searched(db, match, query)
            .GroupBy(p => new
            {
                p.Group,
                p.ProductSetCode,
                p.ProvinceCode,
                p.ProducerType,
                Stars = p.CertificateValidUntil > today ? p.CertificateStars ?? 0 : 0,
                InStock = p.Stock > 0,
            })
            .Select(g => new CatalogFacetCube.Cell(g.Key.Group, g.Key.ProductSetCode, g.Key.ProvinceCode,
                g.Key.ProducerType, g.Key.Stars, g.Key.InStock, g.Count()))
            .ToListAsync();
        return new CatalogFacetCube(cells);
    }

    private static async Task<IReadOnlyList<ProductCard>> PageAsync(OcopDbContext db,
        Func<IQueryable<Product>, IQueryable<Product>> filters, CatalogQuery query, string? match, DateOnly today, int page,
        CatalogFacetCube cube, string? provinceCode, CancellationToken ct)
    {
        var skip = (page - 1) * CatalogQuery.PageSize;
        var filtered = filters(Searched(db, match, query));
        // Ids first, from the catalog's covering indexes; then the 24 cards by id.
        List<int> ids;
        if (match is not null && query.Sort == CatalogSort.Relevance)
        {
            // The search joined once, for both the filter and the rank: "Id IN (hits)" as well would make the
            // database evaluate the search twice (PostgreSQL cannot drop that self-join; EXPLAIN in bench/).
            ids = await (from p in filters(Priced(db, query))
                         join h in ProductSearchIndex.Hits(db, match) on p.Id equals h.ProductId
                         orderby h.Rank, p.Id
                         select p.Id).Skip(skip).Take(CatalogQuery.PageSize).ToListAsync(ct);
        }
        else if (query.Sort == CatalogSort.Stars)
        {
            ids = await StarsSortedIdsAsync(filtered, query, today, skip, cube, provinceCode, ct);
        }
        else
        {
            var sorted = query.Sort switch
            {
                CatalogSort.PriceAscending => filtered.OrderBy(p => p.PriceVnd).ThenBy(p => p.Id),
                CatalogSort.PriceDescending => filtered.OrderByDescending(p => p.PriceVnd).ThenByDescending(p => p.Id),
                _ => Newest(filtered),
            };
            ids = await sorted.Select(p => p.Id).Skip(skip).Take(CatalogQuery.PageSize).ToListAsync(ct);
        }

        var cards = await Project(db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))).ToListAsync(ct);
        var byId = cards.ToDictionary(c => c.Id);
        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id])];
    }

    private static IOrderedQueryable<Product> Newest(IQueryable<Product> products) =>
        products.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id);

    /// <summary>
    /// Current 5★, then 4★, then 3★, then lapsed or undated, newest first within each. "Current" depends on
    /// today, so no index holds this order; but the cube knows how many products each band has, so the page
    /// is cut from at most two bands, each walked in the newest-first index.
    /// </summary>
    private static async Task<List<int>> StarsSortedIdsAsync(IQueryable<Product> filtered, CatalogQuery query,
        DateOnly today, int skip, CatalogFacetCube cube, string? provinceCode, CancellationToken ct)
    {
        var ids = new List<int>(CatalogQuery.PageSize);
        foreach (var stars in new[] { 5, 4, 3, 0 })
        {
            var bandSize = cube.Total(query, provinceCode, stars);
            if (skip >= bandSize)
            {
                skip -= bandSize;
                continue;
            }
            var band = stars > 0
                ? filtered.Where(p => p.CertificateStars == stars && p.CertificateValidUntil > today)
                : filtered.Where(p => p.CertificateStars == null || p.CertificateValidUntil == null || p.CertificateValidUntil <= today);
            ids.AddRange(await Newest(band).Select(p => p.Id).Skip(skip).Take(CatalogQuery.PageSize - ids.Count).ToListAsync(ct));
            skip = 0;
            if (ids.Count == CatalogQuery.PageSize) break;
        }
        return ids;
    }

    internal static IQueryable<ProductCard> Project(IQueryable<Product> products) =>
        products.Select(p => new ProductCard(
            p.Id, p.Slug, p.Name, p.Producer.Name, p.Producer.Slug, p.Producer.Province.Name,
            p.Group, p.PriceVnd, p.Unit, p.Stock, p.CertificateStars, p.CertificateValidUntil, p.ImagePath));
}
