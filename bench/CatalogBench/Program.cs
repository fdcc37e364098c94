using System.Globalization;
using OcopMarket.Bench;

// CatalogBench: generate a large catalog database, then time the catalog page of a running app.
//   generate --db PATH --products N     migrations + CatalogSeeder, then generated products up to N in total
//   measure  --url BASE --runs R [--warmup W] [--out FILE] [--raw FILE.csv]
//   sql      --db PATH [--runs R]       CatalogService in-process, prints each SQL statement it sends (parameters inlined)
//   replay   --db PATH --trace FILE [--ddl FILE] [--runs R]   EXPLAIN QUERY PLAN + timing of a sql trace, optionally
//                                       on a scratch copy with DDL applied (candidate indexes)
try
{
    if (args.Length == 0) return Usage();
    var options = ParseOptions(args.Skip(1).ToArray());
    switch (args[0])
    {
        case "generate":
            return await Generator.RunAsync(Required(options, "db"), Int(options, "products", null), Int(options, "seed", 20261128));
        case "measure":
            return await Measure.RunAsync(Required(options, "url"), Int(options, "runs", 50), Int(options, "warmup", 20),
                options.GetValueOrDefault("out"), options.GetValueOrDefault("raw"));
        case "sql":
            return await SqlTrace.RunAsync(Required(options, "db"), Int(options, "runs", 5));
        case "replay":
            return await SqlReplay.RunAsync(Required(options, "db"), Required(options, "trace"), options.GetValueOrDefault("ddl"), Int(options, "runs", 5));
        default:
            return Usage();
    }
}
catch (BenchFailure e)
{
    Console.Error.WriteLine($"FAILED: {e.Message}");
    return 1;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage:
          CatalogBench generate --db PATH --products N [--seed S]
          CatalogBench measure  --url http://127.0.0.1:PORT --runs R [--warmup W] [--out FILE] [--raw FILE.csv]
          CatalogBench sql      --db PATH [--runs R]
          CatalogBench replay   --db PATH --trace FILE [--ddl FILE] [--runs R]
        """);
    return 2;
}

static Dictionary<string, string> ParseOptions(string[] args)
{
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i++)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            throw new BenchFailure($"Unexpected argument '{args[i]}': options are --name value.");
        options[args[i][2..]] = args[++i];
    }
    return options;
}

static string Required(Dictionary<string, string> options, string name) =>
    options.TryGetValue(name, out var v) ? v : throw new BenchFailure($"--{name} is required.");

static int Int(Dictionary<string, string> options, string name, int? fallback)
{
    if (!options.TryGetValue(name, out var v))
        return fallback ?? throw new BenchFailure($"--{name} is required.");
    return int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
        ? n : throw new BenchFailure($"--{name} must be a positive whole number, not '{v}'.");
}

namespace OcopMarket.Bench
{
    /// <summary>The benchmark cannot go on; the message says why.</summary>
    public sealed class BenchFailure(string message) : Exception(message);
}
