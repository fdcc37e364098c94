using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Core.Traceability.Domain;

namespace OcopMarket.Core.Traceability;

public sealed record RawMaterialView(string Name, string? CommuneName, string ProvinceName, string? Note);

public sealed record TraceEventView(TraceEventKind Kind, DateTime OccurredAt, string Place, string Description,
    string? InspectionResult, string? Inspector, string? AttachmentUrl, string? AttachmentContentType);

/// <param name="ScanCount">Every scan of this unit's label so far, this one included.</param>
/// <param name="LooksCopied">Scanned far more often than one package ever is: the label may have been copied.</param>
public sealed record UnitView(string Serial, int Number, long ScanCount, DateTime FirstScannedAt, bool LooksCopied);

/// <summary>Everything the public page (and its JSON) shows for a scanned code that verified.</summary>
public sealed record TraceView(
    int ProductId, string ProductSlug, string ProductName, string? ProductImage, OcopGroup Group, string? Gtin, string Unit,
    CertificateView? Certificate, ProducerSummary Producer,
    string LotCode, string LotPublicCode, DateOnly ProductionDate, DateOnly? BestBefore, int Quantity, string? GrowingAreaCode,
    string? Notes, IReadOnlyList<RawMaterialView> RawMaterials, IReadOnlyList<TraceEventView> Events,
    UnitView? UnitScan, string CanonicalPath, bool ProductOnSale, bool ProducerSuspended)
{
    public int? CurrentStars => Certificate is { Status: CertificateStatus.Current } c ? c.Stars : null;
}

/// <summary>
/// Answers a scanned label: finds the lot, checks a unit serial's signature and that it was issued, and counts
/// the scan (in memory; <see cref="ScanCounter"/> writes it later). Anything unknown or forged is null: the page
/// says the code cannot be verified, whichever it was, so probing learns nothing.
/// </summary>
public sealed class TraceabilityService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, SerialKeyStore keys,
    ScanCounter scans, TraceabilityOptions options)
{
    public async Task<TraceView?> ResolveAsync(TraceAddress address, bool countScan = true, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lots = db.Lots.AsNoTracking();
        Lot? lot;
        if (address.Gtin is { } gtin && address.LotCode is { } code)
        {
            var normalised = Gtin.Normalise(gtin);
            if (normalised is null || normalised != gtin) return null; // one spelling per product: the 14 digits
            lot = await lots.Include(l => l.Events)
                .Where(l => l.Code == code && db.Products.Any(p => p.Id == l.ProductId && p.Gtin == gtin))
                .FirstOrDefaultAsync(ct);
        }
        else if (address.PublicCode is { Length: 8 } publicCode)
        {
            lot = await lots.Include(l => l.Events).FirstOrDefaultAsync(l => l.PublicCode == publicCode, ct);
        }
        else
        {
            return null;
        }
        if (lot is null) return null;

        UnitView? unit = null;
        if (address.Serial is { } serial)
        {
            var signer = await keys.SignerAsync(ct);
            if (!signer.TryVerify(lot.PublicCode, serial, out var number) || !lot.IsIssued(number)) return null;
            var now = clock.GetUtcNow().UtcDateTime;
            if (countScan) scans.Record(lot.Id, number, now);
            var stored = await db.SerialScans.AsNoTracking().Where(s => s.LotId == lot.Id && s.SerialNumber == number)
                .Select(s => new { s.Count, s.FirstScannedAt }).FirstOrDefaultAsync(ct);
            var (pendingCount, pendingFirst) = scans.PendingFor(lot.Id, number);
            var count = (stored?.Count ?? 0) + pendingCount;
            var first = stored?.FirstScannedAt ?? pendingFirst ?? now;
            unit = new UnitView(serial.ToUpperInvariant(), number, count, first, count > options.CopiedScanThreshold);
        }

        var product = await db.Products.AsNoTracking()
            .Include(p => p.Certificates)
            .Include(p => p.Images)
            .Include(p => p.Producer).ThenInclude(p => p.Province)
            .Include(p => p.Producer).ThenInclude(p => p.Commune)
            .AsSplitQuery()
            .FirstAsync(p => p.Id == lot.ProductId, ct);
        var certificate = CertificateView.Of(product, clock.Today());
        var cover = product.Images.OrderBy(i => i.Position).FirstOrDefault();

        return new TraceView(product.Id, product.Slug, product.Name,
            cover is null ? product.ImagePath : Product.MediaUrlPrefix + cover.DisplayPath,
            product.Group, product.Gtin, product.Unit, certificate, ProducerDirectory.Summarise(product.Producer),
            lot.Code, lot.PublicCode, lot.ProductionDate, lot.BestBefore, lot.Quantity, lot.GrowingAreaCode, lot.Notes,
            [.. lot.RawMaterials.Select(m => new RawMaterialView(m.Name,
                m.CommuneCode is null ? null : ReferenceData.Communes.FirstOrDefault(x => x.Code == m.CommuneCode)?.Name,
                ReferenceData.Provinces.FirstOrDefault(p => p.Code == m.ProvinceCode)?.Name ?? m.ProvinceCode, m.Note))],
            [.. lot.Events.OrderBy(e => e.OccurredAt).Select(e => new TraceEventView(e.Kind, e.OccurredAt, e.Place, e.Description,
                e.InspectionResult, e.Inspector, e.AttachmentPath is null ? null : Product.MediaUrlPrefix + e.AttachmentPath, e.AttachmentContentType))],
            unit,
            unit is null
                ? TraceLinks.LotPath(product.Gtin, lot.Code, lot.PublicCode)
                : TraceLinks.UnitPath(product.Gtin, lot.Code, lot.PublicCode, unit.Serial),
            product.IsPublished && product.Producer.Status != VerificationStatus.Suspended,
            product.Producer.Status == VerificationStatus.Suspended);
    }
}
