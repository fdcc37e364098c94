using OcopMarket.Bench.Shared;
using OcopMarket.Bench;

// CatalogBench: generate a large catalog database, then time the catalog page of a running app.
//   generate --db PATH --products N     migrations + CatalogSeeder, then generated products up to N in total
//            (every command that takes --db PATH takes --provider PostgreSql --connection "Host=…;Database=…" instead)
//   measure  --url BASE --runs R [--warmup W] [--out FILE] [--raw FILE.csv]
//   sql      --db PATH [--runs R]       CatalogService in-process, prints each SQL statement it sends (parameters inlined)
//   search   --db PATH [--runs R]       in-process search (broad words too) and home page data: warm, after a write, cold
//   sales    --db PATH [--orders N] [--runs R]   the producer sales dashboard for one producer with N orders
//   replay   --db PATH --trace FILE [--ddl FILE] [--runs R]   EXPLAIN QUERY PLAN + timing of a sql trace, optionally
//                                       on a scratch copy with DDL applied (candidate indexes)
try
{
    if (args.Length == 0) return Usage();
    var options = BenchOptions.Parse(args[1..]);
    switch (args[0])
    {
        case "generate":
            return await Generator.RunAsync(BenchDatabase.From(options), options.Int("products", null), options.Int("seed", 20261128));
        case "measure":
            return await Measure.RunAsync(options.Required("url"), options.Int("runs", 50), options.Int("warmup", 20),
                options.Optional("out"), options.Optional("raw"));
        case "sql":
            return await SqlTrace.RunAsync(BenchDatabase.From(options), options.Int("runs", 5));
        case "search":
            return await SearchBench.RunAsync(BenchDatabase.From(options), options.Int("runs", 40));
        case "sales":
            return await SalesBench.RunAsync(BenchDatabase.From(options), options.Int("orders", 100_000), options.Int("runs", 20));
        case "replay":
            return await SqlReplay.RunAsync(BenchDatabase.From(options), options.Required("trace"), options.Optional("ddl"), options.Int("runs", 5));
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
          DB is --db PATH (SQLite) or --provider PostgreSql --connection "Host=127.0.0.1;Port=…;Username=…;Database=…"
          CatalogBench generate DB --products N [--seed S]
          CatalogBench measure  --url http://127.0.0.1:PORT --runs R [--warmup W] [--out FILE] [--raw FILE.csv]
          CatalogBench sql      DB [--runs R]
          CatalogBench search   DB [--runs R]
          CatalogBench sales    DB [--orders N] [--runs R]
          CatalogBench replay   DB --trace FILE [--ddl FILE (SQLite only)] [--runs R]
        """);
    return 2;
}
