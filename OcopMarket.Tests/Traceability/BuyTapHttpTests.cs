using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Traceability;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Traceability;

/// <summary>The trace page's "buy" link counts a tap for its lot, then opens the product.</summary>
public sealed class BuyTapHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private const string DemoLot = "KH4N2P8R";

    private HttpClient Client() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

    [Fact]
    public async Task A_tap_on_buy_is_counted_for_the_lot_and_leads_to_the_product()
    {
        var page = new HtmlParser().ParseDocument(await Client().GetStringAsync($"/t/{DemoLot}"));
        var buy = page.QuerySelector("[data-testid=trace-buy]")!;
        Assert.Equal($"/nhan/{DemoLot}/mua", buy.GetAttribute("href"));
        Assert.Equal("nofollow", buy.GetAttribute("rel"));

        var response = await Client().GetAsync(buy.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/san-pham/", response.Headers.Location!.OriginalString);
        var english = await Client().GetAsync($"/en/nhan/{DemoLot}/mua");
        Assert.StartsWith("/en/san-pham/", english.Headers.Location!.OriginalString);

        await factory.Services.GetRequiredService<ScanCounter>().FlushAsync();
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        var lotId = await db.Lots.Where(l => l.PublicCode == DemoLot).Select(l => l.Id).SingleAsync();
        Assert.Equal(2, await db.LotEngagementDays.Where(e => e.LotId == lotId).SumAsync(e => e.BuyClicks));

        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync("/nhan/ZZZZZZZZ/mua")).StatusCode);
    }
}
