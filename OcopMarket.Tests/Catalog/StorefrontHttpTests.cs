using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Catalog;

/// <summary>The public pages as a browser or a crawler gets them: status codes, headers and HTML.</summary>
public sealed class StorefrontHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

    private async Task<(HttpResponseMessage Response, IHtmlDocument Html, string Raw)> GetPageAsync(string url, HttpClient? client = null)
    {
        var response = await (client ?? _client).GetAsync(url);
        var raw = await response.Content.ReadAsStringAsync();
        return (response, new HtmlParser().ParseDocument(raw), raw);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/san-pham")]
    [InlineData("/san-pham?q=nuoc+mam")]
    [InlineData("/san-pham/che-dinh-tan-cuong")]
    [InlineData("/nha-san-xuat/hop-tac-xa-van-huong")]
    public async Task Public_pages_answer_200_as_utf8_html(string url)
    {
        var (response, html, _) = await GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.False(string.IsNullOrWhiteSpace(html.Title));
        Assert.NotNull(html.QuerySelector("meta[name=description]")?.GetAttribute("content"));
    }

    [Fact]
    public async Task Vietnamese_is_sent_as_text_not_as_html_entities()
    {
        var (_, _, raw) = await GetPageAsync("/san-pham/che-dinh-tan-cuong");
        Assert.Contains("Chè Đinh Tân Cương", raw);
        // The encoder may still escape a no-break space (&#xA0;), but never a letter.
        var escapedLetters = System.Text.RegularExpressions.Regex.Matches(raw, "&#x([0-9A-Fa-f]+);")
            .Select(m => (char)Convert.ToInt32(m.Groups[1].Value, 16))
            .Where(char.IsLetter)
            .ToList();
        Assert.Empty(escapedLetters);
    }

    [Fact]
    public async Task Product_page_shows_price_certificate_producer_and_source()
    {
        var (_, html, _) = await GetPageAsync("/san-pham/nuoc-mam-phu-quoc-khai-hoan-40-do-dam");
        Assert.Equal("Nước mắm Phú Quốc Khải Hoàn 40 độ đạm", html.QuerySelector("h1")!.TextContent.Trim());
        Assert.Matches(@"^\d{1,3}(\.\d{3})+\u00A0₫$", html.QuerySelector("[data-testid=price] strong")!.TextContent.Trim());
        var certificate = html.QuerySelector("[data-testid=certificate]")!.TextContent;
        Assert.Contains("Trung ương", certificate);
        Assert.Contains("hết hiệu lực", certificate); // year-only 2023 decision: lapsed by 28/11/2026
        Assert.Contains("Công ty Cổ phần thương mại Khải Hoàn", html.QuerySelector(".producer-card")!.TextContent);
        var source = html.QuerySelector(".source a") as IHtmlAnchorElement;
        Assert.StartsWith("http", source!.Href);
        Assert.Contains("nofollow", source.Relation);
        Assert.Equal(2, html.QuerySelectorAll("#more-producer ~ .product-grid [data-testid=product-card]").Length);
    }

    [Fact]
    public async Task Product_page_has_canonical_open_graph_and_product_json_ld()
    {
        var (_, html, _) = await GetPageAsync("/san-pham/che-dinh-tan-cuong");
        var canonical = html.QuerySelector("link[rel=canonical]")!.GetAttribute("href");
        Assert.EndsWith("/san-pham/che-dinh-tan-cuong", canonical);
        Assert.True(Uri.IsWellFormedUriString(canonical, UriKind.Absolute));
        Assert.Equal("Chè Đinh Tân Cương", html.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.Equal(canonical, html.QuerySelector("meta[property='og:url']")!.GetAttribute("content"));
        Assert.NotNull(html.QuerySelector("meta[property='og:image']"));

        var ld = JsonDocument.Parse(html.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal("Product", ld.GetProperty("@type").GetString());
        Assert.Equal("Chè Đinh Tân Cương", ld.GetProperty("name").GetString());
        Assert.Equal("VND", ld.GetProperty("offers").GetProperty("priceCurrency").GetString());
        long price;
        await using (var scope = factory.Services.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync())
            price = await db.Products.Where(p => p.Slug == "che-dinh-tan-cuong").Select(p => p.PriceVnd).SingleAsync();
        Assert.Equal(price, ld.GetProperty("offers").GetProperty("price").GetInt64()); // the price the page sells at
        Assert.Equal("Hợp tác xã chè Hảo Đạt", ld.GetProperty("brand").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("/san-pham/khong-co-san-pham-nay")]
    [InlineData("/nha-san-xuat/khong-co-ai")]
    [InlineData("/mot-trang-khong-ton-tai")]
    public async Task Unknown_pages_are_real_404s_with_a_helpful_page(string url)
    {
        var (response, html, _) = await GetPageAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Không tìm thấy trang", html.QuerySelector("h1")!.TextContent);
        Assert.NotNull(html.QuerySelector("a[href='/san-pham']"));
    }

    [Fact]
    public async Task Catalog_filters_come_from_the_query_string()
    {
        var (_, html, _) = await GetPageAsync("/san-pham?group=handicraft&sort=price-asc");
        Assert.Equal("27 sản phẩm", html.QuerySelector("[data-testid=result-count]")!.TextContent.Trim());
        var prices = html.QuerySelectorAll("[data-testid=product-card] .card-price strong")
            .Select(e => long.Parse(e.TextContent.Replace(".", "").Replace("\u00A0₫", ""), System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(24, prices.Count);
        Assert.Equal(prices.Order(), prices);
        // The form reflects the state, so the next change keeps it.
        Assert.NotNull(html.QuerySelector("#f-group option[value=handicraft][selected]"));
        Assert.NotNull(html.QuerySelector("#f-sort option[value=price-asc][selected]"));
        // Paging links keep the filters.
        var next = html.QuerySelector(".pager a[rel=next]")!.GetAttribute("href");
        Assert.Equal("/san-pham?group=handicraft&sort=price-asc&page=2", next);
    }

    [Fact]
    public async Task Search_without_diacritics_finds_vietnamese_names()
    {
        var (_, html, _) = await GetPageAsync("/san-pham?q=nuoc+mam");
        var first = html.QuerySelector("[data-testid=product-card] .card-title")!.TextContent;
        Assert.StartsWith("Nước mắm", first);
        Assert.Equal("nuoc mam", (html.QuerySelector("#site-search") as IHtmlInputElement)!.Value);
    }

    [Fact]
    public async Task An_empty_result_says_so_and_offers_to_clear_filters()
    {
        var (response, html, _) = await GetPageAsync("/san-pham?group=ornamental&stars=5");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var empty = html.QuerySelector("[data-testid=empty-result]");
        Assert.NotNull(empty);
        Assert.NotNull(empty.QuerySelector("a[href='/san-pham']"));
        Assert.Equal("noindex, follow", html.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
    }

    [Theory]
    [InlineData("/san-pham?stars=abc&page=-5&min=xyz&group=nope&sort=%3Cscript%3E")]
    [InlineData("/san-pham?q=%22%27%3C%3E&province=..%2F..%2Fetc")]
    [InlineData("/san-pham?page=99999999999999999999")]
    public async Task Nonsense_in_the_query_string_is_ignored_not_an_error(string url)
    {
        var (response, html, _) = await GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(html.QuerySelector("[data-testid=result-count]"));
    }

    [Fact]
    public async Task Sitemap_index_lists_the_pages_file_and_one_product_file_at_the_protocols_size()
    {
        var response = await _client.GetAsync("/sitemap.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        Assert.Equal(ns + "sitemapindex", xml.Root!.Name);
        // 256 products fit in one file of 50,000.
        Assert.Equal(["/sitemap-pages.xml", "/sitemap-products-1.xml"], xml.Descendants(ns + "loc").Select(e => new Uri(e.Value).AbsolutePath));
        var producers = XDocument.Parse(await _client.GetStringAsync("/sitemap-pages.xml")).Descendants(ns + "loc").Select(e => e.Value).ToList();
        Assert.Contains(producers, l => l.EndsWith("/nha-san-xuat/hop-tac-xa-van-huong"));
    }

    [Fact]
    public async Task Robots_txt_points_at_the_sitemap()
    {
        var body = await _client.GetStringAsync("/robots.txt");
        Assert.Contains("User-agent: *", body);
        Assert.Matches(@"Sitemap: http://[^\s]+/sitemap\.xml", body);
    }

    [Fact]
    public async Task English_switch_opens_the_page_at_its_english_url_and_remembers_the_choice_for_pages_without_one()
    {
        // The Vietnamese page's switch points at the same page's English URL.
        var (_, vietnamese, _) = await GetPageAsync("/san-pham?group=food");
        Assert.Equal("/language/en?returnUrl=%2Fen%2Fsan-pham%3Fgroup%3Dfood", vietnamese.QuerySelector("a.lang")!.GetAttribute("href"));

        var switchResponse = await _client.GetAsync("/language/en?returnUrl=%2Fen%2Fsan-pham%3Fgroup%3Dfood");
        Assert.Equal(HttpStatusCode.Redirect, switchResponse.StatusCode);
        Assert.Equal("/en/san-pham?group=food", switchResponse.Headers.Location!.OriginalString);
        var cookie = switchResponse.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Culture"));

        var (_, english, _) = await GetPageAsync("/en/san-pham?group=food");
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Food", english.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("products", english.QuerySelector("[data-testid=result-count]")!.TextContent);
        // And back: the English page's switch points at the Vietnamese URL.
        Assert.Equal("/language/vi-VN?returnUrl=%2Fsan-pham%3Fgroup%3Dfood", english.QuerySelector("a.lang")!.GetAttribute("href"));

        // The cookie is the choice for pages whose URL carries no language (the cart, the account pages).
        var cart = new HttpRequestMessage(HttpMethod.Get, "/gio-hang");
        cart.Headers.Add("Cookie", cookie.Split(';')[0]);
        var cartPage = new HtmlParser().ParseDocument(await (await _client.SendAsync(cart)).Content.ReadAsStringAsync());
        Assert.Equal("en", cartPage.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task Language_switch_never_redirects_off_site(string returnUrl)
    {
        var response = await _client.GetAsync("/language/en?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Brand_and_placeholder_images_are_served()
    {
        foreach (var path in new[] { "/brand/logo.svg", "/images/groups/food.svg", "/images/groups/tourism.svg" })
        {
            var response = await _client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<svg", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Every_product_set_has_its_own_small_placeholder_drawing()
    {
        var drawings = new HashSet<string>();
        foreach (var set in OcopMarket.Core.Reference.ReferenceData.Sets)
        {
            var response = await _client.GetAsync(OcopMarket.Core.Catalog.Domain.ProductPlaceholders.For(set.Code));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
            var svg = await response.Content.ReadAsStringAsync();
            Assert.InRange(svg.Length, 300, 2048); // a phone's first load of a product page stays small
            Assert.Contains("<title>", svg);
            Assert.True(drawings.Add(svg), $"{set.Code} draws the same picture as another set");
        }
        Assert.Equal(26, drawings.Count);
    }

    /// <summary>The page links the drawing by its fingerprinted address (cached for a year: AssetCachingHttpTests).</summary>
    [Fact]
    public async Task A_tea_without_photos_shows_the_tea_drawing_and_says_it_is_an_illustration()
    {
        var html = await _client.GetStringAsync("/san-pham/che-dinh-tan-cuong");
        var src = Assert.Single(System.Text.RegularExpressions.Regex.Matches(html,
            @"<img src=""(/images/sets/i-5a\.[a-z0-9]+\.svg)"" alt=""Hình minh hoạ: Chè""")).Groups[1].Value;
        Assert.DoesNotContain("/images/groups/food", html);
        var drawing = await _client.GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, drawing.StatusCode);
        Assert.Contains("<title>Chè — Tea</title>", await drawing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_language_cookie_lasts_a_year_from_the_apps_clock()
    {
        var response = await _client.GetAsync("/language/en?returnUrl=%2F");
        var cookie = Microsoft.Net.Http.Headers.SetCookieHeaderValue.Parse(
            response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal)));
        Assert.Equal(factory.Clock.GetUtcNow().AddYears(1), cookie.Expires);
    }
}

public sealed class MediaHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    [Theory]
    [InlineData("/media/products/does-not-exist.webp")]
    [InlineData("/media/..%2F..%2Fappsettings.json")]
    [InlineData("/media/%2Fetc%2Fpasswd")]
    [InlineData("/media/products/..%2F..%2F..%2FOcopMarket.Web.dll")]
    public async Task Unknown_or_escaping_media_paths_are_404(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_stored_photo_is_served_with_its_type_and_long_caching()
    {
        var store = new OcopMarket.Core.Media.FileSystemMediaStore(factory.MediaDirectory);
        var path = await store.SaveAsync("products", ".webp", [1, 2, 3]);
        var response = await factory.CreateClient().GetAsync("/media/" + path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
        Assert.Equal(new byte[] { 1, 2, 3 }, await response.Content.ReadAsByteArrayAsync());
    }
}
