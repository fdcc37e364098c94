using OcopMarket.Bench.Shared;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Seeding;
using OcopMarket.Core.Traceability;
using OcopMarket.Core.Traceability.Domain;

namespace OcopMarket.Bench.Trace;

/// <summary>
/// Diagnosis: <see cref="TraceabilityService.ResolveAsync"/> in-process, one call at a time, on the benchmark database
/// (read-only, after the app stopped): how many SQL statements one label costs and how long the data part of the page
/// takes without HTTP and HTML rendering. Scans are not counted (<c>countScan: false</c>), so nothing is written.
/// </summary>
internal static class Resolve
{
    public static async Task<int> RunAsync(string dbPath, string key, int runs, string? outFile)
    {
        var full = Path.GetFullPath(dbPath);
        if (!File.Exists(full)) throw new BenchFailure($"{full} does not exist; run generate first.");
        var counter = new CommandCounter();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(sp => new SerialKeyStore(sp.GetRequiredService<IDbContextFactory<OcopDbContext>>(), key))
            .AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(counter) // added to every context
            .AddOcopCore($"Data Source={full};Mode=ReadOnly")
            .BuildServiceProvider();
        var sb = new StringBuilder();
        await using (services)
        {
            var trace = services.GetRequiredService<TraceabilityService>();
            var signer = new UnitSerialSigner(Convert.FromBase64String(key));
            var tea = TraceabilitySeeder.DemoLots[0];
            var fish = TraceabilitySeeder.DemoLots[1];
            var cases = new (string Label, TraceAddress Address)[]
            {
                ("unit, GS1 `/01/…/10/…/21/…`", TraceAddress.Gs1(Targets.GtinOf(tea)!, tea.Code, signer.Serial(tea.PublicCode, 7))),
                ("unit, `/t/{code}/{serial}`", TraceAddress.Short(fish.PublicCode, signer.Serial(fish.PublicCode, 7))),
                ("lot, GS1 `/01/…/10/…`", TraceAddress.Gs1(Targets.GtinOf(tea)!, tea.Code)),
                ("lot, `/t/{code}`", TraceAddress.Short(fish.PublicCode)),
            };
            sb.AppendLine("| address | SQL statements | median ms | p95 ms |");
            sb.AppendLine("|---|---:|---:|---:|");
            // Warm-up (JIT tiering, EF query cache, SQLite page cache), then timed calls interleaved across the addresses so
            // neither tiering nor a busy moment of the shared machine favours one of them.
            for (var i = 0; i < Math.Max(500, runs / 2); i++)
                foreach (var (label, address) in cases)
                    _ = await trace.ResolveAsync(address, countScan: false) ?? throw new BenchFailure($"{label} did not resolve.");
            var times = cases.Select(_ => new double[runs]).ToArray();
            var statements = new long[cases.Length];
            for (var i = 0; i < runs; i++)
            {
                for (var c = 0; c < cases.Length; c++)
                {
                    counter.Reset();
                    var sw = Stopwatch.StartNew();
                    await trace.ResolveAsync(cases[c].Address, countScan: false);
                    times[c][i] = sw.Elapsed.TotalMilliseconds;
                    statements[c] += counter.Count;
                }
            }
            for (var c = 0; c < cases.Length; c++)
            {
                var t = times[c];
                Array.Sort(t);
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {cases[c].Label} | {statements[c] / (double)runs:F0} | {t[runs / 2]:F3} | {t[Math.Clamp((int)Math.Ceiling(0.95 * runs) - 1, 0, runs - 1)]:F3} |"));
            }
            sb.AppendLine();
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"`TraceabilityService.ResolveAsync` in-process, one call at a time, {runs} timed calls per address, interleaved, after a warm-up; read-only database, scans not counted."));
        }
        SqliteConnection.ClearAllPools();
        Console.Write(sb.ToString());
        if (outFile is not null) await File.WriteAllTextAsync(outFile, sb.ToString());
        return 0;
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }
    }
}
