using System.Globalization;
using OcopMarket.Bench.Trace;

// TraceBench: the public QR traceability page under concurrent load, beside a trivial endpoint of the same app.
//   generate --db PATH                         migrations + CatalogSeeder (the app's own start-up), then the demo lots
//                                              (TraceabilitySeeder.SeedDemoLotsAsync: 3 lots × 20 unit serials)
//   measure  --url BASE --key BASE64 [--concurrency C] [--seconds S] [--rounds R] [--warmup W]
//            [--app-pid PID] [--out FILE.md] [--raw FILE.csv] [--sent FILE.tsv] [--sample FILE.html]
//                                              checks every label URL once, then C keep-alive clients for S seconds per URL
//                                              set (unit pages, lot pages, /robots.txt), interleaved in R rounds
//   scans    --db PATH --sent FILE.tsv [--out FILE.md] [--snapshot]
//                                              SerialScans in the database against the unit-page requests the tool sent
//   resolve  --db PATH --key BASE64 [--runs N] [--out FILE.md]
//                                              diagnosis: TraceabilityService.ResolveAsync in-process (SQL statements, time)
try
{
    if (args.Length == 0) return Usage();
    var (options, flags) = ParseOptions(args.Skip(1).ToArray(), ["snapshot"]);
    switch (args[0])
    {
        case "generate":
            return await DemoDb.GenerateAsync(Required(options, "db"));
        case "measure":
            return await Load.RunAsync(new LoadOptions(
                Required(options, "url"),
                Required(options, "key"),
                Int(options, "concurrency", 16),
                Int(options, "seconds", 15),
                Int(options, "rounds", 3),
                Int(options, "warmup", 3),
                options.TryGetValue("app-pid", out var pid) ? Int(options, "app-pid", null) : null,
                options.GetValueOrDefault("out"),
                options.GetValueOrDefault("raw"),
                options.GetValueOrDefault("sent"),
                options.GetValueOrDefault("sample")));
        case "resolve":
            return await Resolve.RunAsync(Required(options, "db"), Required(options, "key"), Int(options, "runs", 2000),
                options.GetValueOrDefault("out"));
        case "scans":
            return await DemoDb.CheckScansAsync(Required(options, "db"), Required(options, "sent"), options.GetValueOrDefault("out"),
                snapshot: flags.Contains("snapshot"));
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
          TraceBench generate --db PATH
          TraceBench measure  --url http://127.0.0.1:PORT --key BASE64 [--concurrency 16] [--seconds 15] [--rounds 3] [--warmup 3]
                              [--app-pid PID] [--out FILE.md] [--raw FILE.csv] [--sent FILE.tsv] [--sample FILE.html]
          TraceBench scans    --db PATH --sent FILE.tsv [--out FILE.md] [--snapshot]
          TraceBench resolve  --db PATH --key BASE64 [--runs N] [--out FILE.md]
        """);
    return 2;
}

static (Dictionary<string, string> Options, HashSet<string> Flags) ParseOptions(string[] args, string[] knownFlags)
{
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    var flags = new HashSet<string>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i++)
    {
        if (args[i].StartsWith("--", StringComparison.Ordinal) && knownFlags.Contains(args[i][2..]))
        {
            flags.Add(args[i][2..]);
            continue;
        }
        if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            throw new BenchFailure($"Unexpected argument '{args[i]}': options are --name value.");
        options[args[i][2..]] = args[++i];
    }
    return (options, flags);
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

namespace OcopMarket.Bench.Trace
{
    /// <summary>The benchmark cannot go on, or its check failed; the message says why.</summary>
    public sealed class BenchFailure(string message) : Exception(message);
}
