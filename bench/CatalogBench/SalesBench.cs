using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Bench.Shared;
using OcopMarket.Core;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Portal;
using OcopMarket.Core.Sales;

namespace OcopMarket.Bench;

/// <summary>
/// The producer sales dashboard (issue 13: p95 ≤ 100 ms per chart for a producer with 100,000 orders). Gives the
/// seeded "Hợp tác xã Vân Hương" N orders spread over the last 400 days (1–3 lines of its products, a mix of
/// statuses and payments, one buyer in five coming back), then times <see cref="SalesDashboardService.GetAsync"/> for
/// 30, 90 and 365 days by day, week and month: one call computes every chart and table of the page, so its time
/// bounds each chart's. Orders already there are kept (a second run adds none). Orders are added through SaveChanges,
/// so they leave the summaries' deltas as in the app, and are folded before timing as the app's worker does.
/// </summary>
internal static class SalesBench
{
    private const string ProducerSlug = "hop-tac-xa-van-huong";

    public static async Task<int> RunAsync(BenchDatabase database, int orders, int runs)
    {
        await database.RequireExistsAsync();
        var services = new ServiceCollection().AddLogging().AddOcopCore(database.Connection()).BuildServiceProvider();
        await using (services)
        {
            var factory = services.GetRequiredService<IDbContextFactory<OcopDbContext>>();
            // A bench database made before the summaries gets them as a deployed one does: the migration's backfill.
            await using (var db = await factory.CreateDbContextAsync())
            {
                var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
                var migrating = Stopwatch.StartNew();
                await db.Database.MigrateAsync();
                if (pending.Count > 0) Console.WriteLine($"migrations {string.Join(", ", pending)} applied (summaries backfilled) in {migrating.Elapsed.TotalSeconds:F1} s");
            }
            var producerId = await FillAsync(factory, orders);
            // The orders were placed through SaveChanges, so they left sales deltas; the app's worker folds them every
            // few seconds, so the dashboard normally finds at most a few seconds' deltas: fold them as it would.
            var folding = Stopwatch.StartNew();
            var folded = await services.GetRequiredService<SalesSummaryFolder>().FoldAsync();
            Console.WriteLine($"folded {folded:N0} delta rows in {folding.Elapsed.TotalSeconds:F1} s");
            await using (var db = await factory.CreateDbContextAsync())
                Console.WriteLine($"summary rows of the producer: {await db.SalesDays.CountAsync(s => s.ProducerId == producerId):N0} sales days, " +
                                  $"{await db.ProductSalesDays.CountAsync(s => s.ProducerId == producerId):N0} product days");
            var sales = services.GetRequiredService<SalesDashboardService>();
            var actor = new Actor("bench", producerId, false);
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
            (string Label, int Days, SalesBucket Bucket)[] cases =
            [
                ("30 days by day", 30, SalesBucket.Day), ("90 days by week", 90, SalesBucket.Week),
                ("365 days by month", 365, SalesBucket.Month), ("365 days by day", 365, SalesBucket.Day),
            ];
            foreach (var c in cases) for (var i = 0; i < 3; i++) await sales.GetAsync(actor, today.AddDays(1 - c.Days), today, c.Bucket); // warm-up
            Console.WriteLine($"load average before: {Load()}");
            Console.WriteLine();
            Console.WriteLine("| period | orders in it | p50 ms | p95 ms | max ms |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            foreach (var (label, days, bucket) in cases)
            {
                var times = new List<double>();
                var n = 0;
                for (var i = 0; i < runs; i++)
                {
                    var sw = Stopwatch.StartNew();
                    var d = await sales.GetAsync(actor, today.AddDays(1 - days), today, bucket);
                    times.Add(sw.Elapsed.TotalMilliseconds);
                    n = d.ByStatus.Sum(s => s.Orders);
                }
                times.Sort();
                Console.WriteLine($"| {label} | {n:N0} | {Rank(times, 0.50):F1} | {Rank(times, 0.95):F1} | {times[^1]:F1} |");
            }
            Console.WriteLine();
            Console.WriteLine($"load average after: {Load()}; {runs} calls per row, nearest-rank percentiles");
        }
        return 0;
    }

    private static async Task<int> FillAsync(IDbContextFactory<OcopDbContext> factory, int wanted)
    {
        await using var db = await factory.CreateDbContextAsync();
        var producer = await db.Producers.SingleAsync(p => p.Slug == ProducerSlug);
        var products = await db.Products.Where(p => p.ProducerId == producer.Id).Select(p => new { p.Id, p.Name, p.Unit, p.PriceVnd }).ToListAsync();
        var have = await db.Orders.CountAsync(o => o.ProducerId == producer.Id);
        var random = new Random(20261202);
        var now = DateTime.UtcNow;
        var sw = Stopwatch.StartNew();
        for (var done = have; done < wanted;)
        {
            await using var batch = await factory.CreateDbContextAsync();
            batch.ChangeTracker.AutoDetectChangesEnabled = false;
            var count = Math.Min(5_000, wanted - done);
            for (var i = 0; i < count; i++, done++)
            {
                var placed = now.AddMinutes(-random.Next(0, 400 * 24 * 60));
                var lines = Enumerable.Range(0, random.Next(1, 4)).Select(_ => products[random.Next(products.Count)])
                    .DistinctBy(p => p.Id).Select(p => new OrderLine(p.Id, p.Name, p.Unit, p.PriceVnd, random.Next(1, 4))).ToList();
                var buyer = random.Next(5) == 0 ? $"0912{random.Next(0, 2_000):D6}" : $"09{random.Next(10_000_000, 99_999_999)}";
                var payment = random.Next(10) switch { < 7 => PaymentMethod.CashOnDelivery, < 9 => PaymentMethod.BankTransfer, _ => PaymentMethod.Card };
                var order = new Order($"B{done:D8}", Guid.NewGuid(), producer.Id, payment, lines, 30_000, placed,
                    paymentWindow: payment == PaymentMethod.CashOnDelivery ? null : TimeSpan.FromHours(24),
                    delivery: new DeliveryAddress("Khách", buyer, "Số 1", "05503", "19", null),
                    confirmationWindow: payment == PaymentMethod.CashOnDelivery ? TimeSpan.FromHours(48) : null);
                switch (random.Next(10))
                {
                    case 0: order.Cancel(CancelledBy.Buyer, "Đổi ý", placed.AddHours(1)); break;
                    case < 8:
                        if (payment == PaymentMethod.CashOnDelivery) order.ConfirmByProducer(placed.AddHours(1));
                        else if (payment == PaymentMethod.Card) order.MarkPaidByCard("pi_bench_" + done, placed.AddHours(1));
                        else order.MarkPaid(placed.AddHours(1));
                        order.Pack(placed.AddHours(5));
                        order.Ship("GHN", "GHN" + done, placed.AddHours(8));
                        order.Deliver(placed.AddDays(2));
                        break;
                }
                batch.Orders.Add(order);
            }
            await batch.SaveChangesAsync();
            Console.Error.WriteLine($"{done:N0} orders ({sw.Elapsed.TotalSeconds:F0} s)");
        }
        return producer.Id;
    }

    private static double Rank(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}
