using OcopMarket.Bench.Shared;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Bench;

/// <summary>
/// In-process timing of search (broad and narrow queries) and of the home page's data, on either provider: each
/// query's median and p95 over R calls (1) from a warm cache, (2) right after a catalog write (the version moved:
/// served facet counts may be stale, anything that must be current is recomputed), (3) right after a write that
/// changed search text, (4) with a price range nobody asked (the search's hits kept) and (5) cold: every cache entry
/// forgotten but the node's facet columns (kept current by a worker; their load is timed on its own).
/// The home summary is timed warm and after a write. Prints a Markdown table and the load average.
/// </summary>
internal static class SearchBench
{
    private static readonly (string Label, CatalogQuery Query)[] Queries =
    [
        ("q=a", new CatalogQuery { Search = "a" }),
        ("q=tra", new CatalogQuery { Search = "tra" }),
        ("q=nuoc", new CatalogQuery { Search = "nuoc" }),
        ("q=nuoc mam", new CatalogQuery { Search = "nuoc mam" }),
        ("q=nuoc mam&page=2", new CatalogQuery { Search = "nuoc mam", Page = 2 }),
        ("q=tra&stars=4", new CatalogQuery { Search = "tra", MinStars = 4 }),
        ("q=a&sort=price-asc", new CatalogQuery { Search = "a", Sort = CatalogSort.PriceAscending }),
        ("q=che thai nguyen", new CatalogQuery { Search = "che thai nguyen" }),
        ("q=mat ong tuyen quang", new CatalogQuery { Search = "mat ong tuyen quang" }),
    ];

    private static readonly (string Label, CatalogQuery Query)[] Unwarmed =
    [
        ("q=a tra", new CatalogQuery { Search = "a tra" }),
        ("q=tra xanh", new CatalogQuery { Search = "tra xanh" }),
        ("q=nuoc mam", new CatalogQuery { Search = "nuoc mam" }),
        ("q=che thai nguyen", new CatalogQuery { Search = "che thai nguyen" }),
        ("q=mat ong tuyen quang", new CatalogQuery { Search = "mat ong tuyen quang" }),
        ("q=tra zzqx (no product has both: any word)", new CatalogQuery { Search = "tra zzqx" }),
        ("q=nuoc mam xyzzyq (any word)", new CatalogQuery { Search = "nuoc mam xyzzyq" }),
        ("q=huong", new CatalogQuery { Search = "huong" }),
        ("q=thanh", new CatalogQuery { Search = "thanh" }),
    ];

    public static async Task<int> RunAsync(BenchDatabase database, int runs)
    {
        await database.RequireExistsAsync();
        var services = new ServiceCollection().AddLogging().AddOcopCore(database.Connection(readOnly: true)).BuildServiceProvider();
        await using (services)
        {
            var cache = services.GetRequiredService<CatalogCache>();
            var catalog = services.GetRequiredService<CatalogService>();
            var storefront = services.GetRequiredService<StorefrontService>();
            var factory = services.GetRequiredService<IDbContextFactory<OcopDbContext>>();
            foreach (var (_, q) in Queries) for (var i = 0; i < 3; i++) await catalog.SearchAsync(q); // warm-up (JIT, caches)
            for (var i = 0; i < 3; i++) await storefront.GetHomeAsync();

            Console.WriteLine($"load average before: {Load()}");
            Console.WriteLine();
            Console.WriteLine("| query | total | warm p50 | warm p95 | after a write p50 | after a write p95 | after a rename p50 | after a rename p95 | new price range p50 | new price range p95 | cold p50 | cold p95 |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            var priceFloor = 1L;
            foreach (var (label, q) in Queries)
            {
                var total = (await catalog.SearchAsync(q)).Total;
                var warm = await TimeAsync(runs, () => catalog.SearchAsync(q));
                var afterWrite = await TimeAsync(runs, async () =>
                {
                    await cache.RefreshesSettledAsync();
                    cache.Invalidate();
                    var sw = Stopwatch.StartNew();
                    await catalog.SearchAsync(q);
                    return sw.Elapsed.TotalMilliseconds;
                });
                await cache.RefreshesSettledAsync();
                // A write that changed search text (a product added or renamed): the hits are re-ranked in the
                // background while the old ones are served.
                var afterRename = await TimeAsync(runs, async () =>
                {
                    await cache.RefreshesSettledAsync();
                    cache.Invalidate(searchText: true);
                    var sw = Stopwatch.StartNew();
                    await catalog.SearchAsync(q);
                    return sw.Elapsed.TotalMilliseconds;
                });
                await cache.RefreshesSettledAsync();
                // The search's hits are kept (asked lately), but this price range was never asked: its cube and page
                // are counted from the hits and the columns.
                var newRange = await TimeAsync(runs, () => catalog.SearchAsync(q with { MinPrice = priceFloor++ }));
                await cache.RefreshesSettledAsync();
                var cold = await TimeAsync(runs, async () =>
                {
                    // Nobody asked this search: every entry is forgotten but the node's facet columns, which a
                    // worker keeps current (CatalogColumnsWorker); what loading them costs is timed below.
                    cache.ForgetAllBut(CatalogService.ColumnsKey);
                    var sw = Stopwatch.StartNew();
                    await catalog.SearchAsync(q);
                    return sw.Elapsed.TotalMilliseconds;
                });
                Console.WriteLine($"| `{label}` | {total} | {P(warm, 50):F1} | {P(warm, 95):F1} | {P(afterWrite, 50):F1} | {P(afterWrite, 95):F1} | {P(afterRename, 50):F1} | {P(afterRename, 95):F1} | {P(newRange, 50):F1} | {P(newRange, 95):F1} | {P(cold, 50):F1} | {P(cold, 95):F1} |");
            }

            var homeWarm = await TimeAsync(runs * 4, () => storefront.GetHomeAsync());
            var homeAfterWrite = await TimeAsync(runs, async () =>
            {
                await cache.RefreshesSettledAsync();
                cache.Invalidate();
                var sw = Stopwatch.StartNew();
                await storefront.GetHomeAsync();
                return sw.Elapsed.TotalMilliseconds;
            });
            await cache.RefreshesSettledAsync();
            Console.WriteLine();
            Console.WriteLine("| home summary (GetHomeAsync) | p50 | p95 |");
            Console.WriteLine("|---|---:|---:|");
            Console.WriteLine($"| warm ({runs * 4} calls) | {P(homeWarm, 50):F2} | {P(homeWarm, 95):F2} |");
            Console.WriteLine($"| after a write ({runs} calls) | {P(homeAfterWrite, 50):F2} | {P(homeAfterWrite, 95):F2} |");
            // Start-up's warm-up of the broadest one-word searches (CatalogCacheWorker), from nothing but the columns;
            // then every query once more as a first ask of a filter combination (a new price range).
            cache.ForgetAllBut(CatalogService.ColumnsKey);
            var warmWatch = Stopwatch.StartNew();
            await catalog.WarmBroadSearchesAsync();
            Console.WriteLine();
            Console.WriteLine($"broad one-word searches warmed in {warmWatch.Elapsed.TotalSeconds:F1} s (load {Load()})");
            Console.WriteLine();
            Console.WriteLine("| query, after the warm-up (new price range each call) | p50 | p95 |");
            Console.WriteLine("|---|---:|---:|");
            foreach (var (label, q) in Queries)
            {
                var first = await TimeAsync(runs, () => catalog.SearchAsync(q with { MinPrice = priceFloor++ }));
                Console.WriteLine($"| `{label}` | {P(first, 50):F1} | {P(first, 95):F1} |");
            }
            await cache.RefreshesSettledAsync();

            // Searches the warm-up does not cover (several words; a word nobody has; a longer word), each call a first
            // ask: everything but what the warm-up left is forgotten. Beside it, in the same run, the same expression
            // ranked whole in the index (what its first ask cost before SQLite summed several words from their words').
            var warmedKeys = cache.Keys.ToHashSet();
            Console.WriteLine();
            Console.WriteLine("| search nobody asked, after the warm-up | hits | first ask p50 | first ask p95 | ranked whole in the index p50 | p95 |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            foreach (var (label, q) in Unwarmed)
            {
                var total = (await catalog.SearchAsync(q)).Total;
                var first = await TimeAsync(runs, async () =>
                {
                    await cache.RefreshesSettledAsync();
                    cache.Forget(key => !warmedKeys.Contains(key));
                    var sw = Stopwatch.StartNew();
                    await catalog.SearchAsync(q);
                    return sw.Elapsed.TotalMilliseconds;
                });
                var whole = await TimeAsync(runs, async () =>
                {
                    await using var db = await factory.CreateDbContextAsync();
                    var sw = Stopwatch.StartNew();
                    var match = await ProductSearchIndex.ChooseMatchAsync(db, q.Search, CancellationToken.None);
                    var hits = await ProductSearchIndex.Hits(db, match!).ToListAsync();
                    SearchHits.Ranked(hits.Select(h => (h.ProductId, h.Rank)), keepRanks: false);
                    return sw.Elapsed.TotalMilliseconds;
                });
                Console.WriteLine($"| `{label}` | {total} | {P(first, 50):F1} | {P(first, 95):F1} | {P(whole, 50):F1} | {P(whole, 95):F1} |");
            }
            await cache.RefreshesSettledAsync();

            var load = await TimeAsync(Math.Max(3, runs / 4), async () =>
            {
                await using var db = await factory.CreateDbContextAsync();
                var sw = Stopwatch.StartNew();
                await CatalogFacetColumns.LoadAsync(db);
                return sw.Elapsed.TotalMilliseconds;
            });
            Console.WriteLine();
            Console.WriteLine("| | p50 | p95 |");
            Console.WriteLine("|---|---:|---:|");
            Console.WriteLine($"| facet columns loaded ({load.Count} loads) | {P(load, 50):F2} | {P(load, 95):F2} |");
            Console.WriteLine();
            GC.Collect();
            Console.WriteLine($"managed heap after a full GC: {GC.GetTotalMemory(true) / 1048576.0:F0} MB; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");
            Console.WriteLine($"load average after: {Load()}; {runs} calls per cell; ms");
        }
        if (database.IsSqlite) SqliteConnection.ClearAllPools();
        return 0;
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Trim();

    private static Task<List<double>> TimeAsync<T>(int runs, Func<Task<T>> call) => TimeAsync(runs, async () =>
    {
        var sw = Stopwatch.StartNew();
        await call();
        return sw.Elapsed.TotalMilliseconds;
    });

    private static async Task<List<double>> TimeAsync(int runs, Func<Task<double>> timed)
    {
        var samples = new List<double>(runs);
        for (var i = 0; i < runs; i++) samples.Add(await timed());
        samples.Sort();
        return samples;
    }

    /// <summary>Nearest-rank percentile of sorted samples.</summary>
    private static double P(List<double> sorted, int percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
