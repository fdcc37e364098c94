using System.Runtime.CompilerServices;
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

/// <summary>The home page and the sitemap: summaries across the whole published catalog.</summary>
public sealed class StorefrontService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, CatalogService catalog, CatalogCache cache)
{
    public const int FeaturedCount = 8;

    /// <summary>
    /// The home page's summary. The featured products and the producer count are cached in <see cref="CatalogCache"/>
    /// under the catalog version, and the group and province counts come from the catalog's cached cube; each follows
    /// the cache's rule on its own: after a write it is served for at most <see cref="CatalogCache.MaxStaleness"/>
    /// while one background task rebuilds it. (Kept apart so a rebuild never stores counts from an older cube as new.)
    /// </summary>
    public async Task<HomeSummary> GetHomeAsync(CancellationToken ct = default)
    {
        var today = clock.Today();
        // Observes the shared version (another node's writes) first, as every catalog read does.
        var (facets, total) = await catalog.WholeCatalogAsync(ct);
        var featured = await cache.GetOrCreateAsync(("home", today), () => BuildFeaturedAsync(today));
        return new HomeSummary(
            featured.Products,
            [.. OcopGroups.All.Select(g => new FacetValue(g.Key(), facets.Groups.FirstOrDefault(x => x.Key == g.Key())?.Count ?? 0))],
            [.. facets.Provinces
                .Select(p => new ProvinceCount(p.Key, ReferenceData.ProvinceBySlug.TryGetValue(p.Key, out var province) ? province.Name : p.Key, p.Count))
                .OrderByDescending(p => p.Count).ThenBy(p => p.Name, Vietnamese)],
            total,
            featured.ProducerCount);
    }

    private static readonly StringComparer Vietnamese = StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false);

    private sealed record Featured(IReadOnlyList<ProductCard> Products, int ProducerCount);

    private async Task<Featured> BuildFeaturedAsync(DateOnly today)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var fiveStar = db.Products.AsNoTracking()
            .Where(p => p.IsPublished && p.CertificateStars == 5 && p.CertificateValidUntil > today);
        // In stock first, newest first: two walks down IX_Products_Featured (5★ published, newest first), the
        // second only when fewer than FeaturedCount 5★ products are in stock.
        var featured = await CatalogService.Project(CatalogService.Newest(fiveStar.Where(p => p.Stock > 0)).Take(FeaturedCount)).ToListAsync();
        if (featured.Count < FeaturedCount)
            featured.AddRange(await CatalogService.Project(CatalogService.Newest(fiveStar.Where(p => p.Stock <= 0)).Take(FeaturedCount - featured.Count)).ToListAsync());
        return new Featured(featured, await db.Producers.CountAsync(p => p.Status == VerificationStatus.Verified));
    }


    /// <summary>How many products are published: the sitemap's product files hold them in Id order.</summary>
    public async Task<int> CountPublishedProductsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Products.CountAsync(p => p.IsPublished, ct);
    }

    /// <summary>
    /// The published products of one sitemap file (1-based), <paramref name="perFile"/> to a file in Id order, read
    /// one row at a time as the caller writes them: memory stays the same however large the catalog grows.
    /// </summary>
    public async IAsyncEnumerable<(string Slug, DateTime LastModified)> SitemapProductsAsync(
        int file, int perFile, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var published = db.Products.AsNoTracking().Where(p => p.IsPublished).OrderBy(p => p.Id);
        // Keyset: find the file's first Id once (the primary key's index), then read forward from it.
        var firstId = await published.Skip((file - 1) * perFile).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        if (firstId is not { } from) yield break;
        var rows = published.Where(p => p.Id >= from).Take(perFile).Select(p => new { p.Slug, p.CreatedAt }).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct)) yield return (row.Slug, row.CreatedAt);
    }

    /// <summary>The verified producers' slugs in Id order, streamed like <see cref="SitemapProductsAsync"/>.</summary>
    public async IAsyncEnumerable<string> SitemapProducersAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var slugs = db.Producers.AsNoTracking().Where(p => p.Status == VerificationStatus.Verified).OrderBy(p => p.Id).Select(p => p.Slug)
            .AsAsyncEnumerable();
        await foreach (var slug in slugs.WithCancellation(ct)) yield return slug;
    }
}
