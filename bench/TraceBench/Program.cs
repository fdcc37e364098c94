using OcopMarket.Bench.Shared;
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
//   lots     --db PATH | --provider PostgreSql --connection CS --key BASE64
//                                              adds the demo lots to an existing database (CatalogBench generate) and
//                                              prints a lot page path and a unit page path (for run-page-bench.sh)
//   resolve  --db PATH --key BASE64 [--runs N] [--out FILE.md]
//                                              diagnosis: TraceabilityService.ResolveAsync in-process (SQL statements, time)
try
{
    if (args.Length == 0) return Usage();
    var options = BenchOptions.Parse(args[1..], "snapshot");
    switch (args[0])
    {
        case "generate":
            return await DemoDb.GenerateAsync(options.Required("db"));
        case "measure":
            return await Load.RunAsync(new LoadOptions(
                options.Required("url"),
                options.Required("key"),
                options.Int("concurrency", 16),
                options.Int("seconds", 15),
                options.Int("rounds", 3),
                options.Int("warmup", 3),
                options.Optional("app-pid") is null ? null : options.Int("app-pid", null),
                options.Optional("out"),
                options.Optional("raw"),
                options.Optional("sent"),
                options.Optional("sample")));
        case "lots":
            return await DemoDb.AddLotsAsync(BenchDatabase.From(options), options.Required("key"));
        case "resolve":
            return await Resolve.RunAsync(options.Required("db"), options.Required("key"), options.Int("runs", 2000),
                options.Optional("out"));
        case "scans":
            return await DemoDb.CheckScansAsync(options.Required("db"), options.Required("sent"), options.Optional("out"),
                snapshot: options.Flag("snapshot"));
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
          TraceBench lots     (--db PATH | --provider PostgreSql --connection CS) --key BASE64
          TraceBench resolve  --db PATH --key BASE64 [--runs N] [--out FILE.md]
        """);
    return 2;
}
