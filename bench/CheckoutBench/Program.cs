using OcopMarket.Bench.Shared;
using OcopMarket.Bench.Checkout;

// CheckoutBench: concurrent guest checkouts over HTTP on a few hot products, then a no-oversell check in the database.
//   set-stock --db PATH --stock slug=K[,slug=K…]      before the app starts: sets each product's stock (no orders yet)
//   checkout  --url BASE --buyers N --concurrency C --products slug1,slug2,slug3
//             [--mode flow|rush] [--warmup W --warmup-product SLUG] [--seed S] [--out FILE] [--raw FILE.csv] [--placed FILE]
//   verify    --db PATH --stock slug=K[,…] --placed FILE  after the app stopped: sold == K - final stock, never below 0,
//                                                        one order per successful checkout and no other order
try
{
    if (args.Length == 0) return Usage();
    var options = BenchOptions.Parse(args[1..]);
    switch (args[0])
    {
        case "set-stock":
            return await StockDb.SetStockAsync(BenchDatabase.From(options), StockDb.ParseStockSpec(options.Required("stock")));
        case "checkout":
            var mode = (options.Optional("mode") ?? "flow");
            if (mode is not ("flow" or "rush")) throw new BenchFailure($"--mode is flow or rush, not '{mode}'.");
            var warmup = options.Int("warmup", 0, allowZero: true);
            var warmupProduct = options.Optional("warmup-product");
            if (warmup > 0 && warmupProduct is null) throw new BenchFailure("--warmup needs --warmup-product (a product that is not hot).");
            return await Buyers.RunAsync(new BuyersOptions(
                options.Required("url"),
                options.Int("buyers", null),
                options.Int("concurrency", null),
                Slugs(options.Required("products")),
                mode == "rush",
                warmup,
                warmupProduct,
                options.Int("seed", 20261128),
                options.Optional("out"),
                options.Optional("raw"),
                options.Optional("placed")));
        case "verify":
            return await StockDb.VerifyAsync(BenchDatabase.From(options), StockDb.ParseStockSpec(options.Required("stock")),
                options.Required("placed"), options.Optional("out"));
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
          CheckoutBench set-stock DB --stock slug=K[,slug=K…]
          CheckoutBench checkout  --url http://127.0.0.1:PORT --buyers N --concurrency C --products slug1,slug2,slug3
                                  [--mode flow|rush] [--warmup W --warmup-product SLUG] [--seed S]
                                  [--out FILE.md] [--raw FILE.csv] [--placed FILE.tsv]
          CheckoutBench verify    DB --stock slug=K[,slug=K…] --placed FILE.tsv [--out FILE.md]
        """);
    return 2;
}

static string[] Slugs(string list)
{
    var slugs = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    if (slugs.Length == 0) throw new BenchFailure("--products needs at least one slug.");
    if (slugs.Distinct(StringComparer.Ordinal).Count() != slugs.Length) throw new BenchFailure("--products lists a slug twice.");
    return slugs;
}
