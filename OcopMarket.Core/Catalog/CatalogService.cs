using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference;
using OcopMarket.Core.Reference.Domain;

namespace OcopMarket.Core.Catalog;

/// <summary>
/// The public catalog: filters, facet counts, sorting, paging and search. The page of products is one indexed
/// SQL query; the facet counts and the total come from a <see cref="CatalogFacetCube"/>, one grouped scan per
/// search and price range, cached until the catalog changes.
/// <para>
/// A search has to rank (or sort) every hit before it knows its first page: for a broad word ("a", "tra") that is a
/// quarter of the catalog. So with a search, the first <see cref="CachedSearchIds"/> ids in order (and which query
/// the words chose, all words or any) are cached next to the cube, per search, filters and sort, under the same
/// catalog version and the same staleness rule: after a write they are served for at most
/// <see cref="CatalogCache.MaxStaleness"/> while one background task recomputes them. The cards themselves are
/// always read fresh, published ones only: a renamed product shows its new name at once and an unpublished one
/// leaves the page at once; a product's new place in the order, or a newly published product, follows within the
/// bound, as the counts do.
/// </para>
/// </summary>
public sealed class CatalogService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, CatalogCache cache)
{
    private static readonly IReadOnlyDictionary<string, string> ProvinceCodeBySlug =
        ReferenceData.ProvinceBySlug.ToDictionary(kv => kv.Key, kv => kv.Value.Code);

    private static readonly IReadOnlyDictionary<string, string> ProvinceSlugByCode =
        ProvinceCodeBySlug.ToDictionary(kv => kv.Value, kv => kv.Key);

    /// <summary>How many ids of a search's order are cached: its first 10 pages; later pages are read from SQL.</summary>
    public const int CachedSearchIds = 10 * CatalogQuery.PageSize;

    /// <summary>What decides a search's order of ids (the cache key of <see cref="CachedSearchIds"/>).</summary>
    private sealed record SearchOrderKey(string Match, long? MinPrice, long? MaxPrice, DateOnly Today, OcopGroup? Group,
        string? ProductSetCode, string? ProvinceCode, int? MinStars, ProducerType? ProducerType, bool InStockOnly, CatalogSort Sort);

    /// <summary>The whole published catalog's facet counts and total (the home page), from the cached cube; no page is read.</summary>
    public async Task<(CatalogFacets Facets, int Total)> WholeCatalogAsync(CancellationToken ct = default)
    {
        await ObserveOtherNodesAsync(ct);
        var query = new CatalogQuery();
        var cube = await CubeAsync(null, query, clock.Today());
        // Summing the whole catalog's cube (some 15,000 cells at 100k products) costs about a millisecond: once per cube.
        if (_whole is { } whole && ReferenceEquals(whole.Cube, cube)) return (whole.Facets, whole.Total);
        var facets = cube.Facets(query, null, code => ProvinceSlugByCode.GetValueOrDefault(code, code));
        _whole = new WholeCatalog(cube, facets, cube.Total(query, null));
        return (facets, _whole.Total);
    }

    private sealed record WholeCatalog(CatalogFacetCube Cube, CatalogFacets Facets, int Total);

    private volatile WholeCatalog? _whole;

    public async Task<CatalogResult> SearchAsync(CatalogQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.Today();
        await ObserveOtherNodesAsync(ct);

        // All words, or any word when no product has all of them: a probe of the index, cached per search.
        var match = ProductSearchIndex.BuildMatch(db.Provider, query.Search) is { } allWords
            ? await cache.GetOrCreateAsync(("match", allWords), async () =>
            {
                await using var own = await dbFactory.CreateDbContextAsync();
                return (await ProductSearchIndex.ChooseMatchAsync(own, query.Search, CancellationToken.None))!;
            })
            : null;
        // An unknown province slug must match nothing, not be ignored: "??" is no province's code.
        var provinceCode = query.ProvinceSlug is null ? null : ProvinceCodeBySlug.GetValueOrDefault(query.ProvinceSlug, "??");
        Func<IQueryable<Product>, IQueryable<Product>> filtered = products => FilterBy(products, query, provinceCode, today);

        // A search's first pages need no cube (the clamped page is never later than the one asked for), so when
        // neither is cached the ranking and the cube's GROUP BY run at once, each on its own connection: a cold
        // broad search waits for the slower of the two, not for both in turn. Task.Run because Microsoft.Data.Sqlite's
        // "async" calls run synchronously: without it SQLite would rank to the end before the cube even started.
        var firstIds = match is not null && Math.Max(1, query.Page) * CatalogQuery.PageSize <= CachedSearchIds
            ? Task.Run(() => cache.GetOrCreateAsync(new SearchOrderKey(match, query.MinPrice, query.MaxPrice, today, query.Group,
                query.ProductSetCode, provinceCode, query.MinStars, query.ProducerType, query.InStockOnly, query.Sort), async () =>
            {
                // Built on its own connection, like the cube: it may be recomputed in the background.
                await using var own = await dbFactory.CreateDbContextAsync();
                // No cube: the one at hand may be stale, and what is cached now is kept as current for this version.
                return (await IdsAsync(own, filtered, query, match, today, 0, CachedSearchIds, null, provinceCode, CancellationToken.None)).ToArray();
            }))
            : null;
        var cube = await CubeAsync(match, query, today);
        var total = cube.Total(query, provinceCode);
        var page = Math.Clamp(query.Page, 1, Math.Max(1, (total + CatalogQuery.PageSize - 1) / CatalogQuery.PageSize));

        var skip = (page - 1) * CatalogQuery.PageSize;
        IReadOnlyList<ProductCard> items;
        if (firstIds is not null)
        {
            var first = await firstIds;
            List<int> ids = total == 0 ? [] : [.. first.Skip(skip).Take(CatalogQuery.PageSize)];
            items = ids.Count == 0 ? [] : await CardsAsync(db, ids, ct);
        }
        else if (total == 0) items = [];
        else if (InOneQuery(query, match))
        {
            // The page's cards straight from the sorted, filtered query: one statement (and one connection open)
            // instead of the ids, then the cards by id. The order walks the same newest-first or price index.
            items = await Project(Sorted(filtered(Searched(db, match, query)), query.Sort))
                .Skip(skip).Take(CatalogQuery.PageSize).ToListAsync(ct);
        }
        else
        {
            var ids = await IdsAsync(db, filtered, query, match, today, skip, CatalogQuery.PageSize, cube, provinceCode, ct);
            items = ids.Count == 0 ? [] : await CardsAsync(db, ids, ct);
        }

        return new CatalogResult(query with { Page = page }, items, total,
            cube.Facets(query, provinceCode, code => ProvinceSlugByCode.GetValueOrDefault(code, code)));
    }

    private static IQueryable<Product> FilterBy(IQueryable<Product> products, CatalogQuery query, string? provinceCode, DateOnly today)
    {
        if (query.Group is { } group) products = products.Where(p => p.Group == group);
        if (query.ProductSetCode is { } set) products = products.Where(p => p.ProductSetCode == set);
        if (provinceCode is not null) products = products.Where(p => p.ProvinceCode == provinceCode);
        if (query.MinStars is { } stars) products = products.Where(p => p.CertificateStars >= stars && p.CertificateValidUntil > today);
        if (query.ProducerType is { } type) products = products.Where(p => p.ProducerType == type);
        if (query.InStockOnly) products = products.Where(p => p.Stock > 0);
        return products;
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

    /// <summary>
    /// Another node's writes: the shared version is read at most once a second (on a connection of its own, only
    /// then), and a change invalidates as a local write does.
    /// </summary>
    private Task ObserveOtherNodesAsync(CancellationToken ct) => cache.ObserveSharedVersionAsync(async () =>
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await SharedCatalogVersion.ReadAsync(db, ct);
    });

    /// <summary>The cube of a search and price range, cached; built on its own connection, as it may be rebuilt in the
    /// background after this request has ended.</summary>
    private Task<CatalogFacetCube> CubeAsync(string? match, CatalogQuery query, DateOnly today) =>
        cache.GetOrCreateAsync(("facets", match, query.MinPrice, query.MaxPrice, today), () => BuildCubeAsync(match, query, today));

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

    /// <summary>The ids from <paramref name="skip"/> in the query's order, at most <paramref name="take"/> of them.</summary>
    private static async Task<List<int>> IdsAsync(OcopDbContext db,
        Func<IQueryable<Product>, IQueryable<Product>> filters, CatalogQuery query, string? match, DateOnly today, int skip, int take,
        CatalogFacetCube? cube, string? provinceCode, CancellationToken ct)
    {
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
                         select p.Id).Skip(skip).Take(take).ToListAsync(ct);
        }
        else if (query.Sort == CatalogSort.Stars)
        {
            ids = await StarsSortedIdsAsync(filtered, query, today, skip, take, cube, provinceCode, ct);
        }
        else
        {
            ids = await Sorted(filtered, query.Sort).Select(p => p.Id).Skip(skip).Take(take).ToListAsync(ct);
        }

        return ids;
    }

    /// <summary>
    /// Whether a page is read as cards in one query (<see cref="Sorted"/>): every order an index holds. Not a search's
    /// relevance (the rank is joined in <see cref="IdsAsync"/>) nor the stars order (cut from bands by the cube).
    /// </summary>
    private static bool InOneQuery(CatalogQuery query, string? match) =>
        query.Sort != CatalogSort.Stars && !(match is not null && query.Sort == CatalogSort.Relevance);

    /// <summary>The orders an index holds: newest first (the default), or by price, the id breaking ties.</summary>
    private static IOrderedQueryable<Product> Sorted(IQueryable<Product> filtered, CatalogSort sort) => sort switch
    {
        CatalogSort.PriceAscending => filtered.OrderBy(p => p.PriceVnd).ThenBy(p => p.Id),
        CatalogSort.PriceDescending => filtered.OrderByDescending(p => p.PriceVnd).ThenByDescending(p => p.Id),
        _ => Newest(filtered),
    };

    /// <summary>The cards for these ids in their order, published products only (cached ids may lag an unpublish).</summary>
    private static async Task<IReadOnlyList<ProductCard>> CardsAsync(OcopDbContext db, List<int> ids, CancellationToken ct)
    {
        // The ids as one parameter (a JSON array on SQLite, an array on PostgreSQL): the SQL is the same for every
        // page, so EF Core keeps it. Given as a list, each id became its own parameter and EF Core wrote the SQL
        // afresh on every request, under a lock that concurrent requests queued on (a fifth of an uncached
        // listing's CPU in the bench's profile).
        var cards = await Project(db.Products.AsNoTracking().Where(p => p.IsPublished && EF.Parameter(ids).Contains(p.Id))).ToListAsync(ct);
        var byId = cards.ToDictionary(c => c.Id);
        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id])];
    }

    /// <summary>Newest first, the id breaking ties: the catalog's default order and the home page's featured order.</summary>
    internal static IOrderedQueryable<Product> Newest(IQueryable<Product> products) =>
        products.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id);

    /// <summary>
    /// Current 5★, then 4★, then 3★, then lapsed or undated, newest first within each. "Current" depends on
    /// today, so no index holds this order; but the cube knows how many products each band has, so the page
    /// is cut from at most two bands, each walked in the newest-first index. Without a cube, skip must be 0.
    /// </summary>
    private static async Task<List<int>> StarsSortedIdsAsync(IQueryable<Product> filtered, CatalogQuery query,
        DateOnly today, int skip, int take, CatalogFacetCube? cube, string? provinceCode, CancellationToken ct)
    {
        var ids = new List<int>(take);
        foreach (var stars in new[] { 5, 4, 3, 0 })
        {
            // Without a cube (from the first id only) every band is read until the page is full.
            var bandSize = cube?.Total(query, provinceCode, stars) ?? int.MaxValue;
            if (skip >= bandSize)
            {
                skip -= bandSize;
                continue;
            }
            var band = stars > 0
                ? filtered.Where(p => p.CertificateStars == stars && p.CertificateValidUntil > today)
                : filtered.Where(p => p.CertificateStars == null || p.CertificateValidUntil == null || p.CertificateValidUntil <= today);
            ids.AddRange(await Newest(band).Select(p => p.Id).Skip(skip).Take(take - ids.Count).ToListAsync(ct));
            skip = 0;
            if (ids.Count == take) break;
        }
        return ids;
    }

    internal static IQueryable<ProductCard> Project(IQueryable<Product> products) =>
        products.Select(p => new ProductCard(
            p.Id, p.Slug, p.Name, p.Producer.Name, p.Producer.Slug, p.Producer.Province.Name,
            p.Group, p.PriceVnd, p.Unit, p.Stock, p.CertificateStars, p.CertificateValidUntil, p.ImagePath));
}
