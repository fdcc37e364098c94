using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Media;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Portal;
using OcopMarket.Core.Traceability.Domain;

namespace OcopMarket.Core.Traceability;

public sealed record LotInput(DateOnly ProductionDate, DateOnly? BestBefore, int Quantity, string? GrowingAreaCode, string? Notes,
    IReadOnlyList<RawMaterial> RawMaterials);

/// <param name="OccurredAtLocal">When it happened, Vietnamese time, as the producer enters it.</param>
public sealed record TraceEventInput(TraceEventKind Kind, DateTime OccurredAtLocal, string Place, string Description,
    string? InspectionResult, string? Inspector);

public sealed record LotRow(int Id, string Code, DateOnly ProductionDate, DateOnly? BestBefore, int Quantity, int SerialsIssued,
    int EventCount, string LotPath);

public sealed record LotEventRow(int Id, TraceEventKind Kind, DateTime OccurredAt, string Place, string Description,
    string? InspectionResult, string? Inspector, string? AttachmentUrl);

public sealed record LotDetail(int Id, int ProductId, string ProductName, string? Gtin, int? CurrentStars, string Code, string PublicCode,
    DateOnly ProductionDate, DateOnly? BestBefore, int Quantity, string? GrowingAreaCode, string? Notes,
    IReadOnlyList<RawMaterial> RawMaterials, IReadOnlyList<LotEventRow> Events, int SerialsIssued, string LotPath);

/// <summary>What one label carries: the product, its stars, the lot, best-before and the address its QR encodes.</summary>
public sealed record LabelData(string ProductName, int? Stars, string LotCode, DateOnly? BestBefore, string Path, string? Serial);

/// <summary>A producer records their lots and their stories, issues unit serials and prints labels: their own products only.</summary>
public sealed class LotService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, SerialKeyStore keys, ProductPhotoService documents,
    IMediaStore store)
{
    public const int MaxLabelsPerSheetRun = 1_000;

    public async Task<IReadOnlyList<LotRow>> ListAsync(Actor actor, int productId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await ProducerPortalService.OwnProductAsync(db, actor, productId, ct);
        var lots = await db.Lots.AsNoTracking().Where(l => l.ProductId == productId)
            .OrderByDescending(l => l.ProductionDate).ThenByDescending(l => l.Id)
            .Select(l => new { l.Id, l.Code, l.PublicCode, l.ProductionDate, l.BestBefore, l.Quantity, l.SerialsIssued, Events = l.Events.Count })
            .ToListAsync(ct);
        return [.. lots.Select(l => new LotRow(l.Id, l.Code, l.ProductionDate, l.BestBefore, l.Quantity, l.SerialsIssued, l.Events,
            TraceLinks.LotPath(product.Gtin, l.Code, l.PublicCode)))];
    }

    public async Task<string?> GtinAsync(Actor actor, int productId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await ProducerPortalService.OwnProductAsync(db, actor, productId, ct)).Gtin;
    }

    /// <summary>Sets (or clears) the product's GTIN; another product already using it is refused.</summary>
    public async Task SetGtinAsync(Actor actor, int productId, string? gtin, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await ProducerPortalService.OwnProductAsync(db, actor, productId, ct);
        var before = product.Gtin;
        product.SetGtin(gtin);
        // Printed GS1 labels carry the GTIN: once a lot exists, changing it would make genuine labels unverifiable
        // (and could hand their address to whoever takes the number next).
        if (product.Gtin != before && await db.Lots.AnyAsync(l => l.ProductId == productId, ct))
            throw new DomainException(new(
                "Sản phẩm đã có lô với nhãn in mã GTIN hiện tại nên không đổi được GTIN.",
                "The product has lots whose labels carry the current GTIN, so the GTIN cannot change."));
        if (product.Gtin is { } g && await db.Products.AnyAsync(p => p.Gtin == g && p.Id != productId, ct))
            throw new DomainException(new("Mã GTIN này đã được dùng cho một sản phẩm khác.", "This GTIN is already used by another product."));
        await db.SaveChangesAsync(ct);
    }

    public async Task<int> CreateAsync(Actor actor, int productId, string code, LotInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ProducerPortalService.OwnProductAsync(db, actor, productId, ct);
        var lot = new Lot(productId, code, input.ProductionDate, input.BestBefore, input.Quantity, input.GrowingAreaCode, input.Notes,
            clock.GetUtcNow().UtcDateTime, clock.Today());
        lot.SetRawMaterials(input.RawMaterials);
        if (await db.Lots.AnyAsync(l => l.ProductId == productId && l.Code == lot.Code, ct))
            throw new DomainException(new($"Sản phẩm đã có lô mã {lot.Code}.", $"The product already has a lot with code {lot.Code}."));
        db.Lots.Add(lot);
        await db.SaveChangesAsync(ct);
        return lot.Id;
    }

    public async Task UpdateAsync(Actor actor, int lotId, LotInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (lot, _) = await OwnLotAsync(db, actor, lotId, ct);
        lot.Update(input.ProductionDate, input.BestBefore, input.Quantity, input.GrowingAreaCode, input.Notes, clock.Today());
        lot.SetRawMaterials(input.RawMaterials);
        await db.SaveChangesAsync(ct);
    }

    public async Task<LotDetail> GetAsync(Actor actor, int lotId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (lot, product) = await OwnLotAsync(db, actor, lotId, ct);
        return new LotDetail(lot.Id, product.Id, product.Name, product.Gtin, product.CurrentStarsOn(clock.Today()), lot.Code, lot.PublicCode,
            lot.ProductionDate, lot.BestBefore, lot.Quantity, lot.GrowingAreaCode, lot.Notes, lot.RawMaterials,
            [.. lot.Events.OrderBy(e => e.OccurredAt).Select(e => new LotEventRow(e.Id, e.Kind, e.OccurredAt, e.Place, e.Description,
                e.InspectionResult, e.Inspector, e.AttachmentPath is null ? null : Product.MediaUrlPrefix + e.AttachmentPath))],
            lot.SerialsIssued, TraceLinks.LotPath(product.Gtin, lot.Code, lot.PublicCode));
    }

    /// <param name="attachment">An image or PDF (a test result), checked like certificate scans; null for none.</param>
    public async Task AddEventAsync(Actor actor, int lotId, TraceEventInput input, Stream? attachment = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (lot, _) = await OwnLotAsync(db, actor, lotId, ct);
        var occurredUtc = DateTime.SpecifyKind(input.OccurredAtLocal - VietnamClock.Offset, DateTimeKind.Utc);
        var e = lot.AddEvent(input.Kind, occurredUtc, input.Place, input.Description, input.InspectionResult, input.Inspector,
            clock.GetUtcNow().UtcDateTime);
        string? stored = null;
        if (attachment is not null)
        {
            var (path, contentType) = await documents.StoreDocumentAsync(attachment, "lots", ct);
            e.Attach(path, contentType);
            stored = path;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            if (stored is not null) await store.DeleteAsync(stored, CancellationToken.None);
            throw;
        }
    }

    public async Task RemoveEventAsync(Actor actor, int lotId, int eventId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (lot, _) = await OwnLotAsync(db, actor, lotId, ct);
        var removed = lot.RemoveEvent(eventId);
        await db.SaveChangesAsync(ct);
        if (removed.AttachmentPath is { } path) await store.DeleteAsync(path, CancellationToken.None);
    }

    /// <returns>The first and last serial numbers issued.</returns>
    public async Task<(int First, int Last)> IssueSerialsAsync(Actor actor, int lotId, int count, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (lot, _) = await OwnLotAsync(db, actor, lotId, ct);
        var first = lot.IssueSerials(count);
        await db.SaveChangesAsync(ct);
        return (first, first + count - 1);
    }

    /// <summary>
    /// The labels of a print run: <paramref name="count"/> copies of the lot's QR, or, from
    /// <paramref name="firstSerial"/>, one label per issued unit serial.
    /// </summary>
    public async Task<IReadOnlyList<LabelData>> LabelsAsync(Actor actor, int lotId, int? firstSerial, int count, CancellationToken ct = default)
    {
        if (count is < 1 or > MaxLabelsPerSheetRun) throw new DomainException(new(
            $"In từ 1 đến {MaxLabelsPerSheetRun} nhãn mỗi lần.",
            $"Print 1 to {MaxLabelsPerSheetRun} labels at a time."));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (lot, product) = await OwnLotAsync(db, actor, lotId, ct);
        var stars = product.CurrentStarsOn(clock.Today());
        if (firstSerial is not { } from)
        {
            var path = TraceLinks.LotPath(product.Gtin, lot.Code, lot.PublicCode);
            return [.. Enumerable.Repeat(new LabelData(product.Name, stars, lot.Code, lot.BestBefore, path, null), count)];
        }
        if (!lot.IsIssued(from) || !lot.IsIssued(from + count - 1))
            throw new DomainException(new(
                $"Lô mới phát hành mã 1–{lot.SerialsIssued}; hãy phát hành thêm trước khi in.",
                $"The lot has only issued codes 1–{lot.SerialsIssued}; issue more before printing."));
        var signer = await keys.SignerAsync(ct);
        return [.. Enumerable.Range(from, count).Select(n =>
        {
            var serial = signer.Serial(lot.PublicCode, n);
            return new LabelData(product.Name, stars, lot.Code, lot.BestBefore,
                TraceLinks.UnitPath(product.Gtin, lot.Code, lot.PublicCode, serial), serial);
        })];
    }

    private static async Task<(Lot Lot, Product Product)> OwnLotAsync(OcopDbContext db, Actor actor, int lotId, CancellationToken ct)
    {
        actor.RequireProducer();
        var lot = await db.Lots.Include(l => l.Events).FirstOrDefaultAsync(l => l.Id == lotId, ct)
                  ?? throw new NotFoundException(new("Không tìm thấy lô.", "Lot not found."));
        // The product check is the portal's own: their product (someone else's lot is "not found", like a lot that
        // does not exist), and not while the producer is suspended.
        return (lot, await ProducerPortalService.OwnProductAsync(db, actor, lot.ProductId, ct));
    }
}
