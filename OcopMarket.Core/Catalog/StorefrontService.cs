using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference;
using OcopMarket.Core.Reference.Domain;

namespace OcopMarket.Core.Catalog;

public sealed record ProvinceCount(string Slug, string Name, int Count);

public sealed record HomeSummary(
    IReadOnlyList<ProductCard> FeaturedFiveStar,
    IReadOnlyList<FacetValue> Groups,
    IReadOnlyList<ProvinceCount> Provinces,
    int ProductCount,
    int ProducerCount);

public sealed record SitemapEntries(IReadOnlyList<(string Slug, DateTime LastModified)> Products, IReadOnlyList<string> Producers);

/// <summary>The home page and the sitemap: summaries across the whole published catalog.</summary>
public sealed class StorefrontService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, CatalogService catalog, CatalogCache cache)
{
    public const int FeaturedCount = 8;

    /// <summary>
    /// The home page's summary, cached in <see cref="CatalogCache"/> under the catalog version like the facet counts
    /// it is made of: after a write it is served for at most <see cref="CatalogCache.MaxStaleness"/> while one
    /// background task rebuilds it.
    /// </summary>
    public async Task<HomeSummary> GetHomeAsync(CancellationToken ct = default)
    {
        var today = clock.Today();
        // The shared version (another node's writes) is observed by the catalog call inside; a warm home page makes none,
        // so observe it here as well.
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            await cache.ObserveSharedVersionAsync(() => SharedCatalogVersion.ReadAsync(db, ct));
        return await cache.GetOrCreateAsync(("home", today), () => BuildHomeAsync(today));
    }

    private async Task<HomeSummary> BuildHomeAsync(DateOnly today)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var fiveStar = db.Products.AsNoTracking()
            .Where(p => p.IsPublished && p.CertificateStars == 5 && p.CertificateValidUntil > today);
        // In stock first, newest first: two walks down IX_Products_Featured (5★ published, newest first), the
        // second only when fewer than FeaturedCount 5★ products are in stock.
        var featured = await CatalogService.Project(Newest(fiveStar.Where(p => p.Stock > 0)).Take(FeaturedCount)).ToListAsync();
        if (featured.Count < FeaturedCount)
            featured.AddRange(await CatalogService.Project(Newest(fiveStar.Where(p => p.Stock <= 0)).Take(FeaturedCount - featured.Count)).ToListAsync());
        // Group and province counts are the unfiltered catalog's facets: cached, and one scan when they are not.
        var everything = await catalog.SearchAsync(new CatalogQuery());
        var vietnamese = StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false);

        return new HomeSummary(
            featured,
            [.. OcopGroups.All.Select(g => new FacetValue(g.Key(), everything.Facets.Groups.FirstOrDefault(x => x.Key == g.Key())?.Count ?? 0))],
            [.. everything.Facets.Provinces
                .Select(p => new ProvinceCount(p.Key, ReferenceData.ProvinceBySlug.TryGetValue(p.Key, out var province) ? province.Name : p.Key, p.Count))
                .OrderByDescending(p => p.Count).ThenBy(p => p.Name, vietnamese)],
            everything.Total,
            await db.Producers.CountAsync(p => p.Status == VerificationStatus.Verified));
    }

    private static IQueryable<Catalog.Domain.Product> Newest(IQueryable<Catalog.Domain.Product> products) =>
        products.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id);

    public async Task<SitemapEntries> GetSitemapAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var products = await db.Products.AsNoTracking().Where(p => p.IsPublished).OrderBy(p => p.Id)
            .Select(p => new { p.Slug, p.CreatedAt }).ToListAsync(ct);
        var producers = await db.Producers.AsNoTracking().Where(p => p.Status == VerificationStatus.Verified)
            .OrderBy(p => p.Id).Select(p => p.Slug).ToListAsync(ct);
        return new SitemapEntries([.. products.Select(p => (p.Slug, p.CreatedAt))], producers);
    }
}
