using OcopMarket.Bench.Shared;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Core;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Bench;

/// <summary>
/// Runs CatalogService in-process on a database for the same catalog states that <see cref="Measure"/> requests, and
/// prints every SQL statement it sends with the facet cache emptied (parameters inlined, so the text can go straight
/// to the sqlite3 CLI or to <c>replay</c>) with its time from execute to reader closed, and the service's median time
/// with the cache emptied and from the cache. Diagnosis only; the page figures come from measure.
/// </summary>
internal static partial class SqlTrace
{
    private static readonly (string Path, CatalogQuery Query)[] Queries =
    [
        ("/san-pham", new CatalogQuery()),
        ("/san-pham?group=food", new CatalogQuery { Group = OcopGroup.Food }),
        ("/san-pham?stars=4&sort=price-asc", new CatalogQuery { MinStars = 4, Sort = CatalogSort.PriceAscending }),
        ("/san-pham?province=da-nang&instock=1", new CatalogQuery { ProvinceSlug = "da-nang", InStockOnly = true }),
        ("/san-pham?q=nuoc+mam", new CatalogQuery { Search = "nuoc mam" }),
        ("/san-pham?q=che+thai+nguyen&stars=4", new CatalogQuery { Search = "che thai nguyen", MinStars = 4 }),
        ("/san-pham?page=50", new CatalogQuery { Page = 50 }),
        ("/san-pham?sort=stars", new CatalogQuery { Sort = CatalogSort.Stars }),
    ];

    public static async Task<int> RunAsync(BenchDatabase database, int runs)
    {
        await database.RequireExistsAsync();
        if (Queries.Length != Measure.Paths.Length || Queries.Where((q, i) => q.Path != Measure.Paths[i]).Any())
            throw new BenchFailure("SqlTrace.Queries and Measure.Paths list different URLs.");

        var capture = new CaptureInterceptor(database.Provider);
        // Every IInterceptor in the container is added to every context (either provider).
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IInterceptor>(capture)
            .AddOcopCore(database.Connection(readOnly: true))
            .BuildServiceProvider();
        await using (services)
        {
            var catalog = services.GetRequiredService<CatalogService>();
            foreach (var (_, query) in Queries) await catalog.SearchAsync(query); // warm-up

            foreach (var (path, query) in Queries)
            {
                // Cold: a new, empty facet cache (as on a search or price range nobody asked for in the last
                // minutes, or after a write once the served counts are older than CatalogCache.MaxStaleness);
                // warm: served from the app's cache.
                var cold = new List<double>();
                var warm = new List<double>();
                List<Statement> coldStatements = [];
                CatalogResult? result = null;
                for (var r = 0; r < runs; r++)
                {
                    var coldCatalog = new CatalogService(
                        services.GetRequiredService<IDbContextFactory<OcopDbContext>>(), TimeProvider.System, new CatalogCache(TimeProvider.System));
                    lock (capture.Statements) capture.Statements.Clear();
                    var sw = Stopwatch.StartNew();
                    result = await coldCatalog.SearchAsync(query);
                    cold.Add(sw.Elapsed.TotalMilliseconds);
                    lock (capture.Statements) coldStatements = [.. capture.Statements];
                }
                for (var r = 0; r < runs; r++)
                {
                    var sw = Stopwatch.StartNew();
                    await catalog.SearchAsync(query);
                    warm.Add(sw.Elapsed.TotalMilliseconds);
                }
                Console.WriteLine($"## {path}  total {result!.Total}; SearchAsync median over {runs} runs: " +
                    $"{Median(cold):F1} ms with the facet cache emptied, {Median(warm):F1} ms from the cache");
                Console.WriteLine();
                foreach (var st in coldStatements)
                {
                    Console.WriteLine($"-- {st.Ms:F1} ms, {st.Rows} rows");
                    Console.WriteLine(st.Sql.TrimEnd() + ";");
                    Console.WriteLine();
                }
            }
        }
        if (database.IsSqlite) SqliteConnection.ClearAllPools();
        return 0;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private sealed record Statement(string Sql, double Ms, int Rows);

    private sealed partial class CaptureInterceptor(DatabaseProvider provider) : DbCommandInterceptor
    {
        private readonly ConcurrentDictionary<Guid, long> _started = new();

        public List<Statement> Statements { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _started[eventData.CommandId] = Stopwatch.GetTimestamp();
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            _started[eventData.CommandId] = Stopwatch.GetTimestamp();
            return ValueTask.FromResult(result);
        }

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
            CancellationToken cancellationToken = default)
        {
            Record(command, eventData.CommandId, 1);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            Record(command, eventData.CommandId, eventData.ReadCount);
            return result;
        }

        private void Record(DbCommand command, Guid commandId, int rows)
        {
            if (!_started.TryRemove(commandId, out var start)) return;
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            lock (Statements) Statements.Add(new Statement(Inline(command), ms, rows));
        }

        [GeneratedRegex(@"@\w+")]
        private static partial Regex ParameterName();

        private string Inline(DbCommand command)
        {
            var values = command.Parameters.Cast<DbParameter>()
                .ToDictionary(p => p.ParameterName.StartsWith('@') ? p.ParameterName : "@" + p.ParameterName, p => Literal(p.Value));
            return ParameterName().Replace(command.CommandText, m => values.GetValueOrDefault(m.Value, m.Value));
        }

        private string Literal(object? value) => value switch
        {
            null or DBNull => "NULL",
            string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
            bool b when provider == DatabaseProvider.PostgreSql => b ? "true" : "false",
            bool b => b ? "1" : "0",
            // EF Core sends a collection as one parameter: an array on PostgreSQL (SQLite gets a JSON string).
            System.Collections.IEnumerable e when provider == DatabaseProvider.PostgreSql =>
                e.Cast<object?>().Any() ? "ARRAY[" + string.Join(", ", e.Cast<object?>().Select(Literal)) + "]" : "'{}'",
            DateOnly d => "'" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'",
            DateTime t => "'" + t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "'",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => "'" + Convert.ToString(value, CultureInfo.InvariantCulture) + "'",
        };
    }
}

/// <summary>
/// Replays the statements of a <c>sql</c> trace with the SQLite the app ships (e_sqlite3, not the system CLI):
/// EXPLAIN QUERY PLAN and the median time to read every row, optionally on a scratch copy with extra DDL applied
/// (candidate indexes, ANALYZE) so a fix can be tried without touching the app.
/// </summary>
internal static partial class SqlReplay
{
    [GeneratedRegex(@"^## (?<path>\S+).*?$|^-- [\d.]+ ms, \d+ rows\n(?<sql>.*?;)\n", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex TraceItem();

    public static async Task<int> RunAsync(BenchDatabase database, string tracePath, string? ddlPath, int runs)
    {
        if (!database.IsSqlite)
        {
            if (ddlPath is not null) throw new BenchFailure("--ddl is for SQLite only (a scratch copy of the file).");
            return await RunPostgreSqlAsync(database, tracePath, runs);
        }
        var db = database.FilePath!;
        if (!File.Exists(db)) throw new BenchFailure($"{db} does not exist.");
        if (ddlPath is not null)
        {
            var scratch = Path.Combine(Path.GetTempPath(), $"ocop-bench-scratch-{Environment.ProcessId}.db");
            File.Copy(db, scratch, overwrite: true);
            db = scratch;
            await using var setup = new SqliteConnection($"Data Source={db}");
            await setup.OpenAsync();
            await using var ddl = setup.CreateCommand();
            ddl.CommandText = await File.ReadAllTextAsync(ddlPath);
            await ddl.ExecuteNonQueryAsync();
            Console.WriteLine($"Scratch copy {db} with {ddlPath} applied.");
        }

        await using var connection = new SqliteConnection($"Data Source={db}");
        await connection.OpenAsync();
        Console.WriteLine($"SQLite {connection.ServerVersion}");
        string path = "";
        var n = 0;
        foreach (Match m in TraceItem().Matches(await File.ReadAllTextAsync(tracePath)))
        {
            if (m.Groups["path"].Success)
            {
                path = m.Groups["path"].Value;
                n = 0;
                Console.WriteLine($"\n## {path}\n");
                continue;
            }
            var sql = m.Groups["sql"].Value;
            var plan = new List<string>();
            await using (var eqp = connection.CreateCommand())
            {
                eqp.CommandText = "EXPLAIN QUERY PLAN " + sql;
                await using var r = await eqp.ExecuteReaderAsync();
                while (await r.ReadAsync()) plan.Add(r.GetString(3));
            }
            var times = new List<double>();
            for (var i = 0; i < runs + 1; i++)
            {
                await using var cmd = connection.CreateCommand();
                cmd.CommandText = sql;
                var sw = Stopwatch.StartNew();
                await using (var r = await cmd.ExecuteReaderAsync())
                    while (await r.ReadAsync()) { }
                if (i > 0) times.Add(sw.Elapsed.TotalMilliseconds); // first run warms the page cache
            }
            times.Sort();
            var firstLine = sql.Split('\n')[0];
            Console.WriteLine($"#{n++} {times[times.Count / 2],7:F1} ms  {firstLine[..Math.Min(70, firstLine.Length)]}");
            foreach (var line in plan) Console.WriteLine($"           {line}");
        }
        connection.Close();
        SqliteConnection.ClearAllPools();
        if (ddlPath is not null) File.Delete(db);
        return 0;
    }

    /// <summary>PostgreSQL: EXPLAIN (ANALYZE, BUFFERS) of each traced statement and the median time to read every row.</summary>
    private static async Task<int> RunPostgreSqlAsync(BenchDatabase database, string tracePath, int runs)
    {
        await database.RequireExistsAsync();
        await using var connection = new Npgsql.NpgsqlConnection(database.PgConnection);
        await connection.OpenAsync();
        Console.WriteLine($"PostgreSQL {connection.ServerVersion}, {database.Label}");
        var n = 0;
        foreach (Match m in TraceItem().Matches(await File.ReadAllTextAsync(tracePath)))
        {
            if (m.Groups["path"].Success)
            {
                n = 0;
                Console.WriteLine($"\n## {m.Groups["path"].Value}\n");
                continue;
            }
            var sql = m.Groups["sql"].Value.TrimEnd().TrimEnd(';');
            var times = new List<double>();
            for (var i = 0; i < runs + 1; i++)
            {
                await using var cmd = new Npgsql.NpgsqlCommand(sql, connection);
                var sw = Stopwatch.StartNew();
                await using (var r = await cmd.ExecuteReaderAsync())
                    while (await r.ReadAsync()) { }
                if (i > 0) times.Add(sw.Elapsed.TotalMilliseconds); // first run warms the buffer cache
            }
            var plan = new List<string>();
            await using (var eqp = new Npgsql.NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, connection))
            {
                await using var r = await eqp.ExecuteReaderAsync();
                while (await r.ReadAsync()) plan.Add(r.GetString(0));
            }
            times.Sort();
            var firstLine = sql.Split('\n')[0];
            Console.WriteLine($"#{n++} {times[times.Count / 2],7:F1} ms  {firstLine[..Math.Min(70, firstLine.Length)]}");
            foreach (var line in plan) Console.WriteLine($"           {line}");
        }
        return 0;
    }
}
