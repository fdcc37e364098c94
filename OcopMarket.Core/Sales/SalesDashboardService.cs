using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers;

namespace OcopMarket.Core.Sales;

public enum SalesBucket { Day, Week, Month }

public sealed record SalesPoint(DateOnly Start, long RevenueVnd, int Orders);

public sealed record StatusCount(OrderStatus Status, int Orders);

public sealed record ProductSales(int ProductId, string Name, int Units, long RevenueVnd);

public sealed record PaymentShare(PaymentMethod Method, int Orders, long RevenueVnd);

public sealed record LotEngagement(int LotId, string LotCode, string ProductName, long Scans, long BuyClicks)
{
    /// <summary>Share of scans that led to a tap on "buy", in percent (null without scans).</summary>
    public decimal? BuyRatePercent => Scans == 0 ? null : Math.Round(100m * BuyClicks / Scans, 1);
}

public sealed record EngagementPoint(DateOnly Day, long Scans, long BuyClicks);

/// <param name="RevenueVnd">Goods and shipping of the orders placed in the period that were not cancelled.</param>
/// <param name="RepeatBuyerSharePercent">Of the buyers with an order in the period, those with at least two orders with
/// this producer in it (a buyer is their account, or the phone a guest gave).</param>
public sealed record SalesDashboard(DateOnly From, DateOnly To, SalesBucket Bucket, IReadOnlyList<SalesPoint> Series,
    long RevenueVnd, int Orders, long AverageOrderVnd, IReadOnlyList<StatusCount> ByStatus, IReadOnlyList<ProductSales> TopProducts,
    int Buyers, decimal? RepeatBuyerSharePercent, IReadOnlyList<PaymentShare> ByPayment,
    IReadOnlyList<EngagementPoint> Engagement, IReadOnlyList<LotEngagement> Lots);

/// <summary>
/// A producer's sales over a period: revenue and orders per day, week or month, by status and payment, the best
/// sellers, repeat buyers, and how buyers engage with the lots' QR labels (scans and "buy" taps per day). Days are
/// Vietnamese calendar days. Only the signed-in producer's own orders and lots, as everywhere in the portal.
/// Read from the daily summaries the order changes keep (<see cref="SalesDeltaRecorder"/>, <see cref="SalesSummaryFolder"/>),
/// never from the orders themselves: a few rows per day, so a year costs about what a month does (bench/README.md,
/// "Producer sales dashboard"). Top products are named as they are called now.
/// </summary>
public sealed class SalesDashboardService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxDays = 400;

    public async Task<SalesDashboard> GetAsync(Actor actor, DateOnly from, DateOnly to, SalesBucket bucket, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        if (to < from) throw new DomainException(new("Ngày kết thúc phải sau ngày bắt đầu.", "The end date must be after the start date."));
        if (to.DayNumber - from.DayNumber + 1 > MaxDays)
            throw new DomainException(new($"Chọn khoảng tối đa {MaxDays} ngày.", $"Choose at most {MaxDays} days."));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ProducerSuspension.RequireNotSuspendedAsync(db, producerId, ct);

        // The daily summary and the deltas not folded into it yet, in one statement so both are read from one
        // snapshot (a fold commits between two statements). A few rows per day, whatever the number of orders.
        var days = await db.SalesDays.AsNoTracking()
            .Where(s => s.ProducerId == producerId && s.Day >= from && s.Day <= to)
            .Select(s => new { s.Day, s.Status, s.Payment, s.Orders, s.OrdersWithBuyer, s.RevenueVnd })
            .Concat(db.SalesDeltas.AsNoTracking()
                .Where(s => s.ProducerId == producerId && s.Day >= from && s.Day <= to)
                .Select(s => new { s.Day, s.Status, s.Payment, s.Orders, s.OrdersWithBuyer, s.RevenueVnd }))
            .ToListAsync(ct);
        var rows = days.GroupBy(r => (r.Day, r.Status, r.Payment))
            .Select(g => (g.Key.Day, g.Key.Status, g.Key.Payment, Orders: g.Sum(r => r.Orders), WithBuyer: g.Sum(r => r.OrdersWithBuyer), Revenue: g.Sum(r => r.RevenueVnd)))
            .Where(r => r.Orders != 0)
            .ToList();
        var sold = rows.Where(r => r.Status != OrderStatus.Cancelled).ToList();

        var byBucket = sold.GroupBy(r => BucketOf(r.Day, bucket))
            .ToDictionary(g => g.Key, g => (Revenue: g.Sum(r => r.Revenue), Orders: g.Sum(r => r.Orders)));
        var series = Buckets(from, to, bucket)
            .Select(start => byBucket.TryGetValue(start, out var b) ? new SalesPoint(start, b.Revenue, b.Orders) : new SalesPoint(start, 0, 0))
            .ToList();

        var revenue = sold.Sum(r => r.Revenue);
        var soldCount = sold.Sum(r => r.Orders);
        var byStatus = rows.GroupBy(r => r.Status).Select(g => new StatusCount(g.Key, g.Sum(r => r.Orders)))
            .Where(s => s.Orders != 0).OrderByDescending(s => s.Orders).ToList();
        var byPayment = sold.GroupBy(r => r.Payment).Select(g => new PaymentShare(g.Key, g.Sum(r => r.Orders), g.Sum(r => r.Revenue)))
            .Where(p => p.Orders != 0).OrderByDescending(p => p.RevenueVnd).ToList();

        var top = await db.ProductSalesDays.AsNoTracking()
            .Where(s => s.ProducerId == producerId && s.Day >= from && s.Day <= to)
            .Select(s => new { s.ProductId, s.Units, s.RevenueVnd })
            .Concat(db.ProductSalesDeltas.AsNoTracking()
                .Where(s => s.ProducerId == producerId && s.Day >= from && s.Day <= to)
                .Select(s => new { s.ProductId, s.Units, s.RevenueVnd }))
            .GroupBy(s => s.ProductId)
            .Select(g => new { ProductId = g.Key, Units = g.Sum(s => s.Units), Revenue = g.Sum(s => s.RevenueVnd) })
            .Where(t => t.Units > 0)
            .OrderByDescending(t => t.Revenue).ThenBy(t => t.ProductId).Take(10)
            .ToListAsync(ct);
        var topIds = top.Select(t => t.ProductId).ToList();
        var names = await db.Products.AsNoTracking().Where(p => topIds.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);

        // Each buyer of the period (their account, or the phone a guest gave) and their orders in it: a buyer who came
        // back within the period is a repeat buyer.
        var buyers = await RepeatBuyersAsync(db, producerId, from, to, sold.Sum(r => r.WithBuyer), ct);

        var (firstDay, lastDay) = (from, to);
        var engagementRows = await (from e in db.LotEngagementDays.AsNoTracking()
                                    join l in db.Lots on e.LotId equals l.Id
                                    join p in db.Products on l.ProductId equals p.Id
                                    where p.ProducerId == producerId && e.Day >= firstDay && e.Day <= lastDay
                                    select new { e.LotId, l.Code, p.Name, e.Day, e.Scans, e.BuyClicks })
            .ToListAsync(ct);

        return new SalesDashboard(from, to, bucket, series, revenue, soldCount, soldCount == 0 ? 0 : revenue / soldCount,
            byStatus, [.. top.Select(t => new ProductSales(t.ProductId, names.GetValueOrDefault(t.ProductId, ""), t.Units, t.Revenue))],
            buyers.Buyers, buyers.Buyers == 0 ? null : Math.Round(100m * buyers.Repeat / buyers.Buyers, 1),
            byPayment,
            [.. Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(i => from.AddDays(i))
                .Select(d => new EngagementPoint(d, engagementRows.Where(r => r.Day == d).Sum(r => r.Scans), engagementRows.Where(r => r.Day == d).Sum(r => r.BuyClicks)))],
            [.. engagementRows.GroupBy(r => new { r.LotId, r.Code, r.Name })
                .Select(g => new LotEngagement(g.Key.LotId, g.Key.Code, g.Key.Name, g.Sum(r => r.Scans), g.Sum(r => r.BuyClicks)))
                .OrderByDescending(l => l.Scans)]);
    }

    /// <summary>
    /// Distinct buyers are the period's orders less each buyer's orders beyond their first in it, and only a buyer
    /// with two orders or more ever has any beyond the first: so only those buyers' days are read (with the buyers of
    /// deltas not folded yet: a few more candidates change nothing), not a row per order. In one statement, as the
    /// summary, so a fold in between cannot count a delta twice or not at all.
    /// </summary>
    private static async Task<(int Buyers, int Repeat)> RepeatBuyersAsync(OcopDbContext db, int producerId, DateOnly from, DateOnly to,
        int ordersWithBuyer, CancellationToken ct)
    {
        var candidates = db.SalesBuyers.Where(b => b.ProducerId == producerId && b.Orders >= 2).Select(b => b.Buyer)
            .Concat(db.BuyerDeltas.Where(d => d.ProducerId == producerId).Select(d => d.Buyer));
        var repeat = await db.BuyerSalesDays.AsNoTracking()
            .Where(d => d.ProducerId == producerId && d.Day >= from && d.Day <= to && candidates.Contains(d.Buyer))
            .Select(d => new { d.Buyer, d.Orders })
            .Concat(db.BuyerDeltas.AsNoTracking()
                .Where(d => d.ProducerId == producerId && d.Day >= from && d.Day <= to)
                .Select(d => new { d.Buyer, d.Orders }))
            .GroupBy(d => d.Buyer)
            .Select(g => g.Sum(d => d.Orders))
            .Where(n => n >= 2)
            .ToListAsync(ct);
        return (ordersWithBuyer - repeat.Sum(n => n - 1), repeat.Count);
    }

    /// <summary>The default period: the last 30 days, today included.</summary>
    public (DateOnly From, DateOnly To) LastThirtyDays()
    {
        var today = clock.Today();
        return (today.AddDays(-29), today);
    }

    /// <summary>The start of the bucket a day falls in (the same starts as <see cref="Buckets"/>).</summary>
    public static DateOnly BucketOf(DateOnly day, SalesBucket bucket) => bucket switch
    {
        SalesBucket.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        SalesBucket.Month => new DateOnly(day.Year, day.Month, 1),
        _ => day,
    };

    /// <summary>Bucket starts from the period's start: days, weeks from Monday, calendar months.</summary>
    public static IEnumerable<DateOnly> Buckets(DateOnly from, DateOnly to, SalesBucket bucket)
    {
        for (var d = BucketOf(from, bucket); d <= to; d = Next(d, bucket)) yield return d;
    }

    private static DateOnly Next(DateOnly start, SalesBucket bucket) => bucket switch
    {
        SalesBucket.Week => start.AddDays(7),
        SalesBucket.Month => start.AddMonths(1),
        _ => start.AddDays(1),
    };

    /// <summary>Everything the dashboard shows, as a spreadsheet (stable English headers, invariant numbers).</summary>
    public static string Csv(SalesDashboard d)
    {
        var csv = new System.Text.StringBuilder();
        static string N(long v) => v.ToString(CultureInfo.InvariantCulture);
        static string D(DateOnly v) => v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        csv.AppendLine(Common.Csv.Row("section", "key", "label", "orders", "units", "revenue_vnd", "scans", "buy_clicks"));
        foreach (var p in d.Series) csv.AppendLine(Common.Csv.Row("revenue", D(p.Start), d.Bucket.ToString().ToLowerInvariant(), p.Orders.ToString(CultureInfo.InvariantCulture), "", N(p.RevenueVnd), "", ""));
        foreach (var s in d.ByStatus) csv.AppendLine(Common.Csv.Row("status", s.Status.ToString(), "", s.Orders.ToString(CultureInfo.InvariantCulture), "", "", "", ""));
        foreach (var t in d.TopProducts) csv.AppendLine(Common.Csv.Row("product", t.ProductId.ToString(CultureInfo.InvariantCulture), t.Name, "", t.Units.ToString(CultureInfo.InvariantCulture), N(t.RevenueVnd), "", ""));
        foreach (var p in d.ByPayment) csv.AppendLine(Common.Csv.Row("payment", p.Method.ToString(), "", p.Orders.ToString(CultureInfo.InvariantCulture), "", N(p.RevenueVnd), "", ""));
        foreach (var e in d.Engagement.Where(e => e.Scans > 0 || e.BuyClicks > 0)) csv.AppendLine(Common.Csv.Row("engagement", D(e.Day), "", "", "", "", N(e.Scans), N(e.BuyClicks)));
        foreach (var l in d.Lots) csv.AppendLine(Common.Csv.Row("lot", l.LotCode, l.ProductName, "", "", "", N(l.Scans), N(l.BuyClicks)));
        csv.AppendLine(Common.Csv.Row("summary", "total", "", d.Orders.ToString(CultureInfo.InvariantCulture), "", N(d.RevenueVnd), "", ""));
        return csv.ToString();
    }
}
