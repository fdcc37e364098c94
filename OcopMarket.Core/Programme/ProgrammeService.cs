using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Programme.Domain;
using OcopMarket.Core.PublicPages;
using OcopMarket.Core.PublicPages.Domain;
using OcopMarket.Core.Reference;

namespace OcopMarket.Core.Programme;

public sealed record NationalFigureView(int Id, ProgrammeMetric Metric, decimal Value, DateOnly AsOf, string SourceUrl, string? SourceTitle,
    bool EnteredByOfficer);

public sealed record MonthValue(DateOnly Month, decimal Value);

/// <summary>One card of the dashboard: a Decision 919 target, the platform's live figure and the latest national one.</summary>
/// <param name="PlatformDetail">How the platform's figure was made ("12 of 8,086 subjects"), for the card's small print.</param>
public sealed record ProgrammeCard(ProgrammeMetric Metric, ProgrammeTarget? Target, decimal? PlatformValue, UserText? PlatformDetail,
    NationalFigureView? National, IReadOnlyList<NationalFigureView> NationalHistory, IReadOnlyList<MonthValue> PlatformHistory);

public sealed record ProvinceFigures(string Code, string Name, string Slug, ScopeFigures Figures, bool Selling);

public sealed record ProgrammeDashboard(IReadOnlyList<ProgrammeCard> Cards, ScopeFigures Platform, IReadOnlyList<ProvinceFigures> Provinces,
    int ProvincesSelling, IReadOnlyList<NationalFigureView> NationalFigures, DateTime ComputedAt);

/// <summary>
/// The OCOP programme's figures: the platform's own, computed from its data, beside the national ones officers enter
/// from published reports, against the targets of Decision 919/QĐ-TTg. The platform's figures are recomputed at most
/// every <see cref="MaxAge"/> on each node (they count every producer and certificate), and at once on a node that
/// hears a national figure changed (<see cref="PageTags.Programme"/>, from any node).
/// </summary>
public sealed class ProgrammeService
{
    /// <summary>How old the platform's figures on the dashboard may be. Shown on the page with the time they were computed.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    private static readonly ProgrammeMetric[] CardMetrics =
    [
        ProgrammeMetric.CertifiedProducts, ProgrammeMetric.FiveStarProducts, ProgrammeMetric.CooperativeSharePercent,
        ProgrammeMetric.SmeSharePercent, ProgrammeMetric.SellingOnlineSharePercent, ProgrammeMetric.CraftVillageSharePercent,
        ProgrammeMetric.ProvincesSelling, ProgrammeMetric.RenewedSharePercent,
    ];

    private static readonly System.Globalization.NumberFormatInfo VietnameseNumbers = new() { NumberGroupSeparator = "." };

    private readonly IDbContextFactory<OcopDbContext> _dbFactory;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _computing = new(1, 1);
    private volatile ProgrammeDashboard? _cached;

    public ProgrammeService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, PageChangeFeed pageChanges)
    {
        _dbFactory = dbFactory;
        _clock = clock;
        // A singleton, as the feed: the subscription lives as long as the app.
        pageChanges.Changed += tags =>
        {
            if (tags.Contains(PageTags.Programme) || tags.Contains(PageTags.All)) _cached = null;
        };
    }

    /// <summary>The dashboard, at most <see cref="MaxAge"/> old.</summary>
    public async Task<ProgrammeDashboard> DashboardAsync(CancellationToken ct = default)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        if (_cached is { } fresh && now - fresh.ComputedAt < MaxAge) return fresh;
        await _computing.WaitAsync(ct);
        try
        {
            if (_cached is { } other && _clock.GetUtcNow().UtcDateTime - other.ComputedAt < MaxAge) return other;
            return _cached = await ComputeAsync(ct);
        }
        finally
        {
            _computing.Release();
        }
    }

    private async Task<ProgrammeDashboard> ComputeAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var today = _clock.Today();
        var since = now.AddDays(-ProgrammeScoreboard.SellingWindowDays);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);

        var subjects = (await db.Producers.AsNoTracking()
                .Where(p => p.Status == VerificationStatus.Verified)
                .Select(p => new
                {
                    p.Id, p.ProvinceCode, p.Type, p.IsSme, p.CraftVillage,
                    Listed = db.Products.Any(x => x.ProducerId == p.Id && x.IsPublished),
                    Recent = db.Orders.Any(o => o.ProducerId == p.Id && o.PlacedAt >= since && o.Status != OrderStatus.Cancelled),
                })
                .ToListAsync(ct))
            // Only an enterprise can be an SME: the scoreboard counts companies' answers alone.
            .Select(p => new SubjectFacts(p.Id, p.ProvinceCode, p.Type, p.IsSme, p.CraftVillage, p.Listed, p.Recent))
            .ToList();

        var certified = (await db.Products.AsNoTracking()
                .Where(p => p.IsPublished && p.CertificateStars >= 3 && p.CertificateValidUntil > today)
                .GroupBy(p => new { p.ProvinceCode, p.CertificateStars })
                .Select(g => new { g.Key.ProvinceCode, Stars = g.Key.CertificateStars, Products = g.Count() })
                .ToListAsync(ct))
            .Select(x => new CertifiedCount(x.ProvinceCode, x.Stars ?? 0, x.Products))
            .ToList();

        // Every certificate of every listed product: the history says whether it was re-assessed (grows with the
        // catalog; measured in bench/, CatalogBench programme).
        var renewals = (await (from c in db.Certificates.AsNoTracking()
                    join p in db.Products on c.ProductId equals p.Id
                    where p.IsPublished
                    select new { c.ProductId, p.ProvinceCode, c.Stars, c.IssuedOn })
                .ToListAsync(ct))
            .GroupBy(x => x.ProductId)
            .Select(g => new RenewalFacts(g.First().ProvinceCode, CertificateHistory.Classify(g.Select(x => (x.Stars, x.IssuedOn)), today)))
            .ToList();

        var national = await NationalFiguresAsync(db, ct);
        var history = await db.ProgrammeSnapshots.AsNoTracking().Where(s => s.Scope == ProgrammeSnapshot.WholePlatform)
            .OrderBy(s => s.Month).Select(s => new { s.Metric, s.Month, s.Value }).ToListAsync(ct);

        var platform = ProgrammeScoreboard.Add(ProgrammeSnapshot.WholePlatform, subjects, certified, renewals);
        var provincesSelling = ProgrammeScoreboard.ProvincesSelling(subjects);
        var provinces = ReferenceData.Provinces
            .Select(p => new ProvinceFigures(p.Code, p.Name, ReferenceData.ProvinceSlugByCode[p.Code],
                ProgrammeScoreboard.Add(p.Code, subjects.Where(s => s.ProvinceCode == p.Code),
                    certified.Where(c => c.ProvinceCode == p.Code), renewals.Where(r => r.ProvinceCode == p.Code)),
                subjects.Any(s => s.ProvinceCode == p.Code && s.HasPublishedListing)))
            .ToList();

        var cards = CardMetrics.Select(metric =>
        {
            var (value, detail) = PlatformValue(metric, platform, provincesSelling, national);
            var nationalHistory = national.Where(n => n.Metric == metric).OrderBy(n => n.AsOf).ToList();
            return new ProgrammeCard(metric, ProgrammeTargets.For(metric), value, detail, nationalHistory.LastOrDefault(), nationalHistory,
                [.. history.Where(h => h.Metric == metric).Select(h => new MonthValue(h.Month, h.Value))]);
        }).ToList();

        return new ProgrammeDashboard(cards, platform, provinces, provincesSelling, national, now);
    }

    /// <summary>
    /// The platform's figure for a card. Two are shares of a national count (subjects selling here of all OCOP subjects,
    /// craft villages listed here of all recognised ones), so they need that count; without one they are not shown.
    /// </summary>
    private static (decimal? Value, UserText? Detail) PlatformValue(ProgrammeMetric metric, ScopeFigures platform, int provincesSelling,
        IReadOnlyList<NationalFigureView> national)
    {
        NationalFigureView? Latest(ProgrammeMetric m) => national.Where(n => n.Metric == m).MaxBy(n => n.AsOf);
        static string N(decimal v) => ((long)v).ToString("#,0", VietnameseNumbers);
        static string E(decimal v) => ((long)v).ToString("#,0", System.Globalization.CultureInfo.InvariantCulture);
        switch (metric)
        {
            case ProgrammeMetric.SellingOnlineSharePercent:
            {
                var all = Latest(ProgrammeMetric.Subjects);
                var detail = all is null
                    ? new UserText($"{N(platform.SellingSubjects)} chủ thể đang bán; chưa có tổng số chủ thể cả nước để so sánh.",
                        $"{E(platform.SellingSubjects)} subjects selling; no national count of subjects to compare with yet.")
                    : new UserText($"{N(platform.SellingSubjects)} chủ thể có sản phẩm đang bán và đơn hàng trong 90 ngày / {N(all.Value)} chủ thể OCOP cả nước ({all.AsOf:dd/MM/yyyy}).",
                        $"{E(platform.SellingSubjects)} subjects with a listing and an order in 90 days / {E(all.Value)} OCOP subjects nationally ({all.AsOf:dd/MM/yyyy}).");
                return (all is null ? null : ProgrammeScoreboard.Percent(platform.SellingSubjects, (int)all.Value), detail);
            }
            case ProgrammeMetric.CraftVillageSharePercent:
            {
                var all = Latest(ProgrammeMetric.CraftVillages);
                var detail = all is null
                    ? new UserText($"{N(platform.CraftVillagesListed)} làng nghề có sản phẩm trên sàn; chưa có tổng số làng nghề để so sánh.",
                        $"{E(platform.CraftVillagesListed)} craft villages with a product here; no national count of craft villages yet.")
                    : new UserText($"{N(platform.CraftVillagesListed)} làng nghề có sản phẩm trên sàn / {N(all.Value)} làng nghề được công nhận ({all.AsOf:dd/MM/yyyy}).",
                        $"{E(platform.CraftVillagesListed)} craft villages with a product here / {E(all.Value)} recognised craft villages ({all.AsOf:dd/MM/yyyy}).");
                return (all is null ? null : ProgrammeScoreboard.Percent(platform.CraftVillagesListed, (int)all.Value), detail);
            }
            case ProgrammeMetric.ProvincesSelling:
                return (provincesSelling, new UserText($"{provincesSelling}/34 tỉnh, thành có nhà sản xuất đang bán.", $"{provincesSelling} of 34 provinces have a producer selling."));
            case ProgrammeMetric.CooperativeSharePercent:
                return (platform.CooperativeSharePercent, new UserText($"{N(platform.Cooperatives)} hợp tác xã / {N(platform.Subjects)} chủ thể đã xác minh.",
                    $"{E(platform.Cooperatives)} cooperatives / {E(platform.Subjects)} verified subjects."));
            case ProgrammeMetric.SmeSharePercent:
                return (platform.SmeSharePercent, new UserText($"{N(platform.Smes)} doanh nghiệp nhỏ và vừa / {N(platform.Subjects)} chủ thể; {N(platform.SmeUndeclared)} doanh nghiệp chưa khai quy mô.",
                    $"{E(platform.Smes)} SMEs / {E(platform.Subjects)} subjects; {E(platform.SmeUndeclared)} companies have not stated their size."));
            case ProgrammeMetric.RenewedSharePercent:
                return (platform.RenewedSharePercent, new UserText(
                    $"{N(platform.ProductsRenewed)} đánh giá lại, {N(platform.ProductsUpgraded)} nâng hạng / {N(platform.ProductsDue)} sản phẩm đã đến hạn đánh giá lại (chứng nhận đầu tiên hết 36 tháng hoặc đã được đánh giá lại).",
                    $"{E(platform.ProductsRenewed)} re-certified, {E(platform.ProductsUpgraded)} upgraded / {E(platform.ProductsDue)} products due (first certificate past 36 months, or already re-assessed)."));
            case ProgrammeMetric.CertifiedProducts:
                return (platform.CertifiedProducts, new UserText("Sản phẩm đang bán, chứng nhận 3–5 sao còn hiệu lực.", "Listed products with a current 3–5★ certificate."));
            case ProgrammeMetric.FiveStarProducts:
                return (platform.FiveStarProducts, new UserText("Sản phẩm đang bán, chứng nhận 5 sao (cấp Trung ương) còn hiệu lực.", "Listed products with a current 5★ certificate (central level)."));
            default:
                return (platform.Value(metric), null);
        }
    }

    private static async Task<List<NationalFigureView>> NationalFiguresAsync(OcopDbContext db, CancellationToken ct) =>
        (await db.NationalFigures.AsNoTracking().ToListAsync(ct))
        .OrderBy(n => n.Metric).ThenByDescending(n => n.AsOf)
        .Select(n => new NationalFigureView(n.Id, n.Metric, n.Value, n.AsOf, n.SourceUrl, n.SourceTitle, n.EnteredByUserId is not null))
        .ToList();

    public async Task<IReadOnlyList<NationalFigureView>> NationalFiguresAsync(CancellationToken ct = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        return await NationalFiguresAsync(db, ct);
    }

    /// <summary>An officer records a national figure from a published report.</summary>
    public async Task<int> AddNationalFigureAsync(Actor actor, ProgrammeMetric metric, decimal value, DateOnly asOf, string sourceUrl,
        string? sourceTitle, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        var figure = new NationalFigure(metric, value, asOf, sourceUrl, sourceTitle, _clock.Today());
        figure.Stamp(actor.UserId, _clock.GetUtcNow().UtcDateTime);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        db.NationalFigures.Add(figure);
        await db.SaveChangesAsync(ct);
        return figure.Id;
    }

    public async Task DeleteNationalFigureAsync(Actor actor, int id, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var figure = await db.NationalFigures.FirstOrDefaultAsync(f => f.Id == id, ct)
            ?? throw new NotFoundException(new("Không tìm thấy số liệu.", "Figure not found."));
        db.NationalFigures.Remove(figure);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Stores this month's figures once, whichever node asks first: the unique key (month, scope, metric) is the claim,
    /// so a second node's insert fails and leaves the first one's rows. Returns whether this call stored them.
    /// </summary>
    public async Task<bool> TakeMonthlySnapshotAsync(CancellationToken ct = default)
    {
        var today = _clock.Today();
        var month = new DateOnly(today.Year, today.Month, 1);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        if (await db.ProgrammeSnapshots.AnyAsync(s => s.Month == month && s.Scope == ProgrammeSnapshot.WholePlatform, ct)) return false;

        var dashboard = await ComputeAsync(ct);
        var at = _clock.GetUtcNow().UtcDateTime;
        foreach (var card in dashboard.Cards.Where(c => c.PlatformValue is not null))
            db.ProgrammeSnapshots.Add(new ProgrammeSnapshot(month, ProgrammeSnapshot.WholePlatform, card.Metric, card.PlatformValue!.Value, at));
        foreach (var metric in (ProgrammeMetric[])[ProgrammeMetric.Subjects, ProgrammeMetric.SellingSubjects, ProgrammeMetric.CraftVillagesListed])
            db.ProgrammeSnapshots.Add(new ProgrammeSnapshot(month, ProgrammeSnapshot.WholePlatform, metric, dashboard.Platform.Value(metric)!.Value, at));
        foreach (var province in dashboard.Provinces)
        foreach (var metric in ProgrammeCsv.ProvinceMetrics)
            if (province.Figures.Value(metric) is { } value)
                db.ProgrammeSnapshots.Add(new ProgrammeSnapshot(month, province.Code, metric, value, at));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node stored this month's snapshot between our check and our insert.
            return false;
        }
        _cached = null;
        return true;
    }
}
