using OcopMarket.Bench.Shared;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace OcopMarket.Bench;

/// <summary>
/// Times full GET requests of the catalog page (request sent → whole body read) against a running app,
/// one request at a time over one kept-alive loopback connection.
/// </summary>
internal static partial class Measure
{
    /// <summary>The catalog URLs measured, in the order of the report.</summary>
    public static readonly string[] Paths =
    [
        "/san-pham",
        "/san-pham?group=food",
        "/san-pham?stars=4&sort=price-asc",
        "/san-pham?province=da-nang&instock=1",
        "/san-pham?q=nuoc+mam",
        "/san-pham?q=che+thai+nguyen&stars=4",
        "/san-pham?page=50",
        "/san-pham?sort=stars",
    ];

    private const string Marker = "data-testid=\"result-count\"";

    [GeneratedRegex("""data-testid="result-count"[^>]*>\s*([0-9][0-9.,\u00A0 ]*)""")]
    private static partial Regex ResultCount();

    public static async Task<int> RunAsync(string baseUrl, int runs, int warmup, string? outFile, string? rawFile = null)
    {
        var baseUri = new Uri(baseUrl.TrimEnd('/') + "/");
        if (!IPAddress.TryParse(baseUri.Host, out var ip) ? baseUri.Host != "localhost" : !IPAddress.IsLoopback(ip))
            throw new BenchFailure($"{baseUrl} is not a loopback address; the benchmark only talks to 127.0.0.1/localhost.");

        using var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
        })
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromSeconds(60),
        };
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("vi");

        // Warm-up: JIT, EF query compilation, SQLite page cache. Cycles through the URLs, results discarded.
        for (var i = 0; i < warmup; i++)
            await GetAsync(http, Paths[i % Paths.Length]);

        // Timed runs, interleaved (URL 1..n, URL 1..n, …) so a slow moment of the machine hits every URL alike.
        var times = Paths.ToDictionary(p => p, _ => new List<double>(runs));
        var sizes = new Dictionary<string, int>();
        var counts = new Dictionary<string, string>();
        var raw = new StringBuilder("run,url,ms,bytes\n");
        for (var r = 0; r < runs; r++)
        {
            foreach (var path in Paths)
            {
                var (ms, body) = await GetAsync(http, path);
                times[path].Add(ms);
                raw.Append(CultureInfo.InvariantCulture, $"{r},{path},{ms:F2},{body.Length}\n");
                sizes[path] = body.Length;
                counts[path] = ResultCount().Match(Encoding.UTF8.GetString(body)) is { Success: true } m
                    ? new string(m.Groups[1].Value.Where(char.IsAsciiDigit).ToArray()) : "?";
            }
        }

        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"| URL | results | median ms | p95 ms | max ms | response KB |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var path in Paths)
        {
            var sorted = times[path].Order().ToArray();
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| `{path}` | {counts[path]} | {Median(sorted):F1} | {Percentile(sorted, 0.95):F1} | {sorted[^1]:F1} | {sizes[path] / 1024.0:F1} |");
        }
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{runs} timed requests per URL after {warmup} warm-up requests; sequential, one connection, {baseUri.GetLeftPart(UriPartial.Authority)}.");

        Console.Write(sb.ToString());
        if (outFile is not null) await File.WriteAllTextAsync(outFile, sb.ToString());
        if (rawFile is not null) await File.WriteAllTextAsync(rawFile, raw.ToString());
        return 0;
    }

    private static async Task<(double Ms, byte[] Body)> GetAsync(HttpClient http, string path)
    {
        var sw = Stopwatch.StartNew();
        using var response = await http.GetAsync(path.TrimStart('/'), HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsByteArrayAsync();
        sw.Stop();

        if (response.StatusCode != HttpStatusCode.OK)
            throw new BenchFailure($"GET {path} answered {(int)response.StatusCode} {response.StatusCode}:\n{Snippet(body)}");
        if (!Encoding.UTF8.GetString(body).Contains(Marker, StringComparison.Ordinal))
            throw new BenchFailure($"GET {path} answered 200 without {Marker} ({body.Length} bytes):\n{Snippet(body)}");
        return (sw.Elapsed.TotalMilliseconds, body);
    }

    private static string Snippet(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        return text.Length <= 800 ? text : text[..800] + " …";
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

    /// <summary>Nearest-rank percentile: the smallest value with at least <paramref name="p"/> of the samples at or below it.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
