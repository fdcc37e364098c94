using OcopMarket.Bench.Shared;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OcopMarket.Core;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Seeding;
using OcopMarket.Core.Traceability;
using OcopMarket.Core.Traceability.Domain;

namespace OcopMarket.Bench.Trace;

/// <summary>
/// The two database steps around a run. Before: build the database the way the app builds its own (migrations +
/// CatalogSeeder through <c>MigrateAndSeedAsync</c>), then add the demo lots with the app's own
/// <see cref="TraceabilitySeeder.SeedDemoLotsAsync"/> (the web app calls it only in Development). After (app stopped):
/// compare the stored scan counts with the unit-page requests the tool sent.
/// </summary>
internal static class DemoDb
{
    public static async Task<int> GenerateAsync(string dbPath)
    {
        var clock = Stopwatch.StartNew();
        var fullPath = Path.GetFullPath(dbPath);
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            File.Delete(fullPath + suffix);

        var services = new ServiceCollection()
            .AddLogging()
            .AddOcopCore($"Data Source={fullPath}")
            .BuildServiceProvider();
        await using (services)
        {
            await services.MigrateAndSeedAsync();
            var factory = services.GetRequiredService<IDbContextFactory<OcopDbContext>>();
            await using (var db = await factory.CreateDbContextAsync())
            {
                Console.WriteLine($"Migrated and seeded {fullPath}: {await db.Products.CountAsync()} products ({clock.Elapsed.TotalSeconds:F1} s)");
                await TraceabilitySeeder.SeedDemoLotsAsync(db, services.GetRequiredService<TimeProvider>(),
                    services.GetRequiredService<ILoggerFactory>().CreateLogger("TraceBench"));
            }

            // The seeder skips a lot silently when its product is missing: make sure all three are there, as the
            // measuring step expects them (fixed public codes, 20 serials, GTIN on the tea only).
            await using (var db = await factory.CreateDbContextAsync())
            {
                foreach (var demo in TraceabilitySeeder.DemoLots)
                {
                    var lot = await db.Lots.AsNoTracking().Include(l => l.Events).SingleOrDefaultAsync(l => l.PublicCode == demo.PublicCode)
                        ?? throw new BenchFailure($"No demo lot {demo.PublicCode} ({demo.ProductSlug}): is the product in the seeded catalog?");
                    var product = await db.Products.AsNoTracking().SingleAsync(p => p.Id == lot.ProductId);
                    var expectedGtin = Targets.GtinOf(demo);
                    if (product.Slug != demo.ProductSlug || lot.Code != demo.Code || lot.SerialsIssued != TraceabilitySeeder.DemoSerials
                        || product.Gtin != expectedGtin)
                        throw new BenchFailure($"Demo lot {demo.PublicCode} is not as expected: product {product.Slug}, code {lot.Code}, " +
                            $"{lot.SerialsIssued} serials, GTIN {product.Gtin ?? "none"}.");
                    Console.WriteLine($"  lot {lot.Code} /t/{lot.PublicCode}: {product.Name} (GTIN {product.Gtin ?? "none"}), " +
                        $"{lot.SerialsIssued} serials, {lot.Events.Count} events");
                }
                var scans = await db.SerialScans.CountAsync();
                if (scans != 0) throw new BenchFailure($"A fresh database already holds {scans} scan rows.");
            }
        }
        SqliteConnection.ClearAllPools();
        Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    /// <summary>
    /// For the page benchmark (run-page-bench.sh): adds the demo lots to a database another tool generated (CatalogBench
    /// generate, which has the seeded products among its own) and prints, on one line each, a lot page path and a unit
    /// page path whose serial is signed with <paramref name="key"/>, the key the app will run with.
    /// </summary>
    public static async Task<int> AddLotsAsync(BenchDatabase database, string key)
    {
        await database.RequireExistsAsync();
        var services = new ServiceCollection()
            .AddLogging()
            .AddOcopCore(database.Connection())
            .BuildServiceProvider();
        await using (services)
        {
            var factory = services.GetRequiredService<IDbContextFactory<OcopDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            await TraceabilitySeeder.SeedDemoLotsAsync(db, services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILoggerFactory>().CreateLogger("TraceBench"));
            // The fish sauce lot (no GTIN: the /t/{code} form); the seeder skips a lot whose product is missing.
            var fish = TraceabilitySeeder.DemoLots[1];
            if (!await db.Lots.AnyAsync(l => l.PublicCode == fish.PublicCode))
                throw new BenchFailure($"No demo lot {fish.PublicCode} ({fish.ProductSlug}) in {database.Label}.");
            var signer = new UnitSerialSigner(Convert.FromBase64String(key));
            Console.WriteLine(TraceLinks.LotPath(Targets.GtinOf(fish), fish.Code, fish.PublicCode));
            Console.WriteLine(TraceLinks.UnitPath(Targets.GtinOf(fish), fish.Code, fish.PublicCode, signer.Serial(fish.PublicCode, 7)));
        }
        SqliteConnection.ClearAllPools();
        return 0;
    }

    /// <summary>
    /// Every unit's stored count (SerialScans.Count) must equal the number of HTML requests of its label the tool sent
    /// and saw answered 200; the total likewise. <paramref name="snapshot"/>: the app is still running, so report what has
    /// been flushed so far and fail only if something was counted that was never sent.
    /// </summary>
    public static async Task<int> CheckScansAsync(string dbPath, string sentFile, string? outFile, bool snapshot)
    {
        var sent = new Dictionary<(string Code, int Number), long>();
        foreach (var line in await File.ReadAllLinesAsync(sentFile))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var f = line.Split('\t');
            sent[(f[0], int.Parse(f[1], CultureInfo.InvariantCulture))] = long.Parse(f[2], CultureInfo.InvariantCulture);
        }
        if (sent.Count == 0) throw new BenchFailure($"{sentFile} lists no unit.");

        var full = Path.GetFullPath(dbPath);
        if (!File.Exists(full)) throw new BenchFailure($"{full} does not exist.");
        var stored = new Dictionary<(string Code, int Number), long>();
        await using (var c = new SqliteConnection(new SqliteConnectionStringBuilder
                     { DataSource = full, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT l.PublicCode, s.SerialNumber, s.Count FROM SerialScans s JOIN Lots l ON l.Id = s.LotId";
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) stored[(r.GetString(0), r.GetInt32(1))] = r.GetInt64(2);
        }

        var problems = new List<string>();
        var report = new StringBuilder();
        var when = snapshot ? "app still running, right after the load" : "app stopped";
        report.AppendLine(CultureInfo.InvariantCulture, $"| lot | units | unit-page requests sent | scans stored ({when}) | units whose count matches |");
        report.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var lot in sent.Keys.Select(k => k.Code).Distinct().Order(StringComparer.Ordinal))
        {
            var units = sent.Where(s => s.Key.Code == lot).ToList();
            var lotSent = units.Sum(u => u.Value);
            var lotStored = stored.Where(s => s.Key.Code == lot).Sum(s => s.Value);
            var matching = units.Count(u => stored.GetValueOrDefault(u.Key) == u.Value);
            report.AppendLine(CultureInfo.InvariantCulture, $"| `{lot}` | {units.Count} | {lotSent:N0} | {lotStored:N0} | {matching} |");
        }
        foreach (var ((code, number), count) in stored)
        {
            var s = sent.GetValueOrDefault((code, number));
            if (count > s) problems.Add($"{code} unit {number}: {count} scans stored but only {s} requests sent");
            else if (!snapshot && count != s) problems.Add($"{code} unit {number}: {count} scans stored, {s} requests sent");
        }
        if (!snapshot)
            foreach (var ((code, number), s) in sent)
                if (s > 0 && !stored.ContainsKey((code, number))) problems.Add($"{code} unit {number}: {s} requests sent, no scan row");

        var totalSent = sent.Values.Sum();
        var totalStored = stored.Values.Sum();
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"SUM(SerialScans.Count) = {totalStored:N0}; unit-page requests the tool sent = {totalSent:N0}; rows = {stored.Count}.");
        report.AppendLine();
        if (snapshot)
            report.AppendLine(problems.Count == 0
                ? string.Create(CultureInfo.InvariantCulture,
                    $"**Snapshot:** {totalStored:N0} of {totalSent:N0} scans ({100.0 * totalStored / totalSent:F1} %) had been written by the periodic flush while the app ran{(totalStored == totalSent ? "." : $"; {totalSent - totalStored:N0} were still pending in memory, for the flush on shutdown.")}")
                : "**SNAPSHOT CHECK FAILED:**\n" + string.Join("\n", problems.Select(p => "- " + p)));
        else
            report.AppendLine(problems.Count == 0
                ? string.Create(CultureInfo.InvariantCulture,
                    $"**Every scan was counted:** SUM(Count) = {totalStored:N0} = unit-page requests sent, and each of the {sent.Count} units matches its own request count.")
                : "**SCAN COUNT CHECK FAILED:**\n" + string.Join("\n", problems.Take(20).Select(p => "- " + p)));

        Console.Write(report.ToString());
        if (outFile is not null) await File.WriteAllTextAsync(outFile, report.ToString());
        if (problems.Count > 0) throw new BenchFailure($"scan count check failed ({problems.Count} problem(s)), first: {problems[0]}");
        return 0;
    }
}
