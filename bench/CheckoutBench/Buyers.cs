using OcopMarket.Bench.Shared;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference.Domain;

namespace OcopMarket.Bench.Checkout;

internal sealed record BuyersOptions(
    string BaseUrl, int Buyers, int Concurrency, string[] Products, bool Rush, int Warmup, string? WarmupProduct, int Seed,
    string? OutFile, string? RawFile, string? PlacedFile);

internal enum Outcome
{
    /// <summary>Redirected to /don-hang/{checkout id}: the order exists.</summary>
    Placed,
    /// <summary>The checkout page came back with "… vừa hết hàng" / "… chỉ còn N": stock ran out between cart and order.</summary>
    RefusedAtCheckout,
    /// <summary>The product page already showed "Tạm hết hàng" (no add-to-cart form), so the buyer never got a cart.</summary>
    SoldOutOnProductPage,
    /// <summary>The add-to-cart post was turned away (/gio-hang?error=stock): stock ran out after the page was shown.</summary>
    RefusedAtAdd,
    /// <summary>Anything else (non-2xx/3xx answer, missing form, validation error, timeout): fails the run.</summary>
    Error,
}

/// <summary>
/// Virtual guest buyers over HTTP, each with its own cookie jar (cart cookie + antiforgery cookie) and connection:
/// product page → add to cart → checkout page (province 19) → place a cash-on-delivery order.
/// <list type="bullet">
/// <item><b>flow</b>: each buyer does the whole sequence; at most C buyers are in flight.</item>
/// <item><b>rush</b>: every buyer first fills a cart and opens the checkout page, then all the "place order" posts are
/// released together, C at a time — every checkout races for the last units, as when a sale opens.</item>
/// </list>
/// </summary>
internal static partial class Buyers
{
    private const string Province = "19";      // Thái Nguyên
    private const string Commune = "05503";    // Xã Tân Cương (province 19)

    private sealed class Buyer(int index, string slug, HttpClient http, string phase)
    {
        public int Index { get; } = index;
        public string Slug { get; } = slug;
        public HttpClient Http { get; } = http;
        public string Phase { get; } = phase;
        public Outcome? Outcome { get; set; }
        public string? Detail { get; set; }
        public Guid? CheckoutId { get; set; }
        public double StartMs { get; set; } = double.NaN;
        public double CheckoutMs { get; set; } = double.NaN;
        public double FlowMs { get; set; } = double.NaN;
        public string? FormAction { get; set; }
        public Dictionary<string, string>? CheckoutForm { get; set; }
    }

    public static async Task<int> RunAsync(BuyersOptions o)
    {
        var baseUri = new Uri(o.BaseUrl.TrimEnd('/') + "/");
        if (!IPAddress.TryParse(baseUri.Host, out var ip) ? baseUri.Host != "localhost" : !IPAddress.IsLoopback(ip))
            throw new BenchFailure($"{o.BaseUrl} is not a loopback address; the benchmark only talks to 127.0.0.1/localhost.");
        if (o.Buyers > 5_000) throw new BenchFailure("--buyers is capped at 5000.");
        if (o.Concurrency > 256) throw new BenchFailure("--concurrency is capped at 256.");
        if (o.Warmup > 1_000) throw new BenchFailure("--warmup is capped at 1000.");
        if (o.WarmupProduct is not null && o.Products.Contains(o.WarmupProduct, StringComparer.Ordinal))
            throw new BenchFailure("--warmup-product must not be one of the hot products.");

        // Warm-up: full buyer flows on a product that is not hot (JIT, EF query compilation, Blazor form binding,
        // the SQLite page cache). Their orders are real and go into --placed so the check can account for them.
        var warmupBuyers = new List<Buyer>();
        if (o.Warmup > 0)
        {
            warmupBuyers = [.. Enumerable.Range(0, o.Warmup).Select(i => NewBuyer(baseUri, -1 - i, o.WarmupProduct!, "warmup"))];
            var clock = Stopwatch.StartNew();
            await ForEachAsync(warmupBuyers, o.Concurrency, b => FullFlowAsync(b, clock));
            var failed = warmupBuyers.Where(b => b.Outcome != Outcome.Placed).ToList();
            foreach (var b in warmupBuyers) b.Http.Dispose();
            if (failed.Count > 0)
                throw new BenchFailure($"{failed.Count} warm-up buyers did not place their order (first: {failed[0].Outcome} {failed[0].Detail}); " +
                    "give the warm-up product enough stock.");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Warm-up: {o.Warmup} orders of {o.WarmupProduct} in {clock.Elapsed.TotalSeconds:F1} s"));
        }

        // Who buys what is fixed by the seed, so two runs with the same seed put the same demand on each product.
        var rng = new Random(o.Seed);
        var buyers = Enumerable.Range(0, o.Buyers)
            .Select(i => NewBuyer(baseUri, i, o.Products[rng.Next(o.Products.Length)], "timed")).ToList();
        var loadBefore = LoadAverage();
        double wallSeconds, prepSeconds = double.NaN;
        try
        {
            if (!o.Rush)
            {
                var clock = Stopwatch.StartNew();
                await ForEachAsync(buyers, o.Concurrency, b => FullFlowAsync(b, clock));
                wallSeconds = clock.Elapsed.TotalSeconds;
            }
            else
            {
                var prep = Stopwatch.StartNew();
                await ForEachAsync(buyers, o.Concurrency, b => PrepareAsync(b, prep));
                prepSeconds = prep.Elapsed.TotalSeconds;
                // A mark in the output for whoever profiles the app during the timed posts only (bench/README.md).
                Console.WriteLine("Rush: the order posts are released");
                var clock = Stopwatch.StartNew();
                await ForEachAsync(buyers.Where(b => b.Outcome is null).ToList(), o.Concurrency, PlaceAsync);
                wallSeconds = clock.Elapsed.TotalSeconds;
            }
        }
        finally
        {
            foreach (var b in buyers) b.Http.Dispose();
        }
        var loadAfter = LoadAverage();

        if (o.PlacedFile is not null)
        {
            var lines = new StringBuilder("# checkout id\tproduct slug\tphase\n");
            foreach (var b in warmupBuyers.Concat(buyers).Where(b => b.Outcome == Outcome.Placed))
                lines.Append(CultureInfo.InvariantCulture, $"{b.CheckoutId}\t{b.Slug}\t{b.Phase}\n");
            await File.WriteAllTextAsync(o.PlacedFile, lines.ToString());
        }
        if (o.RawFile is not null)
        {
            var raw = new StringBuilder("buyer,product,outcome,start_ms,checkout_post_ms,add_and_checkout_ms\n");
            foreach (var b in buyers)
                raw.Append(CultureInfo.InvariantCulture, $"{b.Index},{b.Slug},{b.Outcome},{b.StartMs:F1},{b.CheckoutMs:F2},{b.FlowMs:F2}\n");
            await File.WriteAllTextAsync(o.RawFile, raw.ToString());
        }

        var report = Report(o, buyers, wallSeconds, prepSeconds, loadBefore, loadAfter, baseUri);
        Console.Write(report);
        if (o.OutFile is not null) await File.WriteAllTextAsync(o.OutFile, report);

        var errors = buyers.Where(b => b.Outcome is Outcome.Error or null).ToList();
        if (errors.Count > 0)
        {
            foreach (var g in errors.GroupBy(b => b.Detail).Take(5))
                Console.Error.WriteLine($"  {g.Count()} × {g.Key}");
            throw new BenchFailure($"{errors.Count} of {buyers.Count} buyers ended in an error (see above).");
        }
        return 0;
    }

    private static Buyer NewBuyer(Uri baseUri, int index, string slug, string phase)
    {
        var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            MaxConnectionsPerServer = 1,
        })
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromSeconds(60),
        };
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("vi");
        // Each buyer from an address of its own, through the app's trusted proxy (the run script trusts 127.0.0.1):
        // buyers on different phones and networks, as in a real rush, not 400 checkouts from one machine, which
        // would all queue on the per-address cap and limits.
        http.DefaultRequestHeaders.Add("X-Forwarded-For", $"10.{(index >> 16) & 255}.{(index >> 8) & 255}.{index & 255}");
        return new Buyer(index, slug, http, phase);
    }

    private static async Task ForEachAsync(IReadOnlyList<Buyer> buyers, int concurrency, Func<Buyer, Task> work)
    {
        using var gate = new SemaphoreSlim(concurrency);
        await Task.WhenAll(buyers.Select(async b =>
        {
            await gate.WaitAsync();
            try
            {
                await work(b);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or BenchFailure)
            {
                b.Outcome = Outcome.Error;
                b.Detail = e.GetType().Name + ": " + e.Message;
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private static async Task FullFlowAsync(Buyer b, Stopwatch clock)
    {
        b.StartMs = clock.Elapsed.TotalMilliseconds;
        var start = Stopwatch.GetTimestamp();
        await PrepareAsync(b, clock);
        if (b.Outcome is not null) return; // sold out before the checkout, or an error
        await PlaceAsync(b);
        b.FlowMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>Product page → add one unit → checkout page with the province chosen. Leaves the form to post.</summary>
    private static async Task PrepareAsync(Buyer b, Stopwatch clock)
    {
        if (double.IsNaN(b.StartMs)) b.StartMs = clock.Elapsed.TotalMilliseconds;

        var page = await GetHtmlAsync(b.Http, $"san-pham/{b.Slug}");
        var addForm = FormSection(page, "add-to-cart");
        if (addForm is null)
        {
            if (!page.Contains("out-of-stock", StringComparison.Ordinal))
                throw new BenchFailure($"/san-pham/{b.Slug} has neither an add-to-cart form nor an out-of-stock notice.");
            b.Outcome = Outcome.SoldOutOnProductPage;
            return;
        }

        // No antiforgery token on the product page (it is cached for everyone): the browser's Sec-Fetch-Site says
        // the post comes from the shop's own page, as a real browser's does.
        using var addRequest = new HttpRequestMessage(HttpMethod.Post, "gio-hang/them")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["productId"] = InputValue(addForm, "productId") ?? throw new BenchFailure("add-to-cart form without productId"),
                ["quantity"] = "1",
            }),
        };
        addRequest.Headers.Add("Sec-Fetch-Site", "same-origin");
        using (var add = await b.Http.SendAsync(addRequest))
        {
            var location = add.Headers.Location?.OriginalString ?? "";
            if (add.StatusCode != HttpStatusCode.Redirect)
                throw new BenchFailure($"POST /gio-hang/them answered {(int)add.StatusCode}");
            if (location.Contains("error=stock", StringComparison.Ordinal))
            {
                b.Outcome = Outcome.RefusedAtAdd;
                return;
            }
            if (!location.Contains("added=", StringComparison.Ordinal))
                throw new BenchFailure($"POST /gio-hang/them redirected to {location}");
        }

        var checkout = await GetHtmlAsync(b.Http, $"dat-hang?province={Province}");
        var form = FormSection(checkout, "checkout-form")
            ?? throw new BenchFailure(checkout.Contains("cart-empty", StringComparison.Ordinal)
                ? "the checkout page says the cart is empty (cart cookie lost)" : "the checkout page has no checkout form");
        b.FormAction = WebUtility.HtmlDecode(ActionAttribute().Match(form) is { Success: true } m ? m.Groups[1].Value : $"/dat-hang?province={Province}");
        b.CheckoutForm = new Dictionary<string, string>
        {
            ["_handler"] = InputValue(form, "_handler") ?? throw new BenchFailure("checkout form without _handler"),
            ["__RequestVerificationToken"] = InputValue(form, "__RequestVerificationToken") ?? throw new BenchFailure("checkout form without a token"),
            ["Input.ProvinceCode"] = Province,
            ["Input.Name"] = $"Người mua thử {b.Index + 1}",
            ["Input.Phone"] = string.Create(CultureInfo.InvariantCulture, $"0912{Math.Abs(b.Index) % 1_000_000:D6}"),
            ["Input.Email"] = "",
            ["Input.CommuneCode"] = Commune,
            ["Input.Street"] = $"Số {Math.Abs(b.Index) + 1}, đường Tân Cương",
            ["Input.Note"] = "",
            ["Input.Payment"] = "CashOnDelivery",
            ["Input.Step"] = "place", // the review step's "place order" button
        };
    }

    /// <summary>The timed "place order" post: a redirect to the order page, or the form again with the reason.</summary>
    private static async Task PlaceAsync(Buyer b)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await b.Http.PostAsync(b.FormAction!.TrimStart('/'), new FormUrlEncodedContent(b.CheckoutForm!));
        var body = await response.Content.ReadAsStringAsync();
        b.CheckoutMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            var location = response.Headers.Location?.OriginalString ?? "";
            var m = OrderLink().Match(location);
            if (!m.Success) throw new BenchFailure($"the order post redirected to {location}, not to /don-hang/{{id}}?t=…");
            b.CheckoutId = Guid.Parse(m.Groups[1].Value);
            b.Outcome = Outcome.Placed;
            return;
        }
        if (response.StatusCode != HttpStatusCode.OK)
            throw new BenchFailure($"the order post answered {(int)response.StatusCode}");
        var error = CheckoutError().Match(body);
        var message = error.Success ? WebUtility.HtmlDecode(error.Groups[1].Value).Trim() : null;
        if (message is not null && (message.Contains("hết hàng", StringComparison.Ordinal) || message.Contains("chỉ còn", StringComparison.Ordinal)))
        {
            b.Outcome = Outcome.RefusedAtCheckout;
            b.Detail = message;
            return;
        }
        throw new BenchFailure(message is null
            ? "the order post answered 200 without a redirect or a checkout error (a validation message?)"
            : $"the order was refused for another reason: {message}");
    }

    private static async Task<string> GetHtmlAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new BenchFailure($"GET /{path} answered {(int)response.StatusCode}");
        return body;
    }

    /// <summary>The markup of the form carrying data-testid=<paramref name="testId"/>, from its opening tag to &lt;/form&gt;.</summary>
    private static string? FormSection(string html, string testId)
    {
        var at = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        if (at < 0) return null;
        var start = html.LastIndexOf("<form", at, StringComparison.Ordinal);
        var end = html.IndexOf("</form>", at, StringComparison.Ordinal);
        return start < 0 || end < 0 ? null : html[start..end];
    }

    private static string? InputValue(string form, string name)
    {
        foreach (Match input in InputTag().Matches(form))
        {
            if (!input.Value.Contains($"name=\"{name}\"", StringComparison.Ordinal)) continue;
            return ValueAttribute().Match(input.Value) is { Success: true } v ? WebUtility.HtmlDecode(v.Groups[1].Value) : null;
        }
        return null;
    }

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();

    [GeneratedRegex("^<form\\b[^>]*\\baction=\"([^\"]*)\"")]
    private static partial Regex ActionAttribute();

    [GeneratedRegex("/don-hang/([0-9a-fA-F-]{36})\\?t=[^&\\s]+")]
    private static partial Regex OrderLink();

    [GeneratedRegex("data-testid=\"checkout-error\"[^>]*>([^<]*)<")]
    private static partial Regex CheckoutError();

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Report(BuyersOptions o, List<Buyer> buyers, double wallSeconds, double prepSeconds,
        string loadBefore, string loadAfter, Uri baseUri)
    {
        int Count(Outcome outcome) => buyers.Count(b => b.Outcome == outcome);
        var placed = Count(Outcome.Placed);
        var posts = buyers.Where(b => !double.IsNaN(b.CheckoutMs)).Select(b => b.CheckoutMs).Order().ToArray();
        var placedPosts = buyers.Where(b => b.Outcome == Outcome.Placed).Select(b => b.CheckoutMs).Order().ToArray();
        var refusedPosts = buyers.Where(b => b.Outcome == Outcome.RefusedAtCheckout).Select(b => b.CheckoutMs).Order().ToArray();
        var flows = buyers.Where(b => !double.IsNaN(b.FlowMs)).Select(b => b.FlowMs).Order().ToArray();
        var lastPlaced = buyers.Where(b => b.Outcome == Outcome.Placed).Select(b => b.StartMs).DefaultIfEmpty(double.NaN).Max();

        var sb = new StringBuilder();
        sb.AppendLine("| mode | buyers | concurrency | orders placed | refused at checkout | sold out before checkout | errors | wall s | orders/s | checkout POST median ms | p95 ms | max ms | add+checkout median ms | p95 ms |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"| {(o.Rush ? "rush" : "flow")} | {buyers.Count} | {o.Concurrency} | {placed} | {Count(Outcome.RefusedAtCheckout)} | " +
            $"{Count(Outcome.SoldOutOnProductPage) + Count(Outcome.RefusedAtAdd)} | {buyers.Count(b => b.Outcome is Outcome.Error or null)} | " +
            $"{wallSeconds:F2} | {placed / wallSeconds:F1} | {Median(posts):F1} | {Percentile(posts, 0.95):F1} | {Max(posts):F1} | " +
            $"{(o.Rush ? "—" : Median(flows).ToString("F1", CultureInfo.InvariantCulture))} | {(o.Rush ? "—" : Percentile(flows, 0.95).ToString("F1", CultureInfo.InvariantCulture))} |");
        sb.AppendLine();
        var perProduct = string.Join(", ", o.Products.Select(s =>
            $"`{s}` {buyers.Count(b => b.Slug == s && b.Outcome == Outcome.Placed)} / {buyers.Count(b => b.Slug == s && b.Outcome == Outcome.RefusedAtCheckout)} / " +
            $"{buyers.Count(b => b.Slug == s && b.Outcome is Outcome.SoldOutOnProductPage or Outcome.RefusedAtAdd)} (demand {buyers.Count(b => b.Slug == s)})"));
        sb.AppendLine($"- Per product (placed / refused at checkout / sold out before checkout): {perProduct}.");
        sb.AppendLine(
            $"- Checkout POSTs timed: {posts.Length}. Placed: median {Ms(Median(placedPosts))}, p95 {Ms(Percentile(placedPosts, 0.95))}. " +
            $"Refused (out of stock): median {Ms(Median(refusedPosts))}, p95 {Ms(Percentile(refusedPosts, 0.95))}.");
        int[] bands = [50, 150, 300, 600, 1200];
        var spread = string.Join(", ", bands.Select((upper, i) =>
        {
            var lower = i == 0 ? 0 : bands[i - 1];
            return $"{lower}–{upper} ms: {posts.Count(t => t >= lower && t < upper)}";
        }).Append($"≥ {bands[^1]} ms: {posts.Count(t => t >= bands[^1])}"));
        sb.AppendLine($"- Checkout POST spread: {spread}.");
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"- Sold out before checkout: {Count(Outcome.SoldOutOnProductPage)} saw \"Tạm hết hàng\" on the product page, {Count(Outcome.RefusedAtAdd)} were turned away when adding.");
        if (o.Rush)
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"- Rush: {buyers.Count} carts filled and checkout pages opened first ({prepSeconds:F1} s, not counted), then the {posts.Length} order posts were released, {o.Concurrency} at a time; wall time and orders/s cover the posts only.");
        else
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"- Flow: each buyer loads the product page, adds 1 unit, opens the checkout page and places the order; wall time is the whole run (last order placed by a buyer who started at {lastPlaced / 1000:F2} s).");
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"- {(o.Warmup > 0 ? $"After {o.Warmup} untimed warm-up orders of `{o.WarmupProduct}`; " : "")}{baseUri.GetLeftPart(UriPartial.Authority)}, one connection and cookie jar per buyer, seed {o.Seed}. " +
            $"Load average (1/5/15 min) before: {loadBefore}; after: {loadAfter}.");
        return sb.ToString();
    }

    private static string Ms(double ms) => double.IsNaN(ms) ? "—" : ms.ToString("F1", CultureInfo.InvariantCulture) + " ms";

    private static double Median(double[] sorted) => sorted.Length == 0 ? double.NaN
        : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

    /// <summary>Nearest-rank percentile: the smallest value with at least <paramref name="p"/> of the samples at or below it.</summary>
    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN
        : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Max(double[] sorted) => sorted.Length == 0 ? double.NaN : sorted[^1];
}
