using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Seeding;
using OcopMarket.Core.Traceability;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Traceability;

/// <summary>The public label page over HTTP, on the demo lots the Development start-up seeds.</summary>
public sealed class TracePageHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private const string FishSauceLot = "/t/KH4N2P8R";
    private const string TeaLotGs1 = "/01/" + TraceabilitySeeder.DemoTeaGtin + "/10/TC-2611-01";

    private async Task<string> SerialAsync(string publicCode, int number) =>
        (await factory.Services.GetRequiredService<SerialKeyStore>().SignerAsync()).Serial(publicCode, number);

    private async Task<HttpResponseMessage> GetAsync(string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return await factory.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task A_unit_label_opens_a_small_phone_page_with_the_whole_story_and_no_blazor()
    {
        var path = $"{FishSauceLot}/{await SerialAsync("KH4N2P8R", 3)}";
        var response = await GetAsync(path, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("Nước mắm Phú Quốc Khải Hoàn 40 độ đạm", html); // UTF-8 text, not entities
        Assert.Contains("data-testid=\"trace-verified\"", html);
        Assert.Contains("KH40-2610", html);
        Assert.Contains("Cá cơm than", html);
        Assert.Contains("Đặc khu Phú Quốc, An Giang", html);
        Assert.Contains("Công ty Cổ phần thương mại Khải Hoàn", html);
        Assert.Contains("data-testid=\"trace-timeline\"", html);
        Assert.Contains("Quatest 3", html);
        Assert.Contains("data-testid=\"trace-scan-count\">1<", html);
        Assert.Contains("data-testid=\"trace-lapsed\"", html); // the demo fish sauce's 2023 certificate lapsed on 01/01/2026
        Assert.DoesNotContain("blazor.web.js", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("app.css", html); // its CSS is inline

        // HTML and CSS together at most 50 KB compressed.
        using var gz = new MemoryStream();
        await using (var zip = new GZipStream(gz, CompressionLevel.Optimal, leaveOpen: true)) await zip.WriteAsync(System.Text.Encoding.UTF8.GetBytes(html));
        Assert.True(gz.Length <= 50 * 1024, $"{gz.Length} bytes compressed");
    }

    [Fact]
    public async Task The_gs1_digital_link_address_opens_the_tea_lot_with_its_growing_area()
    {
        var html = await (await GetAsync(TeaLotGs1)).Content.ReadAsStringAsync();
        Assert.Contains("Chè Đinh Tân Cương", html);
        Assert.Contains("VN-TNTC-0012", html);
        Assert.Contains("Mã lô đã xác thực", html);
        Assert.Contains("href=\"/nhan/", html); // a link to buy it (counted, then the product: BuyTapHttpTests)
    }

    [Theory]
    [InlineData("/t/KH4N2P8R/3ABCDEFGH")]             // made-up signature
    [InlineData("/t/ZZZZZZZZ")]                       // unknown lot
    [InlineData("/t/KH4N2P8R/999999999999999999999")] // nonsense
    [InlineData("/01/02000000000016/10/TC-2611-01")]  // GTIN with a wrong check digit
    [InlineData("/01/02000000000015/10/NO-SUCH-LOT")]
    public async Task Unknown_or_forged_codes_get_a_clear_404_page_not_an_error(string path)
    {
        var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Không xác thực được mã này", html);
        Assert.Contains("data-testid=\"trace-unverified\"", html);
    }

    [Fact]
    public async Task A_serial_altered_by_one_character_is_not_verified()
    {
        var serial = await SerialAsync("KH4N2P8R", 4);
        var altered = serial[..^1] + (serial[^1] == 'Q' ? 'R' : 'Q');
        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"{FishSauceLot}/{serial}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"{FishSauceLot}/{altered}")).StatusCode);
        // Unit 21 carries a genuine signature, but only 20 were issued.
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"{FishSauceLot}/{await SerialAsync("KH4N2P8R", 21)}")).StatusCode);
    }

    /// <summary>"Try the demo labels" in the README works on a Development start: each address opens, the forged one is a 404.</summary>
    [Fact]
    public async Task Every_demo_address_in_the_readme_opens_except_the_forged_one()
    {
        var addresses = RepositoryFiles.ReadmeDemoAddresses().Distinct().ToList();
        Assert.Equal(5, addresses.Count); // two lots, two units, one forged unit (the curl line repeats a unit)
        foreach (var (path, forged) in addresses)
            Assert.Equal(forged ? HttpStatusCode.NotFound : HttpStatusCode.OK, (await GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task The_same_address_answers_json_for_machines_without_counting_a_scan()
    {
        var path = $"{FishSauceLot}/{await SerialAsync("KH4N2P8R", 7)}";
        var response = await GetAsync(path, "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("Nước mắm", text); // not \u escapes
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.True(root.GetProperty("verified").GetBoolean());
        Assert.Equal("KH40-2610", root.GetProperty("lot").GetProperty("code").GetString());
        Assert.Equal(5, root.GetProperty("events").GetArrayLength());
        Assert.Equal("Inspection", root.GetProperty("events")[2].GetProperty("kind").GetString());
        Assert.Equal("Lapsed", root.GetProperty("certificate").GetProperty("status").GetString());
        Assert.Equal(0, root.GetProperty("unit").GetProperty("scanCount").GetInt64());

        var missing = await GetAsync("/t/ZZZZZZZZ", "application/json");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.False(JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task The_same_address_answers_a_gs1_linkset()
    {
        var response = await GetAsync(TeaLotGs1, "application/linkset+json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/linkset+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var set = json.RootElement.GetProperty("linkset")[0];
        Assert.Equal("http://localhost" + TeaLotGs1, set.GetProperty("anchor").GetString());
        Assert.Equal("http://localhost/san-pham/che-dinh-tan-cuong", set.GetProperty("https://gs1.org/voc/pip")[0].GetProperty("href").GetString());
        Assert.Equal("http://localhost" + TeaLotGs1, set.GetProperty("https://gs1.org/voc/traceability")[0].GetProperty("href").GetString());
        Assert.True(set.TryGetProperty("https://gs1.org/voc/certificationInfo", out _));

        // The HTML page points machines at it.
        var page = await GetAsync(TeaLotGs1);
        Assert.Contains("rel=\"linkset\"", page.Headers.GetValues("Link").Single());
    }

    [Fact]
    public async Task With_a_configured_public_url_the_data_names_it_whatever_host_was_asked()
    {
        using var behindProxy = factory.WithWebHostBuilder(b => b.UseSetting("Site:PublicUrl", "https://ocopmarket.example/"));
        using var request = new HttpRequestMessage(HttpMethod.Get, FishSauceLot);
        request.Headers.Accept.ParseAdd("application/json");
        var json = JsonDocument.Parse(await (await behindProxy.CreateClient().SendAsync(request)).Content.ReadAsStringAsync());
        Assert.Equal("https://ocopmarket.example" + FishSauceLot, json.RootElement.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Reloading_in_the_same_browser_or_a_chat_link_preview_does_not_count_as_another_scan()
    {
        var path = $"{FishSauceLot}/{await SerialAsync("KH4N2P8R", 12)}";
        static async Task<string> CountAsync(HttpClient client, string path, string? agent = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (agent is not null) request.Headers.UserAgent.ParseAdd(agent);
            var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
            return System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"trace-scan-count\">(\\d+)<").Groups[1].Value;
        }

        var buyer = factory.CreateClient(new() { HandleCookies = true });
        Assert.Equal("1", await CountAsync(buyer, path));
        Assert.Equal("1", await CountAsync(buyer, path)); // the same browser again
        Assert.Equal("1", await CountAsync(factory.CreateClient(), path, "facebookexternalhit/1.1"));
        Assert.Equal("1", await CountAsync(factory.CreateClient(), path, "Mozilla/5.0 (compatible; Zalo)"));
        Assert.Equal("2", await CountAsync(factory.CreateClient(new() { HandleCookies = true }), path)); // someone else
    }

    [Fact]
    public async Task The_cookie_remembering_counted_units_lasts_thirty_days_from_the_apps_clock()
    {
        var response = await GetAsync($"{FishSauceLot}/{await SerialAsync("KH4N2P8R", 11)}", "text/html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Microsoft.Net.Http.Headers.SetCookieHeaderValue.Parse(
            response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ocop_scans=", StringComparison.Ordinal)));
        Assert.Equal(factory.Clock.GetUtcNow().AddDays(30), cookie.Expires);
    }
}
