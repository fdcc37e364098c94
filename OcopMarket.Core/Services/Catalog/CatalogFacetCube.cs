using OcopMarket.Core.Domain;

namespace OcopMarket.Core.Services.Catalog;

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
        OcopGroup Group, string ProductSetCode, string ProvinceCode, ProducerType ProducerType, int Stars, bool InStock, int Count);

    public enum Facet { None, Group, ProductSet, Province, MinStars, ProducerType, InStock }

    public IReadOnlyList<Cell> Cells { get; } = cells;

    public int Total(CatalogQuery q, string? provinceCode) => Sum(q, provinceCode, Facet.None);

    /// <summary>How many matching products have exactly this many current stars (0: lapsed, undated or none).</summary>
    public int Total(CatalogQuery q, string? provinceCode, int currentStars) =>
        Cells.Where(c => c.Stars == currentStars && Matches(c, q, provinceCode, Facet.None)).Sum(c => c.Count);

    public CatalogFacets Facets(CatalogQuery q, string? provinceCode, Func<string, string> provinceSlug) => new(
        Groups: Count(q, provinceCode, Facet.Group, c => c.Group.Key()),
        ProductSets: Count(q, provinceCode, Facet.ProductSet, c => c.ProductSetCode),
        Provinces: Count(q, provinceCode, Facet.Province, c => provinceSlug(c.ProvinceCode)),
        MinStars: [.. new[] { 3, 4, 5 }.Select(n => new FacetValue(
            n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Cells.Where(c => c.Stars >= n && Matches(c, q, provinceCode, Facet.MinStars)).Sum(c => c.Count)))],
        ProducerTypes: Count(q, provinceCode, Facet.ProducerType, c => c.ProducerType.Key()),
        InStock: Cells.Where(c => c.InStock && Matches(c, q, provinceCode, Facet.InStock)).Sum(c => c.Count));

    private int Sum(CatalogQuery q, string? provinceCode, Facet except) =>
        Cells.Where(c => Matches(c, q, provinceCode, except)).Sum(c => c.Count);

    private List<FacetValue> Count(CatalogQuery q, string? provinceCode, Facet except, Func<Cell, string> key) =>
        [.. Cells.Where(c => Matches(c, q, provinceCode, except))
            .GroupBy(key)
            .Select(g => new FacetValue(g.Key, g.Sum(c => c.Count)))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Key, StringComparer.Ordinal)];

    /// <summary>The same filters as the listing's SQL (CatalogService), minus the one facet being counted.</summary>
    private static bool Matches(in Cell c, CatalogQuery q, string? provinceCode, Facet except) =>
        (except is Facet.Group or Facet.ProductSet || q.Group is null || c.Group == q.Group)
        && (except == Facet.ProductSet || q.ProductSetCode is null || c.ProductSetCode == q.ProductSetCode)
        && (except == Facet.Province || provinceCode is null || c.ProvinceCode == provinceCode)
        && (except == Facet.MinStars || q.MinStars is null || c.Stars >= q.MinStars)
        && (except == Facet.ProducerType || q.ProducerType is null || c.ProducerType == q.ProducerType)
        && (except == Facet.InStock || !q.InStockOnly || c.InStock);
}
