using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Services.Catalog;

namespace OcopMarket.Core.Services.Producers;

public sealed record ProducerProfile(
    ProducerSummary Summary, string? Phone, string? Story, string? CraftVillage, VerificationStatus Status,
    IReadOnlyList<ProductCard> Products);

/// <summary>The public producer pages.</summary>
public sealed class ProducerDirectory(IDbContextFactory<OcopDbContext> dbFactory)
{
    public async Task<ProducerProfile?> FindAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var producer = await db.Producers.AsNoTracking()
            .Include(p => p.Province).Include(p => p.Commune)
            .FirstOrDefaultAsync(p => p.Slug == slug && p.Status != VerificationStatus.Pending, ct);
        if (producer is null) return null;

        var products = await CatalogService.Project(db.Products.AsNoTracking()
                .Where(p => p.ProducerId == producer.Id && p.IsPublished)
                .OrderBy(p => p.Name))
            .ToListAsync(ct);
        return new ProducerProfile(Summarise(producer), producer.Phone, producer.Story, producer.CraftVillage,
            producer.Status, products);
    }

    internal static ProducerSummary Summarise(Producer p) => new(
        p.Id, p.Slug, p.Name, p.Type, p.Province.Name, p.Province.Slug, p.Commune?.Name, p.StreetAddress, p.LegacyLocality);
}
