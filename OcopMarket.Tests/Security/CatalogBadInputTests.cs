using System.Net;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Components.Pages.Catalog;

namespace OcopMarket.Tests.Security;

/// <summary>
/// The catalog's search and price filters with over-long and back-to-front values: the page answers, does what
/// it can with them and tells the visitor what it did.
/// </summary>
public sealed class CatalogBadInputTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private HttpClient NewBrowser() => factory.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task A_five_thousand_character_search_is_cut_to_the_limit_and_the_page_says_so()
    {
        var response = await NewBrowser().GetAsync("/san-pham?q=" + Uri.EscapeDataString(BadInputCorpus.LongVietnamese));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await BadInputHttpTests.HtmlAsync(response);
        Assert.Contains("dài quá 200 ký tự", page.QuerySelector("[data-testid=search-cut]")!.TextContent);
        // What the page searched for (kept in the filter form) is the first 200 characters, not the 5,000.
        var kept = page.QuerySelector("form input[name=q][type=hidden]")!.GetAttribute("value")!;
        Assert.Equal(BadInputCorpus.LongVietnamese[..CatalogUrl.MaxSearchLength].TrimEnd(), kept);
    }

    [Fact]
    public async Task A_search_of_exactly_the_limit_is_used_whole_without_a_notice()
    {
        var search = BadInputCorpus.LongVietnamese[..CatalogUrl.MaxSearchLength];
        var page = await BadInputHttpTests.HtmlAsync(await NewBrowser().GetAsync("/san-pham?q=" + Uri.EscapeDataString(search)));
        Assert.Null(page.QuerySelector("[data-testid=search-cut]"));
    }

    [Fact]
    public void A_search_cut_in_the_middle_of_an_emoji_drops_the_half_so_it_can_be_linked_again()
    {
        var search = new string('a', CatalogUrl.MaxSearchLength - 1) + "🍵🍵";
        var parsed = CatalogUrl.Parse(new Dictionary<string, string?> { ["q"] = search });
        Assert.Equal(new string('a', CatalogUrl.MaxSearchLength - 1), parsed.Search);
        Assert.StartsWith("/san-pham?q=", CatalogUrl.For(parsed));
    }

    [Fact]
    public async Task The_rendered_search_box_carries_its_maxlength()
    {
        var page = await BadInputHttpTests.HtmlAsync(await NewBrowser().GetAsync("/"));
        Assert.Equal("200", page.QuerySelector("#site-search")!.GetAttribute("maxlength"));
        Assert.Equal("200", page.QuerySelector("#hero-search")!.GetAttribute("maxlength"));
    }

    [Fact]
    public async Task A_price_range_typed_the_wrong_way_round_is_swapped_and_the_page_says_so()
    {
        var reversed = await BadInputHttpTests.HtmlAsync(await NewBrowser().GetAsync("/san-pham?min=500000&max=50000"));
        var straight = await BadInputHttpTests.HtmlAsync(await NewBrowser().GetAsync("/san-pham?min=50000&max=500000"));
        Assert.Contains("đã được đổi chỗ", reversed.QuerySelector("[data-testid=price-range-swapped]")!.TextContent);
        Assert.Null(straight.QuerySelector("[data-testid=price-range-swapped]"));
        var count = straight.QuerySelector("[data-testid=result-count]")!.TextContent.Trim();
        Assert.NotEqual("0 sản phẩm", count);
        Assert.Equal(count, reversed.QuerySelector("[data-testid=result-count]")!.TextContent.Trim());
        Assert.Equal("50000", reversed.QuerySelector("#f-min")!.GetAttribute("value"));
        Assert.Equal("500000", reversed.QuerySelector("#f-max")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_swap_notice_is_in_english_for_an_english_visitor()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var page = await BadInputHttpTests.HtmlAsync(await client.GetAsync("/en/san-pham?min=500000&max=50000&q=" + Uri.EscapeDataString(BadInputCorpus.LongVietnamese[..300])));
        Assert.Contains("so the two were swapped", page.QuerySelector("[data-testid=price-range-swapped]")!.TextContent);
        Assert.Contains("only its first 200 are used", page.QuerySelector("[data-testid=search-cut]")!.TextContent);
    }
}

/// <summary>
/// The same long search through a real Kestrel, whose request-line limit the in-memory test host does not enforce:
/// a 5,000-character Vietnamese search (~17 KB encoded) reaches the app, which cuts it and says so; a URL past the
/// raised limit still gets Kestrel's 414.
/// </summary>
public sealed class LongSearchKestrelTests : IDisposable
{
    private readonly OcopKestrelFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_pasted_five_thousand_character_search_reaches_the_apps_own_page()
    {
        using var client = new HttpClient { BaseAddress = _app.RootUri };
        var url = "/san-pham?q=" + Uri.EscapeDataString(BadInputCorpus.LongVietnamese);
        Assert.InRange(url.Length, 8 * 1024, 24 * 1024); // past Kestrel's default, within the app's limit
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await BadInputHttpTests.HtmlAsync(response)).QuerySelector("[data-testid=search-cut]"));
    }

    [Fact]
    public async Task A_url_past_the_raised_limit_is_refused_by_kestrel_not_the_app()
    {
        using var client = new HttpClient { BaseAddress = _app.RootUri };
        var response = await client.GetAsync("/san-pham?q=" + new string('a', 30 * 1024));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
    }
}
