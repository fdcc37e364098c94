using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Traceability;

namespace OcopMarket.Core.Catalog;

/// <param name="BusinessRegistrationNumber">With <paramref name="ApprovedByName"/> and <paramref name="ApprovedAt"/>: who the
/// seller is, as an officer checked it (null for a seeded producer whose identity nobody has checked yet).</param>
public sealed record ProducerProfile(
    ProducerSummary Summary, string? Phone, string? Story, string? CraftVillage, VerificationStatus Status,
    IReadOnlyList<ProductCard> Products, string? BusinessRegistrationNumber = null, string? ApprovedByName = null, DateTime? ApprovedAt = null);

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
            producer.Status, products, producer.BusinessRegistrationNumber, producer.ApprovedByName, producer.ApprovedAt);
    }

    /// <summary>Producers whose name contains the folded words, for officers linking an application to a profile.</summary>
    public async Task<IReadOnlyList<ProducerSummary>> SearchAsync(string? text, int take = 20, CancellationToken ct = default)
    {
        var folded = Text.VietnameseText.Fold(text);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var producers = await db.Producers.AsNoTracking().Include(p => p.Province).Include(p => p.Commune)
            .OrderBy(p => p.Name).ToListAsync(ct);
        // A few thousand producers at most: folding in memory is simpler than a second search index.
        return [.. producers.Where(p => folded.Length == 0 || Text.VietnameseText.Fold(p.Name).Contains(folded, StringComparison.Ordinal))
            .Take(take).Select(Summarise)];
    }

    internal static ProducerSummary Summarise(Producer p) => new(
        p.Id, p.Slug, p.Name, p.Type, p.Province.Name, p.Province.Slug, p.Commune?.Name, p.StreetAddress, p.LegacyLocality);
}
