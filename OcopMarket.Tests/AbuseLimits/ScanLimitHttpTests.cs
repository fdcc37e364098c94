using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Traceability;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.AbuseLimits;

/// <summary>One IP may add 30 scans a minute to the labels' counts; past that the page still opens but counts nothing.</summary>
public sealed class ScanLimitHttpTests
{
    private const string FishSauce = "KH4N2P8R"; // a demo lot the Development start-up seeds

    [Theory]
    [InlineData("Memory")]
    [InlineData("Database")] // several nodes: the allowance is counted where all of them see it
    public async Task Scans_past_the_limit_from_one_IP_render_but_are_not_counted(string store)
    {
        await using var app = new AbuseLimitWebFactory { Settings = { ["RateLimits:Store"] = store } };
        var signer = await app.Services.GetRequiredService<SerialKeyStore>().SignerAsync();
        var ip = OcopWebFactory.NewClientIp();

        var unit = signer.Serial(FishSauce, 5);

        // 30 scans of one unit, each from a fresh browser (no cookie saying it was seen there): each is counted.
        for (var n = 1; n <= 30; n++) Assert.Equal(HttpStatusCode.OK, await ScanAsync(app.Browser(ip), unit));
        // The script goes on: its pages still open, with the label's data, but add nothing.
        for (var n = 1; n <= 5; n++)
        {
            using var page = await SendScanAsync(app.Browser(ip), unit);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("KH40-2610", await page.Content.ReadAsStringAsync()); // the lot's code, as on every scan
        }
        // A person elsewhere scanning the same unit is counted as always.
        Assert.Equal(HttpStatusCode.OK, await ScanAsync(app.Browser(OcopWebFactory.NewClientIp()), unit));

        await app.Services.GetRequiredService<ScanCounter>().FlushAsync();
        Assert.Equal(31, await StoredCountAsync(app, 5));
    }

    private static async Task<HttpResponseMessage> SendScanAsync(HttpClient browser, string serial)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/t/{FishSauce}/{serial}");
        request.Headers.Accept.ParseAdd("text/html");
        return await browser.SendAsync(request);
    }

    private static async Task<HttpStatusCode> ScanAsync(HttpClient browser, string serial)
    {
        using var response = await SendScanAsync(browser, serial);
        return response.StatusCode;
    }

    private static async Task<long?> StoredCountAsync(OcopWebFactory app, int serialNumber)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        var lotId = await db.Lots.Where(l => l.PublicCode == FishSauce).Select(l => l.Id).SingleAsync();
        return await db.SerialScans.Where(s => s.LotId == lotId && s.SerialNumber == serialNumber).Select(s => (long?)s.Count).SingleOrDefaultAsync();
    }
}
