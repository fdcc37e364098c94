using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference.Domain;

namespace OcopMarket.Core.Catalog;

public sealed record CertificateView(
    int Stars, string? Number, CertifyingLevel Level, DateOnly? IssuedOn, bool IssueDateIsYearOnly,
    DateOnly? ValidUntil, CertificateStatus Status, bool IsVerifiedByProgram, string? ScanUrl = null)
{
    /// <summary>The product's newest certificate as a buyer is shown it on <paramref name="today"/>, or null.</summary>
    public static CertificateView? Of(Product product, DateOnly today) => product.LatestCertificate is { } c
        ? new CertificateView(c.Stars, c.Number, c.Level, c.IssuedOn, c.IssueDateIsYearOnly, c.ValidUntil, c.StatusOn(today),
            c.IsVerifiedByProgram, c.ScanPath is null ? null : Product.MediaUrlPrefix + c.ScanPath)
        : null;
}

/// <summary>A producer's photo as the product page shows it: the display size and its thumbnail.</summary>
public sealed record ProductPhoto(string DisplayUrl, string ThumbnailUrl, int Width, int Height);

public sealed record ProducerSummary(
    int Id, string Slug, string Name, ProducerType Type, string ProvinceName, string ProvinceSlug,
    string? CommuneName, string? StreetAddress, string? LegacyLocality);

public sealed record ProductDetails(
    int Id, string Slug, string Name, string Description, OcopGroup Group, string ProductSetCode,
    string Unit, long PriceVnd, int Stock, string? ImagePath, string? SourceUrl, DateTime CreatedAt,
    CertificateView? Certificate, ProducerSummary Producer,
    IReadOnlyList<ProductCard> MoreFromProducer, IReadOnlyList<ProductCard> MoreInGroup,
    IReadOnlyList<ProductPhoto> Photos)
{
    /// <summary>Stars the page may show as current; null when there is no certificate or it is not current.</summary>
    public int? CurrentStars => Certificate is { Status: CertificateStatus.Current } c ? c.Stars : null;
}

public sealed class ProductDetailsService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock)
{
    public const int RelatedCount = 6;

    /// <summary>The public product page, or null when no published product has this slug.</summary>
    public async Task<ProductDetails?> FindAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await db.Products.AsNoTracking()
            .Include(p => p.Certificates)
            .Include(p => p.Images)
            .Include(p => p.Producer).ThenInclude(p => p.Province)
            .Include(p => p.Producer).ThenInclude(p => p.Commune)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Slug == slug && p.IsPublished, ct);
        if (product is null) return null;

        var certificate = CertificateView.Of(product, clock.Today());

        var published = db.Products.AsNoTracking().Where(p => p.IsPublished && p.Id != product.Id);
        var moreFromProducer = await CatalogService.Project(published
                .Where(p => p.ProducerId == product.ProducerId)
                .OrderByDescending(p => p.CreatedAt).Take(RelatedCount))
            .ToListAsync(ct);
        // Same product set first (fish sauce beside fish sauce), topped up from the rest of the group; newest
        // first, so each query walks the catalog's newest-first index and stops after a handful of rows.
        var others = published.Where(p => p.ProducerId != product.ProducerId);
        var moreInGroup = await CatalogService.Project(others
                .Where(p => p.ProductSetCode == product.ProductSetCode)
                .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(RelatedCount))
            .ToListAsync(ct);
        if (moreInGroup.Count < RelatedCount)
        {
            moreInGroup.AddRange(await CatalogService.Project(others
                    .Where(p => p.Group == product.Group && p.ProductSetCode != product.ProductSetCode)
                    .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(RelatedCount - moreInGroup.Count))
                .ToListAsync(ct));
        }

        return new ProductDetails(product.Id, product.Slug, product.Name, product.Description, product.Group,
            product.ProductSetCode, product.Unit, product.PriceVnd, product.Stock, product.ImagePath, product.SourceUrl,
            product.CreatedAt, certificate, ProducerDirectory.Summarise(product.Producer), moreFromProducer, moreInGroup,
            [.. product.Images.OrderBy(i => i.Position).Select(i => new ProductPhoto(
                Product.MediaUrlPrefix + i.DisplayPath, Product.MediaUrlPrefix + i.ThumbnailPath, i.Width, i.Height))]);
    }
}
