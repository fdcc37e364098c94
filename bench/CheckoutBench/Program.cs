using System.Globalization;
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
    var options = ParseOptions(args.Skip(1).ToArray());
    switch (args[0])
    {
        case "set-stock":
            return await StockDb.SetStockAsync(Required(options, "db"), StockDb.ParseStockSpec(Required(options, "stock")));
        case "checkout":
            var mode = options.GetValueOrDefault("mode", "flow");
            if (mode is not ("flow" or "rush")) throw new BenchFailure($"--mode is flow or rush, not '{mode}'.");
            var warmup = Int(options, "warmup", 0, allowZero: true);
            var warmupProduct = options.GetValueOrDefault("warmup-product");
            if (warmup > 0 && warmupProduct is null) throw new BenchFailure("--warmup needs --warmup-product (a product that is not hot).");
            return await Buyers.RunAsync(new BuyersOptions(
                Required(options, "url"),
                Int(options, "buyers", null),
                Int(options, "concurrency", null),
                Slugs(Required(options, "products")),
                mode == "rush",
                warmup,
                warmupProduct,
                Int(options, "seed", 20261128),
                options.GetValueOrDefault("out"),
                options.GetValueOrDefault("raw"),
                options.GetValueOrDefault("placed")));
        case "verify":
            return await StockDb.VerifyAsync(Required(options, "db"), StockDb.ParseStockSpec(Required(options, "stock")),
                Required(options, "placed"), options.GetValueOrDefault("out"));
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
          CheckoutBench set-stock --db PATH --stock slug=K[,slug=K…]
          CheckoutBench checkout  --url http://127.0.0.1:PORT --buyers N --concurrency C --products slug1,slug2,slug3
                                  [--mode flow|rush] [--warmup W --warmup-product SLUG] [--seed S]
                                  [--out FILE.md] [--raw FILE.csv] [--placed FILE.tsv]
          CheckoutBench verify    --db PATH --stock slug=K[,slug=K…] --placed FILE.tsv [--out FILE.md]
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

static int Int(Dictionary<string, string> options, string name, int? fallback, bool allowZero = false)
{
    if (!options.TryGetValue(name, out var v))
        return fallback ?? throw new BenchFailure($"--{name} is required.");
    return int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && (n > 0 || allowZero && n == 0)
        ? n : throw new BenchFailure($"--{name} must be a {(allowZero ? "non-negative" : "positive")} whole number, not '{v}'.");
}

static string[] Slugs(string list)
{
    var slugs = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    if (slugs.Length == 0) throw new BenchFailure("--products needs at least one slug.");
    if (slugs.Distinct(StringComparer.Ordinal).Count() != slugs.Length) throw new BenchFailure("--products lists a slug twice.");
    return slugs;
}

namespace OcopMarket.Bench.Checkout
{
    /// <summary>The benchmark cannot go on, or its check failed; the message says why.</summary>
    public sealed class BenchFailure(string message) : Exception(message);
}
