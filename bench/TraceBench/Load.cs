using OcopMarket.Bench.Shared;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Seeding;
using OcopMarket.Core.Traceability.Domain;

namespace OcopMarket.Bench.Trace;

internal sealed record LoadOptions(
    string BaseUrl, string Key, int Concurrency, int Seconds, int Rounds, int Warmup, int? AppPid,
    string? OutFile, string? RawFile, string? SentFile, string? SampleFile);

/// <summary>
/// The public label pages under concurrent load, beside <c>/robots.txt</c> of the same app in the same run.
/// <list type="number">
/// <item><b>Check</b>: every label URL once, one request at a time (status, content, scan count 1 on first open, page size).</item>
/// <item><b>Warm-up</b>: each URL set for W seconds with all clients, untimed.</item>
/// <item><b>Timed</b>: C keep-alive clients (one connection each) send GETs back to back for S seconds per URL set, split into
/// R rounds whose order rotates (robots, unit, lot / unit, lot, robots / …) so a busy moment of the shared machine is
/// spread over all three. Each request is timed from sending until the whole body has been read.</item>
/// </list>
/// Every unit-page request answered 200 is tallied per unit (<c>--sent</c>) for the scan-count check after the app stops.
/// </summary>
internal static partial class Load
{
    private static readonly byte[] VerifiedMarker = "data-testid=\"trace-verified\""u8.ToArray();
    private static readonly byte[] RobotsMarker = "User-agent:"u8.ToArray();

    private sealed class UrlSet(string name, string label, string[] paths, byte[] marker, UnitLabel[]? units)
    {
        public string Name { get; } = name;
        public string Label { get; } = label;
        public string[] Paths { get; } = paths;
        public byte[] Marker { get; } = marker;
        /// <summary>For the unit set: the label behind each path, and how many requests of it were answered 200.</summary>
        public UnitLabel[]? Units { get; } = units;
        public long[] Sent { get; } = new long[paths.Length];
        public List<Sample> Samples { get; } = [];
        public double WallSeconds { get; set; }
        public double AppCpuMs { get; set; }
        public double ClientCpuMs { get; set; }
        public long WarmupRequests { get; set; }
        public byte[]? LastBody { get; set; }
        public List<(int Round, int Requests, double Seconds, double P95, string Load)> Rounds { get; } = [];
    }

    private readonly record struct Sample(int Round, int Client, double StartMs, double Ms, int Bytes);

    public static async Task<int> RunAsync(LoadOptions o)
    {
        var baseUri = new Uri(o.BaseUrl.TrimEnd('/') + "/");
        if (!IPAddress.TryParse(baseUri.Host, out var ip) ? baseUri.Host != "localhost" : !IPAddress.IsLoopback(ip))
            throw new BenchFailure($"{o.BaseUrl} is not a loopback address; the benchmark only talks to 127.0.0.1/localhost.");
        if (o.Concurrency > 256) throw new BenchFailure("--concurrency is capped at 256.");
        if (o.Seconds > 600 || o.Warmup > 120) throw new BenchFailure("--seconds is capped at 600 and --warmup at 120.");
        if (o.Rounds > o.Seconds) throw new BenchFailure("--rounds cannot exceed --seconds.");
        UnitSerialSigner signer;
        try
        {
            signer = new UnitSerialSigner(Convert.FromBase64String(o.Key));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new BenchFailure($"--key must be the base64 serial key the app runs with: {e.Message}");
        }
        var app = o.AppPid is { } pid ? Process.GetProcessById(pid) : null;

        var units = Targets.Units(signer);
        var robots = new UrlSet("robots", $"`{Targets.Trivial}` (trivial endpoint)", [Targets.Trivial], RobotsMarker, null);
        var unit = new UrlSet("unit", $"unit page, {units.Count} labels", [.. units.Select(u => u.Path)], VerifiedMarker, [.. units]);
        var lots = Targets.LotPaths();
        var lot = new UrlSet("lot", $"lot page, {lots.Count} lots", [.. lots], VerifiedMarker, null);

        var clients = Enumerable.Range(0, o.Concurrency).Select(_ => NewClient(baseUri)).ToArray();
        try
        {
            // 1. Check every address once, sequentially, before any load.
            var check = await CheckAsync(clients[0], signer, robots, unit, lot);
            Console.Write(check.Report);

            // 2. Warm-up (JIT tiering, EF query cache, SQLite page cache), every set with all clients.
            foreach (var set in new[] { robots, unit, lot })
            {
                var warm = await RunSegmentAsync(clients, set, TimeSpan.FromSeconds(o.Warmup), round: 0, app);
                set.WarmupRequests += warm.Count;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up {set.Name}: {warm.Count} requests in {o.Warmup} s"));
            }

            // 3. Timed rounds, order rotating.
            var loadBefore = LoadAverage();
            var sets = new[] { robots, unit, lot };
            var segment = TimeSpan.FromSeconds(o.Seconds / (double)o.Rounds);
            for (var r = 1; r <= o.Rounds; r++)
            {
                for (var k = 0; k < sets.Length; k++)
                {
                    var set = sets[(k + r - 1) % sets.Length];
                    var appCpu0 = AppCpu(app);
                    var me0 = Process.GetCurrentProcess().TotalProcessorTime;
                    var sw = Stopwatch.StartNew();
                    var samples = await RunSegmentAsync(clients, set, segment, r, app);
                    set.WallSeconds += sw.Elapsed.TotalSeconds;
                    set.AppCpuMs += (AppCpu(app) - appCpu0).TotalMilliseconds;
                    set.ClientCpuMs += (Process.GetCurrentProcess().TotalProcessorTime - me0).TotalMilliseconds;
                    set.Samples.AddRange(samples);
                    set.Rounds.Add((r, samples.Count, sw.Elapsed.TotalSeconds,
                        samples.Count == 0 ? double.NaN : Percentile([.. samples.Select(x => x.Ms).Order()], 0.95), LoadAverage().Split(' ')[0]));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"round {r} {set.Name}: {samples.Count} requests, {samples.Count / sw.Elapsed.TotalSeconds:F0} req/s"));
                }
            }
            var loadAfter = LoadAverage();

            // The page as it looks after the load: every unit has been scanned far more than 20 times.
            var after = unit.LastBody ?? throw new BenchFailure("No unit page body was kept.");
            var sizes = check.Sizes.Append(new PageSize("unit page after the load (copy warning shown)", after,
                Contains(after, "data-testid=\"trace-copied\""u8))).ToList();

            if (o.SampleFile is not null) await File.WriteAllBytesAsync(o.SampleFile, check.Sizes[0].Html);
            var report = Report(o, baseUri, check, sizes, robots, unit, lot, loadBefore, loadAfter, app is not null);
            Console.Write(report);
            if (o.OutFile is not null) await File.WriteAllTextAsync(o.OutFile, report);
            if (o.RawFile is not null)
            {
                var raw = new StringBuilder("set,round,client,start_ms,ms,bytes\n");
                foreach (var set in sets)
                    foreach (var s in set.Samples)
                        raw.Append(CultureInfo.InvariantCulture, $"{set.Name},{s.Round},{s.Client},{s.StartMs:F1},{s.Ms:F3},{s.Bytes}\n");
                await File.WriteAllTextAsync(o.RawFile, raw.ToString());
            }
            if (o.SentFile is not null)
            {
                var sent = new StringBuilder("# lot public code\tserial number\tunit-page requests answered 200 (check + warm-up + timed)\n");
                for (var i = 0; i < units.Count; i++)
                    sent.Append(CultureInfo.InvariantCulture, $"{units[i].PublicCode}\t{units[i].Number}\t{unit.Sent[i] + check.ExtraScans.GetValueOrDefault(i)}\n");
                await File.WriteAllTextAsync(o.SentFile, sent.ToString());
            }
            return 0;
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
        }
    }

    private static HttpClient NewClient(Uri baseUri)
    {
        var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = 1,          // one keep-alive connection per client
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            UseCookies = false,
        })
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("vi");
        http.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        return http;
    }

    /// <summary>All clients send GETs back to back, cycling over the set's URLs, until <paramref name="duration"/> has passed.</summary>
    private static async Task<List<Sample>> RunSegmentAsync(HttpClient[] clients, UrlSet set, TimeSpan duration, int round, Process? app)
    {
        var next = -1;
        string? failure = null;
        using var cts = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var perClient = await Task.WhenAll(clients.Select(async (http, ci) =>
        {
            var samples = new List<Sample>(8192);
            byte[]? last = null;
            while (clock.Elapsed < duration && !cts.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next) % set.Paths.Length;
                var path = set.Paths[i];
                var startMs = clock.Elapsed.TotalMilliseconds;
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(path.TrimStart('/'), HttpCompletionOption.ResponseHeadersRead, cts.Token);
                    var body = await response.Content.ReadAsByteArrayAsync(cts.Token);
                    var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    if (response.StatusCode != HttpStatusCode.OK || body.AsSpan().IndexOf(set.Marker) < 0)
                    {
                        Interlocked.CompareExchange(ref failure,
                            $"GET {path} answered {(int)response.StatusCode} {response.StatusCode} under load ({body.Length} bytes, " +
                            $"{(response.StatusCode == HttpStatusCode.OK ? "marker missing" : "not 200")}):\n{Snippet(body)}", null);
                        await cts.CancelAsync();
                        break;
                    }
                    if (set.Units is not null) Interlocked.Increment(ref set.Sent[i]);
                    samples.Add(new Sample(round, ci, startMs, ms, body.Length));
                    last = body;
                }
                catch (OperationCanceledException) when (cts.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    Interlocked.CompareExchange(ref failure, $"GET {path} failed under load: {e.GetType().Name}: {e.Message}", null);
                    await cts.CancelAsync();
                    break;
                }
            }
            if (last is not null && ci == 0) set.LastBody = last;
            return samples;
        }));
        if (failure is not null)
        {
            var exited = app is not null && HasExited(app) ? " (the app process has exited)" : "";
            throw new BenchFailure(failure + exited);
        }
        return [.. perClient.SelectMany(s => s)];
    }

    private sealed record PageSize(string Label, byte[] Html, bool CopyWarning = false);

    private sealed record CheckResult(string Report, List<PageSize> Sizes, Dictionary<int, long> ExtraScans, string? PageEncoding);

    /// <summary>Every address once, sequentially: what each must answer before its speed means anything.</summary>
    private static async Task<CheckResult> CheckAsync(HttpClient http, UnitSerialSigner signer, UrlSet robots, UrlSet unit, UrlSet lot)
    {
        var lines = new List<string>();
        var sizes = new List<PageSize>();
        var extra = new Dictionary<int, long>();

        var (status, type, body) = await GetAsync(http, robots.Paths[0]);
        Expect(status == HttpStatusCode.OK && Contains(body, RobotsMarker), robots.Paths[0], status, body, "200 with User-agent");
        lines.Add($"`{robots.Paths[0]}`: 200 `{type}`, {body.Length} bytes.");

        byte[]? largestLot = null;
        foreach (var path in lot.Paths)
        {
            (status, _, body) = await GetAsync(http, path);
            Expect(status == HttpStatusCode.OK && Contains(body, VerifiedMarker) && Contains(body, "Mã lô đã xác thực"u8)
                && !Contains(body, "trace-scan-count"u8), path, status, body, "200, \"Mã lô đã xác thực\", no scan count");
            if (largestLot is null || body.Length > largestLot.Length) largestLot = body;
        }
        lines.Add($"{lot.Paths.Length} lot pages ({string.Join(", ", lot.Paths.Select(p => $"`{p}`"))}): 200, \"Mã lô đã xác thực\", no scan count.");

        byte[]? largestUnit = null;
        var blazor = 0;
        for (var i = 0; i < unit.Paths.Length; i++)
        {
            var u = unit.Units![i];
            (status, _, body) = await GetAsync(http, u.Path);
            Expect(status == HttpStatusCode.OK, u.Path, status, body, "200");
            unit.Sent[i]++;
            Expect(Contains(body, VerifiedMarker) && Contains(body, Encoding.UTF8.GetBytes(u.Serial))
                && Contains(body, "data-testid=\"trace-scan-count\">1<"u8) && !Contains(body, "trace-copied"u8),
                u.Path, status, body, $"the verified page of unit {u.Serial} with scan count 1 (first open)");
            if (Contains(body, "_framework/blazor"u8)) blazor++;
            if (largestUnit is null || body.Length > largestUnit.Length) largestUnit = body;
        }
        if (blazor > 0) throw new BenchFailure($"{blazor} unit pages load the Blazor script (_framework/blazor).");
        var gs1 = unit.Paths.Count(p => p.StartsWith("/01/", StringComparison.Ordinal));
        lines.Add($"{unit.Paths.Length} unit pages ({gs1} GS1 Digital Link `/01/…/10/…/21/…`, {unit.Paths.Length - gs1} `/t/…/…`): " +
            "200, verified, own serial shown, scan count 1 on first open, no copy warning, no Blazor script.");

        // The tea's units carry a GTIN; the short form of the same unit must open too (and count on the same unit).
        var tea = unit.Units!.Select((u, i) => (u, i)).First(x => x.u.Path.StartsWith("/01/", StringComparison.Ordinal));
        var shortPath = $"/t/{tea.u.PublicCode}/{tea.u.Serial}";
        (status, _, body) = await GetAsync(http, shortPath);
        Expect(status == HttpStatusCode.OK && Contains(body, "data-testid=\"trace-scan-count\">2<"u8), shortPath, status, body,
            "200 with scan count 2 (same unit as its GS1 address)");
        extra[tea.i] = 1;
        lines.Add($"`{shortPath}` (short form of a GS1-labelled unit): 200, scan count 2, the same unit as `{tea.u.Path}`.");

        // Forged and unissued serials: 404 with the "cannot be verified" page, and no scan counted.
        var first = unit.Units![0];
        var forgedSerial = first.Serial[..^1] + (first.Serial[^1] == 'A' ? 'B' : 'A');
        var forged = first.Path[..^first.Serial.Length] + forgedSerial;
        (status, _, body) = await GetAsync(http, forged);
        Expect(status == HttpStatusCode.NotFound && Contains(body, "trace-unverified"u8), forged, status, body, "404 \"cannot be verified\"");
        var unissued = first.Path[..^first.Serial.Length] + signer.Serial(first.PublicCode, TraceabilitySeeder.DemoSerials + 1);
        (status, _, body) = await GetAsync(http, unissued);
        Expect(status == HttpStatusCode.NotFound && Contains(body, "trace-unverified"u8), unissued, status, body, "404 \"cannot be verified\"");
        lines.Add($"forged serial `{forged}` (last character changed) and correctly signed but unissued serial `{unissued}` " +
            "(unit 21 of 20): both 404, \"Không xác thực được mã này\", no scan counted.");

        // Does the app compress the page itself? Asked on a lot page so no scan is counted.
        var request = new HttpRequestMessage(HttpMethod.Get, lot.Paths[0].TrimStart('/'));
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        using var compressed = await http.SendAsync(request);
        var encoding = compressed.Content.Headers.ContentEncoding.Count == 0 ? null : string.Join(",", compressed.Content.Headers.ContentEncoding);
        await compressed.Content.ReadAsByteArrayAsync();
        lines.Add(encoding is null
            ? "Asked with `Accept-Encoding: gzip, br`, the app sends the page uncompressed (no response compression in the app), so the gzip figures below are computed by the tool."
            : $"Asked with `Accept-Encoding: gzip, br`, the app answers `Content-Encoding: {encoding}`.");

        sizes.Add(new PageSize("unit page, first open (largest of the 60)", largestUnit!));
        sizes.Add(new PageSize("lot page (largest of the 3)", largestLot!));

        var sb = new StringBuilder();
        foreach (var l in lines) sb.AppendLine("- " + l);
        return new CheckResult(sb.ToString(), sizes, extra, encoding);
    }

    /// <summary>One GET, whole body read; the status, content type and body, whatever they are.</summary>
    private static async Task<(HttpStatusCode Status, string? Type, byte[] Body)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path.TrimStart('/'), HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsByteArrayAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), body);
    }

    private static void Expect(bool ok, string path, HttpStatusCode status, byte[] body, string expected)
    {
        if (!ok)
            throw new BenchFailure($"GET {path} answered {(int)status} {status} ({body.Length} bytes); expected {expected}:\n{Snippet(body)}");
    }

    private static bool Contains(byte[] body, ReadOnlySpan<byte> marker) => body.AsSpan().IndexOf(marker) >= 0;

    private static int Gzip(byte[] data, CompressionLevel level)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, level, leaveOpen: true)) gz.Write(data);
        return (int)buffer.Length;
    }

    private static string Report(LoadOptions o, Uri baseUri, CheckResult check, List<PageSize> sizes, UrlSet robots, UrlSet unit, UrlSet lot,
        string loadBefore, string loadAfter, bool haveAppCpu)
    {
        var sb = new StringBuilder();
        sb.AppendLine("### Checks before the load (one request each)");
        sb.AppendLine();
        sb.Append(check.Report);
        sb.AppendLine();

        sb.AppendLine("### Page size (HTML with its inline CSS; budget: 50 KB compressed)");
        sb.AppendLine();
        sb.AppendLine("| page | HTML bytes | gzip bytes (.NET `Optimal`, zlib level 6) | gzip bytes (`SmallestSize`, level 9) | brotli bytes (`Optimal`) |");
        sb.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var s in sizes)
        {
            using var br = new MemoryStream();
            using (var b = new BrotliStream(br, CompressionLevel.Optimal, leaveOpen: true)) b.Write(s.Html);
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Label} | {s.Html.Length:N0} | **{Gzip(s.Html, CompressionLevel.Optimal):N0}** | {Gzip(s.Html, CompressionLevel.SmallestSize):N0} | {br.Length:N0} |");
        }
        sb.AppendLine();

        sb.AppendLine("### Throughput and latency");
        sb.AppendLine();
        sb.AppendLine(haveAppCpu
            ? "| URL set | timed requests | **req/s** | p50 ms | **p95 ms** | p99 ms | max ms | response bytes | app CPU ms/request | client CPU ms/request |"
            : "| URL set | timed requests | **req/s** | p50 ms | **p95 ms** | p99 ms | max ms | response bytes |");
        sb.AppendLine(haveAppCpu ? "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|" : "|---|---:|---:|---:|---:|---:|---:|---:|");
        var stats = new Dictionary<string, (double Rps, double P95)>();
        foreach (var set in new[] { unit, lot, robots })
        {
            var sorted = set.Samples.Select(s => s.Ms).Order().ToArray();
            if (sorted.Length == 0) throw new BenchFailure($"No timed request completed for {set.Name}.");
            var rps = sorted.Length / set.WallSeconds;
            var p95 = Percentile(sorted, 0.95);
            stats[set.Name] = (rps, p95);
            var bytes = set.Samples.Average(s => s.Bytes);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"| {set.Label} | {sorted.Length:N0} | **{rps:F0}** | {Percentile(sorted, 0.50):F2} | **{p95:F2}** | {Percentile(sorted, 0.99):F2} | {sorted[^1]:F1} | {bytes:N0} |");
            if (haveAppCpu)
                line += string.Create(CultureInfo.InvariantCulture, $" {set.AppCpuMs / sorted.Length:F3} | {set.ClientCpuMs / sorted.Length:F3} |");
            sb.AppendLine(line);
        }
        sb.AppendLine();
        foreach (var page in new[] { unit, lot })
        {
            var (rps, p95) = stats[page.Name];
            var (trivialRps, trivialP95) = stats[robots.Name];
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"- **{page.Name} page ÷ `/robots.txt`:** req/s ratio **{rps / trivialRps:F2}** ({rps:F0} ÷ {trivialRps:F0}, i.e. {trivialRps / rps:F1}× fewer), " +
                $"p95 ratio **{p95 / trivialP95:F1}** ({p95:F2} ms ÷ {trivialP95:F2} ms)."));
        }
        sb.AppendLine();
        var segment = o.Seconds / (double)o.Rounds;
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{o.Concurrency} concurrent clients, one keep-alive HTTP/1.1 connection each, requests back to back (closed loop); " +
            $"{o.Seconds} s per URL set in {o.Rounds} rounds of {segment:F0} s, order rotating; {o.Warmup} s warm-up per set before; " +
            $"{baseUri.GetLeftPart(UriPartial.Authority)}. p50/p95/p99 are nearest-rank over all timed requests of the set; " +
            $"req/s = timed requests ÷ the set's wall time."));
        sb.AppendLine();
        sb.AppendLine($"Load average (1/5/15 min) before the timed rounds: {loadBefore}; after: {loadAfter}.");
        sb.AppendLine();
        sb.AppendLine("By round (the machine is shared, so a round that differs much from the others had company):");
        sb.AppendLine();
        sb.AppendLine("| URL set | " + string.Join(" | ", Enumerable.Range(1, o.Rounds).Select(r => $"round {r} req/s · p95 ms · load")) + " |");
        sb.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|", o.Rounds)));
        foreach (var set in new[] { unit, lot, robots })
            sb.AppendLine($"| {set.Name} | " + string.Join(" | ", set.Rounds.OrderBy(x => x.Round).Select(x =>
                string.Create(CultureInfo.InvariantCulture, $"{x.Requests / x.Seconds:F0} · {x.P95:F1} · {x.Load}"))) + " |");
        sb.AppendLine();

        var checkScans = unit.Sent.Sum() - unit.WarmupRequests - unit.Samples.Count + check.ExtraScans.Values.Sum();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Unit-page requests answered 200 (each one a scan): {checkScans} in the checks + {unit.WarmupRequests:N0} warm-up + " +
            $"{unit.Samples.Count:N0} timed = **{unit.Sent.Sum() + check.ExtraScans.Values.Sum():N0}**. Lot pages and `/robots.txt` count no scan."));
        return sb.ToString();
    }

    private static TimeSpan AppCpu(Process? app)
    {
        if (app is null) return TimeSpan.Zero;
        app.Refresh();
        return app.TotalProcessorTime;
    }

    private static bool HasExited(Process app)
    {
        try { return app.HasExited; }
        catch (InvalidOperationException) { return true; }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Snippet(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        text = WhiteSpace().Replace(text, " ");
        return text.Length <= 800 ? text : text[..800] + " …";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    /// <summary>Nearest-rank percentile: the smallest value with at least <paramref name="p"/> of the samples at or below it.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
