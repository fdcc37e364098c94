using System.Collections.Concurrent;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference.Domain;

namespace OcopMarket.Core.Catalog;

/// <summary>
/// Facet counts from one grouped scan. SQL groups the products that match the search and price range by every
/// facet dimension at once (group, set, province, producer type, current stars, in stock): a few hundred to a
/// few thousand cells even for 100,000 products. Each facet's count, and the total, then come from those cells
/// in memory, with the facet's own filter left out so a buyer sees the alternatives.
/// </summary>
public sealed class CatalogFacetCube(IReadOnlyList<CatalogFacetCube.Cell> cells)
{
    /// <param name="Stars">Stars of a certificate that is current today; 0 when lapsed, unknown or absent.</param>
    public readonly record struct Cell(
        OcopGroup Group, string ProductSetCode, string ProvinceCode, ProducerType ProducerType, int Stars, bool InStock, int Count,
        bool WellReviewed = false);

    public enum Facet { None, Group, ProductSet, Province, MinStars, ProducerType, InStock, WellReviewed }

    public IReadOnlyList<Cell> Cells { get; } = cells;

    // A cube is immutable, so what it answers for a set of filters is kept with it: the catalog's first page (no
    // filter) summed some 15,000 cells for every request at 100,000 products, a third of its server time uncached.
    // The search, price range and day are the cube's own key; the remaining filters key these answers.
    private readonly record struct FilterKey(OcopGroup? Group, string? ProductSetCode, string? ProvinceCode, int? MinStars,
        ProducerType? ProducerType, bool InStockOnly, bool WellReviewedOnly);

    private const int MaxRemembered = 512;
    private readonly ConcurrentDictionary<FilterKey, int> _totals = new();
    private readonly ConcurrentDictionary<FilterKey, CatalogFacets> _facets = new();

    private static FilterKey KeyOf(CatalogQuery q, string? provinceCode) =>
        new(q.Group, q.ProductSetCode, provinceCode, q.MinStars, q.ProducerType, q.InStockOnly, q.WellReviewedOnly);

    private static T Remember<T>(ConcurrentDictionary<FilterKey, T> answers, FilterKey key, Func<T> compute)
    {
        if (answers.TryGetValue(key, out var known)) return known;
        var value = compute();
        if (answers.Count < MaxRemembered) answers.TryAdd(key, value); // beyond that (a crawler's combinations) just compute
        return value;
    }

    public int Total(CatalogQuery q, string? provinceCode) =>
        Remember(_totals, KeyOf(q, provinceCode), () => Cells.Where(c => Matches(c, q, provinceCode, Facet.None)).Sum(c => c.Count));

    /// <summary>How many matching products have exactly this many current stars (0: lapsed, undated or none).</summary>
    public int Total(CatalogQuery q, string? provinceCode, int currentStars) =>
        Cells.Where(c => c.Stars == currentStars && Matches(c, q, provinceCode, Facet.None)).Sum(c => c.Count);

    /// <summary>
    /// Every facet in one pass: a cell that passes all filters counts everywhere; a cell that fails exactly one
    /// filter counts only in that filter's own facet (its alternatives); a cell failing two counts nowhere.
    /// </summary>
    /// <param name="provinceSlug">Names a province in the answer; always the same mapping (the answers are kept per filters).</param>
    public CatalogFacets Facets(CatalogQuery q, string? provinceCode, Func<string, string> provinceSlug) =>
        Remember(_facets, KeyOf(q, provinceCode), () => Count(q, provinceCode, provinceSlug));

    private CatalogFacets Count(CatalogQuery q, string? provinceCode, Func<string, string> provinceSlug)
    {
        var groups = new Dictionary<OcopGroup, int>();
        var sets = new Dictionary<string, int>(StringComparer.Ordinal);
        var provinces = new Dictionary<string, int>(StringComparer.Ordinal);
        var types = new Dictionary<ProducerType, int>();
        var starCounts = new int[6];
        var inStock = 0;
        var wellReviewed = 0;

        foreach (var c in Cells)
        {
            // The set filter implies its group, so a cell outside the group fails "group" for both facets.
            var failsGroup = q.Group is { } g && c.Group != g;
            var failsSet = q.ProductSetCode is { } s && c.ProductSetCode != s;
            var failsProvince = provinceCode is not null && c.ProvinceCode != provinceCode;
            var failsStars = q.MinStars is { } m && c.Stars < m;
            var failsType = q.ProducerType is { } t && c.ProducerType != t;
            var failsStock = q.InStockOnly && !c.InStock;
            var failsReviews = q.WellReviewedOnly && !c.WellReviewed;
            var others = (failsProvince ? 1 : 0) + (failsStars ? 1 : 0) + (failsType ? 1 : 0) + (failsStock ? 1 : 0) + (failsReviews ? 1 : 0);
            var groupOrSet = failsGroup || failsSet;

            if (others == 0) Add(groups, c.Group, c.Count);                                   // group facet ignores group and set
            if (others == 0 && !failsGroup) Add(sets, c.ProductSetCode, c.Count);               // set facet keeps the group
            if (!groupOrSet && others - (failsProvince ? 1 : 0) == 0) Add(provinces, c.ProvinceCode, c.Count);
            if (!groupOrSet && others - (failsStars ? 1 : 0) == 0) starCounts[c.Stars] += c.Count;
            if (!groupOrSet && others - (failsType ? 1 : 0) == 0) Add(types, c.ProducerType, c.Count);
            if (!groupOrSet && others - (failsStock ? 1 : 0) == 0 && c.InStock) inStock += c.Count;
            if (!groupOrSet && others - (failsReviews ? 1 : 0) == 0 && c.WellReviewed) wellReviewed += c.Count;
        }

        return new CatalogFacets(
            Groups: Ordered(groups.Select(kv => new FacetValue(kv.Key.Key(), kv.Value))),
            ProductSets: Ordered(sets.Select(kv => new FacetValue(kv.Key, kv.Value))),
            Provinces: Ordered(provinces.Select(kv => new FacetValue(provinceSlug(kv.Key), kv.Value))),
            MinStars: [.. new[] { 3, 4, 5 }.Select(n => new FacetValue(
                n.ToString(System.Globalization.CultureInfo.InvariantCulture), starCounts[n..].Sum()))],
            ProducerTypes: Ordered(types.Select(kv => new FacetValue(kv.Key.Key(), kv.Value))),
            InStock: inStock,
            WellReviewed: wellReviewed);
    }

    private static void Add<TKey>(Dictionary<TKey, int> counts, TKey key, int count) where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + count;

    private static List<FacetValue> Ordered(IEnumerable<FacetValue> values) =>
        [.. values.OrderByDescending(f => f.Count).ThenBy(f => f.Key, StringComparer.Ordinal)];

    /// <summary>The same filters as the listing's SQL (CatalogService), minus the one facet being counted.</summary>
    private static bool Matches(in Cell c, CatalogQuery q, string? provinceCode, Facet except) =>
        (except is Facet.Group or Facet.ProductSet || q.Group is null || c.Group == q.Group)
        && (except == Facet.ProductSet || q.ProductSetCode is null || c.ProductSetCode == q.ProductSetCode)
        && (except == Facet.Province || provinceCode is null || c.ProvinceCode == provinceCode)
        && (except == Facet.MinStars || q.MinStars is null || c.Stars >= q.MinStars)
        && (except == Facet.ProducerType || q.ProducerType is null || c.ProducerType == q.ProducerType)
        && (except == Facet.InStock || !q.InStockOnly || c.InStock)
        && (except == Facet.WellReviewed || !q.WellReviewedOnly || c.WellReviewed);
}
