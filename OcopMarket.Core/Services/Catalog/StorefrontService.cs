using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Domain;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Services.Catalog;

public sealed record ProvinceCount(string Slug, string Name, int Count);

public sealed record HomeSummary(
    IReadOnlyList<ProductCard> FeaturedFiveStar,
    IReadOnlyList<FacetValue> Groups,
    IReadOnlyList<ProvinceCount> Provinces,
    int ProductCount,
    int ProducerCount);

public sealed record SitemapEntries(IReadOnlyList<(string Slug, DateTime LastModified)> Products, IReadOnlyList<string> Producers);

/// <summary>The home page and the sitemap: summaries across the whole published catalog.</summary>
public sealed class StorefrontService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock)
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
        var groups = await published.GroupBy(p => p.Group).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var provinces = await published.GroupBy(p => new { p.Producer.Province.Slug, p.Producer.Province.Name })
            .Select(g => new ProvinceCount(g.Key.Slug, g.Key.Name, g.Count()))
            .ToListAsync(ct);

        return new HomeSummary(
            featured,
            [.. OcopGroups.All.Select(g => new FacetValue(g.Key(), groups.FirstOrDefault(x => x.Key == g)?.Count ?? 0))],
            [.. provinces.OrderByDescending(p => p.Count).ThenBy(p => p.Name, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false))],
            groups.Sum(g => g.Count),
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
