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
