using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.PublicPages;
using OcopMarket.Core.PublicPages.Domain;
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

    /// <summary>The lot's row id (what a cached trace page is tagged with, <see cref="PublicPages.PageTags.Lot"/>).</summary>
    public int LotId { get; init; }
}

/// <summary>
/// Answers a scanned label: finds the lot, checks a unit serial's signature and that it was issued, and counts
/// the scan (in memory; <see cref="ScanCounter"/> writes it later). Anything unknown or forged is null: the page
/// says the code cannot be verified, whichever it was, so probing learns nothing.
/// </summary>
public sealed class TraceabilityService
{
    private readonly IDbContextFactory<OcopDbContext> dbFactory;
    private readonly TimeProvider clock;
    private readonly SerialKeyStore keys;
    private readonly ScanCounter scans;
    private readonly TraceabilityOptions options;

    public TraceabilityService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, SerialKeyStore keys,
        ScanCounter scans, TraceabilityOptions options, PageChangeFeed pageChanges)
    {
        this.dbFactory = dbFactory;
        this.clock = clock;
        this.keys = keys;
        this.scans = scans;
        this.options = options;
        pageChanges.Changed += Evict; // a singleton, as the feed: the subscription lives as long as the app
    }

    /// <summary>
    /// A tap on a trace page's "buy" link: counted for the lot's engagement (the producer's dashboard) when
    /// <paramref name="count"/>, and answered with the product to open. Null for an unknown lot or a product not on sale.
    /// </summary>
    public async Task<string?> BuyAsync(string lotPublicCode, bool count, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await (from l in db.Lots.AsNoTracking()
                            join p in db.Products on l.ProductId equals p.Id
                            where l.PublicCode == lotPublicCode && p.IsPublished
                            select new { l.Id, p.Slug }).FirstOrDefaultAsync(ct);
        if (target is null) return null;
        if (count) scans.RecordBuyClick(target.Id, clock.GetUtcNow().UtcDateTime);
        return target.Slug;
    }

    public async Task<TraceView?> ResolveAsync(TraceAddress address, bool countScan = true, CancellationToken ct = default)
    {
        if (await LotAsync(address, ct) is not { } found) return null;
        if (address.Serial is not { } serial) return found.View;

        var signer = await keys.SignerAsync(ct);
        if (!signer.TryVerify(found.View.LotPublicCode, serial, out var number) || !(number >= 1 && number <= found.SerialsIssued)) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (countScan) scans.Record(found.View.LotId, number, now);
        // The count is read live on every scan: it is what tells a buyer whether the label was copied.
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.SerialScans.AsNoTracking().Where(s => s.LotId == found.View.LotId && s.SerialNumber == number)
            .Select(s => new { s.Count, s.FirstScannedAt }).FirstOrDefaultAsync(ct);
        var (pendingCount, pendingFirst) = scans.PendingFor(found.View.LotId, number);
        var count = (stored?.Count ?? 0) + pendingCount;
        var first = stored?.FirstScannedAt ?? pendingFirst ?? now;
        var unit = new UnitView(serial.ToUpperInvariant(), number, count, first, count > options.CopiedScanThreshold);
        return found.View with
        {
            UnitScan = unit,
            CanonicalPath = TraceLinks.UnitPath(found.View.Gtin, found.View.LotCode, found.View.LotPublicCode, unit.Serial),
        };
    }

    /// <summary>A lot as its trace page shows it, and how many serials it issued.</summary>
    private sealed record FoundLot(TraceView View, int SerialsIssued, DateTimeOffset BuiltAt, DateOnly Today, string[] Tags);

    /// <summary>
    /// The lot part of a trace page, kept between scans: every unit of a lot shows the same product, producer,
    /// certificate and events, so a shop's worth of scans reads them once. An entry goes the moment a write changes
    /// what it shows (the page tags of <see cref="PageChangeFeed"/>, from this node or another), at midnight (a
    /// certificate's validity is judged by the day), and after <see cref="LotViewMaxAge"/> whatever happens.
    /// </summary>
    private async Task<FoundLot?> LotAsync(TraceAddress address, CancellationToken ct)
    {
        var key = address with { Serial = null };
        var today = clock.Today();
        if (_lots.TryGetValue(key, out var cached) && cached.Today == today && clock.GetUtcNow() - cached.BuiltAt < LotViewMaxAge) return cached;
        var built = await BuildLotAsync(address, today, ct);
        if (built is null) _lots.TryRemove(key, out _);
        else
        {
            if (_lots.Count >= MaxCachedLots) _lots.Clear(); // rare: many lots scanned within minutes; start afresh
            _lots[key] = built;
        }
        return built;
    }

    public static readonly TimeSpan LotViewMaxAge = TimeSpan.FromMinutes(5);
    private const int MaxCachedLots = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<TraceAddress, FoundLot> _lots = new();

    private void Evict(IReadOnlyCollection<string> tags)
    {
        if (tags.Contains(PageTags.All)) { _lots.Clear(); return; }
        foreach (var (key, lot) in _lots)
        {
            if (lot.Tags.Any(tags.Contains)) _lots.TryRemove(key, out _);
        }
    }

    private async Task<FoundLot?> BuildLotAsync(TraceAddress address, DateOnly today, CancellationToken ct)
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

        var product = await db.Products.AsNoTracking()
            .Include(p => p.Certificates)
            .Include(p => p.Images)
            .Include(p => p.Producer).ThenInclude(p => p.Province)
            .Include(p => p.Producer).ThenInclude(p => p.Commune)
            .AsSplitQuery()
            .FirstAsync(p => p.Id == lot.ProductId, ct);
        var certificate = CertificateView.Of(product, today);
        var cover = product.Images.OrderBy(i => i.Position).FirstOrDefault();

        var view = new TraceView(product.Id, product.Slug, product.Name,
            cover is null ? product.ImagePath : Product.MediaUrlPrefix + cover.DisplayPath,
            product.Group, product.Gtin, product.Unit, certificate, ProducerDirectory.Summarise(product.Producer),
            lot.Code, lot.PublicCode, lot.ProductionDate, lot.BestBefore, lot.Quantity, lot.GrowingAreaCode, lot.Notes,
            [.. lot.RawMaterials.Select(m => new RawMaterialView(m.Name,
                m.CommuneCode is null ? null : ReferenceData.Communes.FirstOrDefault(x => x.Code == m.CommuneCode)?.Name,
                ReferenceData.Provinces.FirstOrDefault(p => p.Code == m.ProvinceCode)?.Name ?? m.ProvinceCode, m.Note))],
            [.. lot.Events.OrderBy(e => e.OccurredAt).Select(e => new TraceEventView(e.Kind, e.OccurredAt, e.Place, e.Description,
                e.InspectionResult, e.Inspector, e.AttachmentPath is null ? null : Product.MediaUrlPrefix + e.AttachmentPath, e.AttachmentContentType))],
            null,
            TraceLinks.LotPath(product.Gtin, lot.Code, lot.PublicCode),
            product.IsPublished && product.Producer.Status != VerificationStatus.Suspended,
            product.Producer.Status == VerificationStatus.Suspended) { LotId = lot.Id };
        return new FoundLot(view, lot.SerialsIssued, clock.GetUtcNow(), today,
            [PageTags.Lot(lot.Id), PageTags.Product(product.Id), PageTags.Producer(product.ProducerId)]);
    }
}
