using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference;
using OcopMarket.Core.Reference.Domain;

namespace OcopMarket.Core.Catalog;

/// <summary>
/// The public catalog: filters, facet counts, sorting, paging and search. Facet counts and totals come from a
/// <see cref="CatalogFacetCube"/> counted in memory from this node's <see cref="CatalogFacetColumns"/> (the listing
/// columns of every published product, reloaded under the catalog version); without a search the page of products
/// is one indexed SQL query.
/// <para>
/// A search has to rank every hit before it knows its first page: for a broad word ("a", "tra") that is a quarter
/// of the catalog. So a search expression's hits are read and ranked once, rank order only and without touching
/// Products (<see cref="SearchHits"/>), cached under the catalog version and served at most
/// <see cref="CatalogCache.MaxStaleness"/> after a write while one background task re-ranks them; every filter, price
/// range, sort and page of that search is then a walk over those ids and the columns. The cards themselves are
/// always read fresh, published ones only: a renamed product shows its new name at once and an unpublished one
/// leaves the page at once; a product's new place in the order, or a newly published product, follows within the
/// bound, as the counts do.
/// </para>
/// </summary>
public sealed class CatalogService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, CatalogCache cache)
{
    private static readonly IReadOnlyDictionary<string, string> ProvinceCodeBySlug =
        ReferenceData.ProvinceBySlug.ToDictionary(kv => kv.Key, kv => kv.Value.Code);

    private static IReadOnlyDictionary<string, string> ProvinceSlugByCode => ReferenceData.ProvinceSlugByCode;

    /// <summary>The whole published catalog's facet counts and total (the home page), from the cached cube; no page is read.</summary>
    public async Task<(CatalogFacets Facets, int Total)> WholeCatalogAsync(CancellationToken ct = default)
    {
        await ObserveOtherNodesAsync(ct);
        var query = new CatalogQuery();
        var cube = CubeOf(await ColumnsAsync(), query, clock.Today());
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
            }, searchTextOnly: true)
            : null;
        // An unknown province slug must match nothing, not be ignored: "??" is no province's code.
        var provinceCode = query.ProvinceSlug is null ? null : ProvinceCodeBySlug.GetValueOrDefault(query.ProvinceSlug, "??");

        // A search ranks its hits once per expression (all of them: the order must be exact), on its own connection
        // and meanwhile the facet columns are fetched; everything else (filters, price range, sort, page, counts) is
        // a walk over those hits in memory, shared by every filter combination. Task.Run because Microsoft.Data.Sqlite's
        // "async" calls run synchronously.
        var hitsTask = match is null ? null : Task.Run(() => HitsAsync(match));
        var columns = await ColumnsAsync();
        if (hitsTask is not null)
        {
            var hits = await hitsTask;
            var hitCube = hits.Cube(columns, query.MinPrice, query.MaxPrice, today);
            var hitTotal = hitCube.Total(query, provinceCode);
            var hitPage = ClampPage(query.Page, hitTotal);
            var hitIds = hitTotal == 0 ? [] : columns.Page(hits.Ids.Span, columns.FilterFor(query, provinceCode, today),
                query.Sort, (hitPage - 1) * CatalogQuery.PageSize, CatalogQuery.PageSize);
            var hitItems = hitIds.Count == 0 ? [] : await CardsAsync(db, hitIds, ct);
            return new CatalogResult(query with { Page = hitPage }, hitItems, hitTotal,
                hitCube.Facets(query, provinceCode, code => ProvinceSlugByCode.GetValueOrDefault(code, code)));
        }

        var cube = CubeOf(columns, query, today);
        var total = cube.Total(query, provinceCode);
        var page = ClampPage(query.Page, total);
        var skip = (page - 1) * CatalogQuery.PageSize;
        Func<IQueryable<Product>, IQueryable<Product>> filtered = products => FilterBy(products, query, provinceCode, today);
        IReadOnlyList<ProductCard> items;
        if (total == 0) items = [];
        else if (InOneQuery(query))
        {
            // One statement (and one connection open): the page's ids in a subquery that walks the newest-first or
            // price index alone (covering: it reads no row), then the 24 cards by primary key in the same order. Written
            // as cards of a sorted, filtered subquery, SQLite 3.49 fetched every scanned row's columns before it
            // filtered and cut: 0.21 ms against 0.14 ms a listing, measured with Microsoft.Data.Sqlite.
            var pageIds = SkipAsParameter(Sorted(filtered(Priced(db, query)), query.Sort), skip).Take(CatalogQuery.PageSize).Select(p => p.Id);
            items = await Project(Sorted(db.Products.AsNoTracking().Where(p => pageIds.Contains(p.Id)), query.Sort)).ToListAsync(ct);
        }
        else
        {
            var ids = query.Sort == CatalogSort.Rating
                // No index holds a ratio: the page comes from the facet columns, as a search's pages do.
                ? columns.PageOfAll(columns.FilterFor(query, provinceCode, today), query.Sort, skip, CatalogQuery.PageSize)
                : await IdsAsync(db, filtered, query, today, skip, CatalogQuery.PageSize, cube, provinceCode, ct);
            items = ids.Count == 0 ? [] : await CardsAsync(db, ids, ct);
        }
        return new CatalogResult(query with { Page = page }, items, total,
            cube.Facets(query, provinceCode, code => ProvinceSlugByCode.GetValueOrDefault(code, code)));
    }

    /// <summary>
    /// <c>Skip(skip)</c> with the count read from a variable, so EF Core sends it as a parameter: in a subquery
    /// (<c>Contains</c>), <c>Queryable.Skip</c>'s constant stays a constant, and every page number would be a new SQL
    /// text and a new entry in the query cache.
    /// </summary>
    private static IQueryable<T> SkipAsParameter<T>(IQueryable<T> source, int skip)
    {
        System.Linq.Expressions.Expression<Func<int>> count = () => skip;
        return source.Provider.CreateQuery<T>(System.Linq.Expressions.Expression.Call(
            typeof(Queryable), nameof(Queryable.Skip), [typeof(T)], source.Expression, count.Body));
    }

    private static int ClampPage(int page, int total) =>
        Math.Clamp(page, 1, Math.Max(1, (total + CatalogQuery.PageSize - 1) / CatalogQuery.PageSize));

    /// <summary>The key of this node's <see cref="CatalogFacetColumns"/> in the cache.</summary>
    public static readonly object ColumnsKey = "facet-columns";

    /// <summary>The facet columns, loaded on a connection of their own (they may be reloaded in the background).</summary>
    private Task<CatalogFacetColumns> ColumnsAsync() => cache.GetOrCreateAsync(ColumnsKey, async () =>
    {
        await using var own = await dbFactory.CreateDbContextAsync();
        return await CatalogFacetColumns.LoadAsync(own);
    });

    /// <summary>
    /// Keeps what every search reads current without a visitor waiting for it (a worker calls this every second):
    /// another node's writes are observed; the facet columns, when stale or at <see cref="CatalogCache.MaxAge"/>,
    /// are reloaded in the background; and the broad searches asked lately are re-ranked before they expire
    /// (<see cref="CatalogCache.RefreshKeptAsync"/>). Without it the first search after a quiet minute would load
    /// the columns itself, and a broad word asked once a few minutes ago would be ranked again while a visitor waits.
    /// </summary>
    public async Task KeepCurrentAsync(CancellationToken ct = default)
    {
        await ObserveOtherNodesAsync(ct);
        await ColumnsAsync();
        await cache.RefreshKeptAsync(ct);
    }

    /// <summary>How many products' search text the broad-word estimate reads (PK look-ups).</summary>
    private const int BroadSample = 2_000;

    /// <summary>
    /// A one-word search is warmed when about this many products or more match it: ranking every hit costs some
    /// 3 µs each in FTS5, so from here a first ask would take 20 ms or more. Below it the first ask ranks its hits
    /// itself. A count, not a share of the catalog: what a visitor waits for grows with the hits, not the share.
    /// </summary>
    public const int BroadHits = 6_000;

    /// <summary>
    /// Ranks the broadest one-word searches before anyone asks (a worker calls this after start-up and every quarter
    /// of an hour, which also keeps them among the entries <see cref="CatalogCache.RefreshKeptAsync"/> re-ranks): the
    /// words and prefixes, of any length, that a sample of the products' search text says match at least
    /// <paramref name="minHits"/> of them, in <see cref="Domain.BroadSearchPlan"/>'s order (words of product names
    /// first, single letters last), until two thirds of <see cref="CatalogCache.MaxWeight"/> are spent.
    /// Narrower searches cost their ranking on first ask (a few milliseconds), and on SQLite a search of several
    /// words whose words are all warmed is summed from theirs (<see cref="RankAsync"/>); at 1,000,000 products the
    /// budget covers the broadest few dozen.
    /// </summary>
    /// <returns>How many searches it warmed.</returns>
    public async Task<int> WarmBroadSearchesAsync(CancellationToken ct = default, int minHits = BroadHits)
    {
        List<(string Name, string Producer, string Place, string Category)> sample;
        int products;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var maxId = await db.Products.MaxAsync(p => (int?)p.Id, ct) ?? 0;
            products = await db.Products.CountAsync(ct);
            if (products == 0) return 0;
            var step = Math.Max(1, maxId / BroadSample);
            var ids = Enumerable.Range(0, BroadSample).Select(i => 1 + i * step).Where(id => id <= maxId).ToList();
            sample = (await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))
                .Select(p => new { p.SearchName, p.SearchProducer, p.SearchPlace, p.SearchCategory }).ToListAsync(ct))
                .Select(p => (p.SearchName, p.SearchProducer, p.SearchPlace, p.SearchCategory)).ToList();
        }
        if (sample.Count == 0) return 0;
        var broad = Domain.BroadSearchPlan.Order(sample.Select(p => new Domain.BroadSearchPlan.SampledProduct(
            Text.VietnameseText.Tokens(p.Name), Text.VietnameseText.Tokens($"{p.Producer} {p.Place} {p.Category}"))).ToList(), products, minHits);
        var budget = CatalogCache.MaxWeight * 2 / 3;
        var warmed = 0;
        await using var probe = await dbFactory.CreateDbContextAsync(ct);
        foreach (var (prefix, hits) in broad)
        {
            if (ProductSearchIndex.BuildMatch(probe.Provider, prefix) is not { } match) continue;
            // Where a word's hits keep their ranks, 8 bytes beside each 4-byte id.
            var estimate = hits * (ProductSearchIndex.KeepsRanks(probe.Provider, match, hits) ? 3 : 1);
            if (estimate > budget) continue;
            budget -= estimate;
            // The same entries a buyer's search reads: the probe's choice and the ranked hits.
            await cache.GetOrCreateAsync(("match", match), async () =>
            {
                await using var own = await dbFactory.CreateDbContextAsync();
                return (await ProductSearchIndex.ChooseMatchAsync(own, prefix, CancellationToken.None))!;
            }, searchTextOnly: true);
            await HitsAsync(match);
            warmed++;
        }
        return warmed;
    }

    /// <summary>Every hit of a search expression in rank order (then id), unfiltered; on its own connection.</summary>
    private Task<SearchHits> HitsAsync(string match, bool currentOnly = false) =>
        cache.GetOrCreateAsync(("hits", match), () => RankAsync(match), searchTextOnly: true, currentOnly);

    /// <summary>
    /// Ranks a search expression. On SQLite, a search of several words is summed from its words' own ranked hits
    /// (<see cref="SearchHits.Combine"/>, exact) when that costs less than ranking it in FTS5: for "any of the words",
    /// always (FTS5 would score every hit of every word anyway; a word not yet ranked is ranked and kept); for "every
    /// word", when each word's hits are kept already (the warm-up keeps the broad ones), since FTS5 scores only the
    /// rows that have all the words. Only current word lists are summed, so the sum is as current as its parts.
    /// </summary>
    private async Task<SearchHits> RankAsync(string match)
    {
        await using var own = await dbFactory.CreateDbContextAsync();
        if (ProductSearchIndex.SqliteWords(own.Provider, match) is { } expression)
        {
            var words = expression.Words.Select(w => cache.TryGetCurrent<SearchHits>(("hits", w), searchTextOnly: true)).ToArray();
            if (expression.AnyWord)
                for (var i = 0; i < words.Length; i++)
                    words[i] ??= await HitsAsync(expression.Words[i], currentOnly: true);
            // A word too broad to keep its ranks (ProductSearchIndex.KeepsRanks): the search is ranked whole.
            if (words.All(w => w?.Ranks is not null)) return SearchHits.Combine(words!, expression.AnyWord);
        }
        // A broad word another node (or this one, before a restart) ranked at the current shared version: read, not ranked.
        var oneWord = RankedSearchStore.IsOneWord(match);
        var notBefore = Max(clock.GetUtcNow() - RankedSearchStore.MaxAge, cache.SearchTextSince);
        if (oneWord && await RankedSearchStore.ReadAsync(own, match, notBefore, CancellationToken.None) is { } stored) return stored;
        // The shared version before the ranking: a write committed meanwhile moves it, and the row is then not current.
        var (_, version) = oneWord ? await SharedCatalogVersion.ReadAsync(own, CancellationToken.None) : default;
        var rankedAt = clock.GetUtcNow();
        var hits = await ProductSearchIndex.Hits(own, match).ToListAsync();
        // One word's ranks are kept on SQLite, for the searches of several words that contain it. The doubles are
        // read back unchanged, so the order is the SQL's.
        var ranked = SearchHits.Ranked(hits.Select(h => (h.ProductId, h.Rank)), ProductSearchIndex.KeepsRanks(own.Provider, match, hits.Count));
        if (RankedSearchStore.Keeps(match, hits.Count, StoredFromHits))
        {
            try { await RankedSearchStore.WriteAsync(own, match, version, rankedAt, ranked, CancellationToken.None); }
            // Sharing is a saving, not a duty: a busy database must not fail the search that ranked.
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or TimeoutException) { }
        }
        return ranked;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>The fewest hits a ranked word is shared through the database with (<see cref="RankedSearchStore"/>); tests lower it.</summary>
    internal int StoredFromHits { get; set; } = RankedSearchStore.MinHits;

    /// <summary>The cube of the whole catalog in a price range, kept with the columns it was counted from.</summary>
    private CatalogFacetCube CubeOf(CatalogFacetColumns columns, CatalogQuery query, DateOnly today)
    {
        var key = (query.MinPrice, query.MaxPrice, today);
        if (_wholeCubes is { } known && ReferenceEquals(known.Columns, columns) && known.Cubes.TryGetValue(key, out var cube)) return cube;
        cube = columns.Cube(query.MinPrice, query.MaxPrice, today);
        var cubes = _wholeCubes is { } k && ReferenceEquals(k.Columns, columns) ? k : new WholeCubes(columns, new());
        if (cubes.Cubes.Count < 64) cubes.Cubes.TryAdd(key, cube);
        _wholeCubes = cubes;
        return cube;
    }

    private sealed record WholeCubes(CatalogFacetColumns Columns,
        System.Collections.Concurrent.ConcurrentDictionary<(long?, long?, DateOnly), CatalogFacetCube> Cubes);

    private volatile WholeCubes? _wholeCubes;

    private static IQueryable<Product> FilterBy(IQueryable<Product> products, CatalogQuery query, string? provinceCode, DateOnly today)
    {
        if (query.Group is { } group) products = products.Where(p => p.Group == group);
        if (query.ProductSetCode is { } set) products = products.Where(p => p.ProductSetCode == set);
        if (provinceCode is not null) products = products.Where(p => p.ProvinceCode == provinceCode);
        if (query.MinStars is { } stars) products = products.Where(p => p.CertificateStars >= stars && p.CertificateValidUntil > today);
        if (query.ProducerType is { } type) products = products.Where(p => p.ProducerType == type);
        if (query.InStockOnly) products = products.Where(p => p.Stock > 0);
        // Integers on both sides, so SQL and the facet columns agree exactly: sum / count >= 4.
        if (query.WellReviewedOnly) products = products.Where(p => p.ReviewCount > 0 && p.ReviewRatingSum >= CatalogQuery.WellReviewedMin * p.ReviewCount);
        return products;
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

    /// <summary>The ids from <paramref name="skip"/> in the query's order, at most <paramref name="take"/> of them (no search).</summary>
    private static async Task<List<int>> IdsAsync(OcopDbContext db,
        Func<IQueryable<Product>, IQueryable<Product>> filters, CatalogQuery query, DateOnly today, int skip, int take,
        CatalogFacetCube cube, string? provinceCode, CancellationToken ct)
    {
        var filtered = filters(Priced(db, query));
        // Ids first, from the catalog's covering indexes; then the 24 cards by id.
        if (query.Sort == CatalogSort.Stars)
            return await StarsSortedIdsAsync(filtered, query, today, skip, take, cube, provinceCode, ct);
        return await Sorted(filtered, query.Sort).Select(p => p.Id).Skip(skip).Take(take).ToListAsync(ct);
    }

    /// <summary>
    /// Whether a page is read as cards in one query (<see cref="Sorted"/>): every order an index holds; not the stars
    /// order (cut from bands by the cube). A search's pages come from memory (<see cref="CatalogFacetColumns.Page"/>).
    /// </summary>
    private static bool InOneQuery(CatalogQuery query) => query.Sort is not (CatalogSort.Stars or CatalogSort.Rating);

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
    /// is cut from at most two bands, each walked in the newest-first index.
    /// </summary>
    private static async Task<List<int>> StarsSortedIdsAsync(IQueryable<Product> filtered, CatalogQuery query,
        DateOnly today, int skip, int take, CatalogFacetCube cube, string? provinceCode, CancellationToken ct)
    {
        var ids = new List<int>(take);
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
            ids.AddRange(await Newest(band).Select(p => p.Id).Skip(skip).Take(take - ids.Count).ToListAsync(ct));
            skip = 0;
            if (ids.Count == take) break;
        }
        return ids;
    }

    internal static IQueryable<ProductCard> Project(IQueryable<Product> products) => products.Select(CardOf);

    // Built once: a lambda written inline is a new expression tree on every call (fifteen property look-ups by
    // reflection, a few percent of an uncached listing's allocations).
    private static readonly System.Linq.Expressions.Expression<Func<Product, ProductCard>> CardOf = p => new ProductCard(
        p.Id, p.Slug, p.Name, p.Producer.Name, p.Producer.Slug, p.Producer.Province.Name,
        p.Group, p.PriceVnd, p.Unit, p.Stock, p.CertificateStars, p.CertificateValidUntil, p.ImagePath, p.ReviewCount, p.ReviewRatingSum);
}
