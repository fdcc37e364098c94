using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Seeding;
using OcopMarket.Core.Text;

namespace OcopMarket.Core.Services.Catalog;

/// <summary>The public catalog: filters, facet counts, sorting, paging and search, all in SQL.</summary>
public sealed class CatalogService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock)
{
    private static readonly IReadOnlyDictionary<string, string> ProvinceCodeBySlug =
        ReferenceData.Provinces.ToDictionary(p => VietnameseText.Slugify(p.Name), p => p.Code);

    private enum Facet { None, Group, ProductSet, Province, MinStars, ProducerType, InStock }

    public async Task<CatalogResult> SearchAsync(CatalogQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.Today();
        var match = query.HasSearch ? await ProductSearchIndex.ChooseMatchAsync(db, query.Search, ct) : null;
        var provinceCode = query.ProvinceSlug is null ? null : ProvinceCodeBySlug.GetValueOrDefault(query.ProvinceSlug, "??");

        IQueryable<Product> Filtered(Facet except)
        {
            var q = db.Products.AsNoTracking().Where(p => p.IsPublished);
            if (match is not null)
            {
                var hitIds = ProductSearchIndex.Hits(db, match).Select(h => h.ProductId);
                q = q.Where(p => hitIds.Contains(p.Id));
            }
            if (except != Facet.Group && except != Facet.ProductSet && query.Group is { } group) q = q.Where(p => p.Group == group);
            if (except != Facet.ProductSet && query.ProductSetCode is { } set) q = q.Where(p => p.ProductSetCode == set);
            if (except != Facet.Province && provinceCode is not null) q = q.Where(p => p.Producer.ProvinceCode == provinceCode);
            if (except != Facet.MinStars && query.MinStars is { } stars)
                q = q.Where(p => p.CertificateStars >= stars && p.CertificateValidUntil > today);
            if (except != Facet.ProducerType && query.ProducerType is { } type) q = q.Where(p => p.Producer.Type == type);
            if (query.MinPrice is { } min) q = q.Where(p => p.PriceVnd >= min);
            if (query.MaxPrice is { } max) q = q.Where(p => p.PriceVnd <= max);
            if (except != Facet.InStock && query.InStockOnly) q = q.Where(p => p.Stock > 0);
            return q;
        }

        var filtered = Filtered(Facet.None);
        var total = await filtered.CountAsync(ct);
        var page = Math.Clamp(query.Page, 1, Math.Max(1, (total + CatalogQuery.PageSize - 1) / CatalogQuery.PageSize));
        var items = await PageAsync(db, filtered, query, match, today, page, ct);

        var facets = new CatalogFacets(
            Groups: await CountAsync(Filtered(Facet.Group).GroupBy(p => p.Group), g => g.Key(), ct),
            ProductSets: await CountAsync(Filtered(Facet.ProductSet).GroupBy(p => p.ProductSetCode), s => s, ct),
            Provinces: await CountAsync(Filtered(Facet.Province).GroupBy(p => p.Producer.ProvinceCode), ProvinceSlug, ct),
            MinStars: await StarCountsAsync(Filtered(Facet.MinStars), today, ct),
            ProducerTypes: await CountAsync(Filtered(Facet.ProducerType).GroupBy(p => p.Producer.Type), t => t.Key(), ct),
            InStock: await Filtered(Facet.InStock).CountAsync(p => p.Stock > 0, ct));

        return new CatalogResult(query with { Page = page }, items, total, facets);
    }

    private static async Task<IReadOnlyList<ProductCard>> PageAsync(OcopDbContext db, IQueryable<Product> filtered,
        CatalogQuery query, string? match, DateOnly today, int page, CancellationToken ct)
    {
        var skip = (page - 1) * CatalogQuery.PageSize;
        if (match is not null && query.Sort == CatalogSort.Relevance)
        {
            var ranked = from p in filtered
                         join h in ProductSearchIndex.Hits(db, match) on p.Id equals h.ProductId
                         orderby h.Rank, p.Id
                         select p;
            return await Project(ranked.Skip(skip).Take(CatalogQuery.PageSize)).ToListAsync(ct);
        }

        var sorted = query.Sort switch
        {
            CatalogSort.PriceAscending => filtered.OrderBy(p => p.PriceVnd).ThenBy(p => p.Id),
            CatalogSort.PriceDescending => filtered.OrderByDescending(p => p.PriceVnd).ThenBy(p => p.Id),
            CatalogSort.Stars => filtered
                .OrderByDescending(p => p.CertificateValidUntil > today ? p.CertificateStars : 0)
                .ThenByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id),
            _ => filtered.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id),
        };
        return await Project(sorted.Skip(skip).Take(CatalogQuery.PageSize)).ToListAsync(ct);
    }

    internal static IQueryable<ProductCard> Project(IQueryable<Product> products) =>
        products.Select(p => new ProductCard(
            p.Id, p.Slug, p.Name, p.Producer.Name, p.Producer.Slug, p.Producer.Province.Name,
            p.Group, p.PriceVnd, p.Unit, p.Stock, p.CertificateStars, p.CertificateValidUntil, p.ImagePath));

    private static async Task<IReadOnlyList<FacetValue>> CountAsync<TKey>(
        IQueryable<IGrouping<TKey, Product>> groups, Func<TKey, string> key, CancellationToken ct)
    {
        var rows = await groups.Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return rows.Select(r => new FacetValue(key(r.Key), r.Count)).OrderByDescending(f => f.Count).ThenBy(f => f.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>"3★ and up", "4★ and up", "5★": cumulative counts of current certificates only.</summary>
    private static async Task<IReadOnlyList<FacetValue>> StarCountsAsync(IQueryable<Product> products, DateOnly today, CancellationToken ct)
    {
        var byStars = await products
            .Where(p => p.CertificateStars != null && p.CertificateValidUntil > today)
            .GroupBy(p => p.CertificateStars!.Value)
            .Select(g => new { Stars = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return [.. new[] { 3, 4, 5 }.Select(n => new FacetValue(n.ToString(System.Globalization.CultureInfo.InvariantCulture), byStars.Where(s => s.Stars >= n).Sum(s => s.Count)))];
    }

    private static string ProvinceSlug(string code) =>
        ProvinceCodeBySlug.First(kv => kv.Value == code).Key;
}
