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
public sealed class StorefrontService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, CatalogService catalog)
{
    public const int FeaturedCount = 8;

    public async Task<HomeSummary> GetHomeAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.Today();
        var published = db.Products.AsNoTracking().Where(p => p.IsPublished);

        var featured = await CatalogService.Project(published
                .Where(p => p.CertificateStars == 5 && p.CertificateValidUntil > today)
                .OrderByDescending(p => p.Stock > 0).ThenByDescending(p => p.CreatedAt).Take(FeaturedCount))
            .ToListAsync(ct);
        // Group and province counts are the unfiltered catalog's facets: cached, and one scan when they are not.
        var everything = await catalog.SearchAsync(new CatalogQuery(), ct);
        var vietnamese = StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false);

        return new HomeSummary(
            featured,
            [.. OcopGroups.All.Select(g => new FacetValue(g.Key(), everything.Facets.Groups.FirstOrDefault(x => x.Key == g.Key())?.Count ?? 0))],
            [.. everything.Facets.Provinces
                .Select(p => new ProvinceCount(p.Key, ReferenceData.ProvinceBySlug.TryGetValue(p.Key, out var province) ? province.Name : p.Key, p.Count))
                .OrderByDescending(p => p.Count).ThenBy(p => p.Name, vietnamese)],
            everything.Total,
            await db.Producers.CountAsync(p => p.Status == VerificationStatus.Verified, ct));
    }

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
