using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core;
using OcopMarket.Core.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Services.Catalog;

namespace OcopMarket.Bench;

/// <summary>
/// Runs CatalogService in-process on a database for the same catalog states that <see cref="Measure"/> requests, and
/// prints every SQL statement it sends (parameters inlined, so the text can go straight to the sqlite3 CLI with
/// EXPLAIN QUERY PLAN) with its time from execute to reader closed. Diagnosis only; the page figures come from measure.
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

    public static async Task<int> RunAsync(string dbPath, int runs)
    {
        var fullPath = Path.GetFullPath(dbPath);
        if (!File.Exists(fullPath)) throw new BenchFailure($"{fullPath} does not exist; run generate first.");
        if (Queries.Length != Measure.Paths.Length || Queries.Where((q, i) => q.Path != Measure.Paths[i]).Any())
            throw new BenchFailure("SqlTrace.Queries and Measure.Paths list different URLs.");

        var capture = new CaptureInterceptor();
        var services = new ServiceCollection()
            .AddLogging()
            .AddOcopCore($"Data Source={fullPath};Mode=ReadOnly")
            .ConfigureDbContext<OcopDbContext>(o => o.AddInterceptors(capture))
            .BuildServiceProvider();
        await using (services)
        {
            var catalog = services.GetRequiredService<CatalogService>();
            foreach (var (_, query) in Queries) await catalog.SearchAsync(query); // warm-up

            foreach (var (path, query) in Queries)
            {
                var ms = new List<double>();
                for (var r = 0; r < runs; r++)
                {
                    capture.Statements.Clear();
                    var sw = Stopwatch.StartNew();
                    var result = await catalog.SearchAsync(query);
                    ms.Add(sw.Elapsed.TotalMilliseconds);
                    if (r == runs - 1)
                    {
                        ms.Sort();
                        Console.WriteLine($"## {path}  total {result.Total}, SearchAsync median {ms[ms.Count / 2]:F1} ms over {runs} runs");
                        Console.WriteLine();
                        foreach (var s in capture.Statements)
                        {
                            Console.WriteLine($"-- {s.Ms:F1} ms, {s.Rows} rows");
                            Console.WriteLine(s.Sql.TrimEnd() + ";");
                            Console.WriteLine();
                        }
                    }
                }
            }
        }
        SqliteConnection.ClearAllPools();
        return 0;
    }

    private sealed record Statement(string Sql, double Ms, int Rows);

    private sealed partial class CaptureInterceptor : DbCommandInterceptor
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

        private static string Inline(DbCommand command)
        {
            var values = command.Parameters.Cast<DbParameter>()
                .ToDictionary(p => p.ParameterName.StartsWith('@') ? p.ParameterName : "@" + p.ParameterName, p => Literal(p.Value));
            return ParameterName().Replace(command.CommandText, m => values.GetValueOrDefault(m.Value, m.Value));
        }

        private static string Literal(object? value) => value switch
        {
            null or DBNull => "NULL",
            string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
            bool b => b ? "1" : "0",
            DateOnly d => "'" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'",
            DateTime t => "'" + t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "'",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => "'" + Convert.ToString(value, CultureInfo.InvariantCulture) + "'",
        };
    }
}
