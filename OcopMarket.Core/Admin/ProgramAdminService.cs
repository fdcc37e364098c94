using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Text;

namespace OcopMarket.Core.Admin;

public sealed record AdminProducerRow(int Id, string Slug, string Name, ProducerType Type, string ProvinceName,
    VerificationStatus Status, string? SuspensionReason, int Products, int Published);

public sealed record AdminProductRow(int Id, string Slug, string Name, string ProducerName, bool IsPublished, string? ModerationNote);

public sealed record CertificateToVerify(int CertificateId, int ProductId, string ProductSlug, string ProductName,
    string ProducerName, int Stars, string? Number, CertifyingLevel Level, DateOnly? IssuedOn, DateOnly? ValidUntil);

/// <summary>What programme officers do: suspend and restore producers, take products down, verify certificates.</summary>
public sealed class ProgramAdminService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<AdminProducerRow>> ProducersAsync(Actor actor, string? search, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Producers.AsNoTracking()
            .Select(p => new AdminProducerRow(p.Id, p.Slug, p.Name, p.Type, p.Province.Name, p.Status, p.SuspensionReason,
                db.Products.Count(x => x.ProducerId == p.Id), db.Products.Count(x => x.ProducerId == p.Id && x.IsPublished)))
            .ToListAsync(ct);
        var folded = VietnameseText.Fold(search);
        // A few thousand producers: folding names in memory keeps one search rule everywhere.
        return [.. rows.Where(r => folded.Length == 0 || VietnameseText.Fold(r.Name).Contains(folded, StringComparison.Ordinal))
            .OrderBy(r => r.Status == VerificationStatus.Suspended ? 0 : 1).ThenBy(r => r.Name).Take(200)];
    }

    /// <summary>Suspends a producer: their listings leave the shop and their account can no longer change anything.</summary>
    public async Task SuspendProducerAsync(Actor actor, int producerId, string reason, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var producer = await db.Producers.FirstOrDefaultAsync(p => p.Id == producerId, ct) ?? throw new NotFoundException(new(
            "Không tìm thấy nhà sản xuất.",
            "Producer not found."));
        producer.Suspend(reason);
        foreach (var product in await db.Products.Where(p => p.ProducerId == producerId && p.IsPublished).ToListAsync(ct))
            product.TakeDown($"Nhà sản xuất bị tạm ngừng: {producer.SuspensionReason}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Restores a producer. Their products stay unpublished until the producer publishes them again.</summary>
    public async Task RestoreProducerAsync(Actor actor, int producerId, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var producer = await db.Producers.FirstOrDefaultAsync(p => p.Id == producerId, ct) ?? throw new NotFoundException(new(
            "Không tìm thấy nhà sản xuất.",
            "Producer not found."));
        producer.Verify();
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<AdminProductRow>> ProductsAsync(Actor actor, string? search, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        var folded = VietnameseText.Fold(search);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Products.AsNoTracking();
        if (folded.Length > 0) q = q.Where(p => p.SearchName.Contains(folded) || p.SearchProducer.Contains(folded));
        return await q.OrderByDescending(p => p.IsPublished).ThenByDescending(p => p.CreatedAt).Take(50)
            .Select(p => new AdminProductRow(p.Id, p.Slug, p.Name, p.Producer.Name, p.IsPublished, p.ModerationNote))
            .ToListAsync(ct);
    }

    public async Task TakeDownProductAsync(Actor actor, int productId, string reason, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == productId, ct) ?? throw new NotFoundException(new(
            "Không tìm thấy sản phẩm.",
            "Product not found."));
        product.TakeDown(reason);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Current certificates of listed products that no officer has checked yet, newest first.</summary>
    public async Task<IReadOnlyList<CertificateToVerify>> CertificatesToVerifyAsync(Actor actor, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        var today = clock.Today();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (from c in db.Certificates.AsNoTracking()
                      join p in db.Products on c.ProductId equals p.Id
                      where !c.IsVerifiedByProgram && c.IssuedOn != null && c.IssuedOn > today.AddMonths(-OcopCertificate.ValidityMonths)
                      orderby c.IssuedOn descending, c.Id descending
                      select new CertificateToVerify(c.Id, p.Id, p.Slug, p.Name, p.Producer.Name, c.Stars, c.Number, c.Level,
                          c.IssuedOn, null))
            .Take(100).ToListAsync(ct);
        return [.. rows.Select(r => r with { ValidUntil = r.IssuedOn?.AddMonths(OcopCertificate.ValidityMonths) })];
    }

    public async Task VerifyCertificateAsync(Actor actor, int certificateId, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var certificate = await db.Certificates.FirstOrDefaultAsync(c => c.Id == certificateId, ct)
            ?? throw new NotFoundException(new("Không tìm thấy chứng nhận.", "Certificate not found."));
        certificate.MarkVerified();
        await db.SaveChangesAsync(ct);
    }
}
