using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Complaints.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Traceability;

namespace OcopMarket.Core.Complaints;

public sealed record LabelReportView(int Id, string ProductName, string LotCode, string LotPublicCode, int ProducerId, string ProducerName,
    string Serial, long ScanCount, DateTime FirstScannedAt, string? Contact, string? Note, bool SignedIn, DateTime ReportedAt, DateTime? ReviewedAt);

/// <summary>
/// Reports of unit labels that look copied, from the trace page's caution: the officers' desk lists them with the
/// scan's details as the server read them when the report was made.
/// </summary>
public sealed class LabelReportService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, TraceabilityService trace)
{
    /// <summary>Records a report of a verified unit label. The scan is not counted again.</summary>
    /// <exception cref="NotFoundException">Not a verified unit label (a lot's code, a forged or unknown serial).</exception>
    public async Task<int> ReportAsync(TraceAddress address, string? contact, string? note, Actor? reporter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        var view = address.Serial is null ? null : await trace.ResolveAsync(address, countScan: false, ct);
        if (view?.UnitScan is not { } unit) throw new NotFoundException(new("Không xác thực được mã này.", "This code cannot be verified."));
        var report = new LabelReport(view.LotId, view.LotCode, view.LotPublicCode, view.ProductId, view.ProductName, view.Producer.Id,
            unit.Serial, unit.Number, unit.ScanCount, unit.FirstScannedAt, contact, note, reporter?.UserId, clock.GetUtcNow().UtcDateTime);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Add(report);
        await db.SaveChangesAsync(ct);
        return report.Id;
    }

    /// <summary>Reports not yet reviewed first (newest first), then the last reviewed ones.</summary>
    public async Task<IReadOnlyList<LabelReportView>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var fresh = await db.Set<LabelReport>().AsNoTracking().Where(r => r.ReviewedAt == null).OrderByDescending(r => r.ReportedAt).Take(100).ToListAsync(ct);
        var seen = await db.Set<LabelReport>().AsNoTracking().Where(r => r.ReviewedAt != null).OrderByDescending(r => r.ReviewedAt).Take(20).ToListAsync(ct);
        var all = fresh.Concat(seen).ToList();
        var ids = all.Select(r => r.ProducerId).Distinct().ToList();
        var names = await db.Producers.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return [.. all.Select(r => new LabelReportView(r.Id, r.ProductName, r.LotCode, r.LotPublicCode, r.ProducerId, names.GetValueOrDefault(r.ProducerId, ""),
            r.Serial, r.ScanCount, r.FirstScannedAt, r.Contact, r.Note, r.ReporterUserId is not null, r.ReportedAt, r.ReviewedAt))];
    }

    public async Task MarkReviewedAsync(Actor actor, int reportId, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await db.Set<LabelReport>().SingleOrDefaultAsync(r => r.Id == reportId, ct)
            ?? throw new NotFoundException(new("Không tìm thấy báo cáo.", "Report not found."));
        report.MarkReviewed(actor.UserId, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }
}
