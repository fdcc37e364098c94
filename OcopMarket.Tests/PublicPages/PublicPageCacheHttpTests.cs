using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Seeding;
using OcopMarket.Core.Traceability;
using OcopMarket.Tests.Accounts;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.PublicPages;

/// <summary>
/// The pages anonymous visitors see, as caches see them: the same bytes for everyone, cacheable by browsers and CDNs,
/// answered from the app's output cache, and fresh on the next request after a write that changes them.
/// </summary>
public sealed class PublicPageCacheHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private const string Tea = "che-dinh-tan-cuong";               // drinks, Thái Nguyên
    private const string FishSauce = "nuoc-mam-nam-o-huong-lang-co"; // food, another producer: its page shows no tea
    private const string DemoLotCode = "KH4N2P8R";

    private HttpClient Anonymous() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

    private static async Task<IHtmlDocument> HtmlAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    private async Task<T> WithDbAsync<T>(Func<OcopDbContext, Task<T>> work)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        return await work(db);
    }

    private Task<string> ProducerSlugOfAsync(string productSlug) =>
        WithDbAsync(db => db.Products.Where(p => p.Slug == productSlug).Select(p => p.Producer.Slug).SingleAsync());

    /// <summary>Whether the output cache answered (it adds Age to what it replays).</summary>
    private static bool FromCache(HttpResponseMessage response) => response.Headers.Age is not null;

    private async Task<HttpResponseMessage> GetTwiceAsync(string url)
    {
        await Anonymous().GetAsync(url);
        return await Anonymous().GetAsync(url);
    }

    [Fact]
    public async Task Every_public_page_is_the_same_bytes_for_every_anonymous_visitor_and_cacheable()
    {
        string[] urls =
        [
            "/", "/san-pham", "/san-pham?group=drinks&stars=4", "/san-pham?province=thai-nguyen", "/san-pham?q=nuoc+mam",
            "/san-pham/" + Tea, "/nha-san-xuat/" + await ProducerSlugOfAsync(Tea), "/t/" + DemoLotCode,
            "/en/", "/en/san-pham?q=tra", "/en/san-pham/" + Tea, "/en/t/" + DemoLotCode,
            "/chuong-trinh", "/en/chuong-trinh?sort=name&dir=asc", "/chuong-trinh/so-lieu.csv",
        ];
        foreach (var url in urls)
        {
            var first = await Anonymous().GetAsync(url);
            Assert.True(first.StatusCode == HttpStatusCode.OK, url);
            Assert.False(first.Headers.Contains("Set-Cookie"), $"{url} sets a cookie");
            Assert.Equal("public, max-age=60", first.Headers.CacheControl?.ToString());
            var etag = first.Headers.ETag;
            Assert.True(etag is { IsWeak: true }, $"{url} has a weak ETag");
            Assert.DoesNotContain("Cookie", first.Headers.Vary);
            var body = await first.Content.ReadAsByteArrayAsync();

            var second = await Anonymous().GetAsync(url);
            Assert.True(FromCache(second), $"{url} was rendered again instead of served from the output cache");
            Assert.Equal(body, await second.Content.ReadAsByteArrayAsync());
            Assert.Equal(etag, second.Headers.ETag);

            using var revalidate = new HttpRequestMessage(HttpMethod.Get, url);
            revalidate.Headers.IfNoneMatch.Add(etag!);
            var notModified = await Anonymous().SendAsync(revalidate);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task A_lot_page_is_cached_per_representation_and_says_it_varies_by_accept()
    {
        using var json = new HttpRequestMessage(HttpMethod.Get, "/t/" + DemoLotCode);
        json.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var data = await Anonymous().SendAsync(json);
        var page = await Anonymous().GetAsync("/t/" + DemoLotCode);

        Assert.Equal("application/json", data.Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", data.Headers.Vary);
        Assert.Contains("Accept", page.Headers.Vary);
        Assert.NotEqual(data.Headers.ETag, page.Headers.ETag);
    }

    /// <summary>Neither a browser's shared cache nor a CDN may keep it: private (a cart), or no-store (a signed-in page carries a sign-out token).</summary>
    private static void AssertForOneVisitor(HttpResponseMessage response)
    {
        var cacheControl = response.Headers.CacheControl!;
        Assert.False(cacheControl.Public);
        Assert.True(cacheControl.Private || cacheControl.NoStore, cacheControl.ToString());
        Assert.True(cacheControl.NoCache, cacheControl.ToString());
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task A_signed_in_visitor_and_one_with_a_cart_get_pages_rendered_for_them_marked_private()
    {
        var url = "/san-pham/" + Tea;
        await GetTwiceAsync(url); // cached for anonymous visitors

        var member = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await AccountHttpTests.SignInAsync(member, "haodat@ocopmarket.test", AccountSeeder.DemoPassword)).StatusCode);
        var signedIn = await member.GetAsync(url);
        Assert.False(FromCache(signedIn));
        AssertForOneVisitor(signedIn);
        Assert.NotNull((await HtmlAsync(signedIn)).QuerySelector("[data-testid=sign-out]"));

        var shopper = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await WithDbAsync(async db => { (await db.Products.SingleAsync(p => p.Slug == Tea)).SetStock(20); return await db.SaveChangesAsync(); });
        await StorefrontForms.AddToCartAsync(shopper, Tea, 1);
        var withCart = await shopper.GetAsync(url);
        Assert.False(FromCache(withCart));
        AssertForOneVisitor(withCart);
        Assert.Equal("Giỏ hàng (1)", (await HtmlAsync(withCart)).QuerySelector("[data-testid=cart-link]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_price_change_is_on_the_next_request_and_leaves_pages_that_do_not_show_it_cached()
    {
        var teaPage = "/san-pham/" + Tea;
        var listing = "/san-pham?q=che+dinh";
        var otherPage = "/san-pham/" + FishSauce;
        foreach (var url in new[] { teaPage, listing, otherPage }) Assert.True(FromCache(await GetTwiceAsync(url)), url);

        var price = await WithDbAsync(async db =>
        {
            var tea = await db.Products.SingleAsync(p => p.Slug == Tea);
            tea.SetPrice(tea.PriceVnd + 1_000);
            await db.SaveChangesAsync();
            return tea.PriceVnd;
        });

        var shown = OcopMarket.Web.Localization.Labels.Price(price);
        var fresh = await Anonymous().GetAsync(teaPage);
        Assert.False(FromCache(fresh));
        Assert.Equal(shown, (await HtmlAsync(fresh)).QuerySelector("[data-testid=price] strong")!.TextContent);
        var freshListing = await Anonymous().GetAsync(listing);
        Assert.False(FromCache(freshListing));
        Assert.Contains(shown, (await HtmlAsync(freshListing)).QuerySelector("[data-testid=product-card]")!.TextContent);
        Assert.True(FromCache(await Anonymous().GetAsync(otherPage)), "a product page that shows no tea keeps its cached copy");
    }

    [Fact]
    public async Task Stock_sold_by_a_checkout_shows_on_the_products_page_at_once()
    {
        var page = "/san-pham/" + FishSauce;
        await WithDbAsync(async db => { (await db.Products.SingleAsync(p => p.Slug == FishSauce)).SetStock(30); return await db.SaveChangesAsync(); });
        Assert.Equal("Còn 30 sản phẩm", (await HtmlAsync(await GetTwiceAsync(page))).QuerySelector(".stock")!.TextContent.Trim());

        var buyer = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await StorefrontForms.AddToCartAsync(buyer, FishSauce, 3);
        var fields = await StorefrontForms.CheckoutFieldsAsync(buyer);
        fields["Input.Name"] = "Nguyễn Thị Mai";
        fields["Input.Phone"] = "0912" + Random.Shared.Next(100000, 999999);
        fields["Input.CommuneCode"] = "05503";
        fields["Input.Street"] = "Số 5 đường Tân Cương";
        fields["Input.Payment"] = "CashOnDelivery";
        fields["Input.Step"] = "place";
        var placed = await StorefrontForms.PlaceAsync(buyer, fields);
        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);

        var after = await Anonymous().GetAsync(page);
        Assert.False(FromCache(after));
        Assert.Equal("Còn 27 sản phẩm", (await HtmlAsync(after)).QuerySelector(".stock")!.TextContent.Trim());
    }

    [Fact]
    public async Task Unpublishing_a_product_takes_its_page_away_at_once()
    {
        var id = await WithDbAsync(async db =>
        {
            var product = await db.Products.Where(p => p.IsPublished && p.Slug != Tea && p.Slug != FishSauce).OrderByDescending(p => p.Id).FirstAsync();
            return product.Id;
        });
        var slug = await WithDbAsync(db => db.Products.Where(p => p.Id == id).Select(p => p.Slug).SingleAsync());
        Assert.True(FromCache(await GetTwiceAsync("/san-pham/" + slug)));

        await WithDbAsync(async db => { (await db.Products.SingleAsync(p => p.Id == id)).Unpublish(); return await db.SaveChangesAsync(); });

        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous().GetAsync("/san-pham/" + slug)).StatusCode);
    }

    [Fact]
    public async Task A_producers_story_and_a_lots_notes_show_at_once_on_the_pages_that_show_them()
    {
        var producerSlug = await ProducerSlugOfAsync(Tea);
        var producerPage = "/nha-san-xuat/" + producerSlug;
        var lotPage = "/t/" + DemoLotCode;
        await GetTwiceAsync(producerPage);
        await GetTwiceAsync(lotPage);
        var story = $"Chè hái tay buổi sớm, sao trong chảo gang ({Guid.NewGuid():N}).";
        var notes = $"Ủ chượp 14 tháng trong thùng gỗ bời lời ({Guid.NewGuid():N}).";

        await WithDbAsync(async db =>
        {
            var producer = await db.Producers.SingleAsync(p => p.Slug == producerSlug);
            producer.UpdateProfile(producer.Phone, story, producer.CraftVillage);
            var lot = await db.Lots.SingleAsync(l => l.PublicCode == DemoLotCode);
            lot.Update(lot.ProductionDate, lot.BestBefore, lot.Quantity, lot.GrowingAreaCode, notes, DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });

        Assert.Contains(story, await (await Anonymous().GetAsync(producerPage)).Content.ReadAsStringAsync());
        Assert.Contains(notes, await (await Anonymous().GetAsync(lotPage)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_units_trace_page_counts_every_scan_live_and_is_never_cached()
    {
        var serial = (await factory.Services.GetRequiredService<SerialKeyStore>().SignerAsync()).Serial(DemoLotCode, 7);
        var url = $"/t/{DemoLotCode}/{serial}";
        var counts = new List<string>();
        for (var scan = 0; scan < 3; scan++)
        {
            // Three phones (no cookie: each scan is a first look), each from its own address.
            var phone = Anonymous();
            phone.DefaultRequestHeaders.Remove(OcopWebFactory.ClientIpHeader);
            phone.DefaultRequestHeaders.Add(OcopWebFactory.ClientIpHeader, OcopWebFactory.NewClientIp());
            var response = await phone.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(FromCache(response));
            Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
            Assert.Null(response.Headers.ETag);
            counts.Add((await HtmlAsync(response)).QuerySelector("[data-testid=trace-scan-count]")!.TextContent);
        }
        Assert.Equal(3, counts.Distinct().Count());
    }

    [Fact]
    public async Task Each_language_has_its_own_url_and_a_cached_page_is_never_served_in_the_other()
    {
        var url = "/san-pham/" + Tea;
        var english = await Anonymous().GetAsync("/en" + url);
        var englishPage = await HtmlAsync(english);
        Assert.Equal("en", englishPage.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Add to cart", englishPage.QuerySelector("[data-testid=add-to-cart] button")!.TextContent);
        Assert.Equal("/en/gio-hang/them", englishPage.QuerySelector("[data-testid=add-to-cart]")!.GetAttribute("action"));

        // A visitor who chose English (the cookie) still gets the Vietnamese page at the Vietnamese URL: a CDN that
        // ignores cookies serves the same bytes to everyone at that URL.
        var chose = factory.CreateClient(new() { AllowAutoRedirect = false });
        chose.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        var vietnamese = await HtmlAsync(await chose.GetAsync(url));
        Assert.Equal("vi", vietnamese.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Thêm vào giỏ", vietnamese.QuerySelector("[data-testid=add-to-cart] button")!.TextContent);

        foreach (var page in new[] { englishPage, vietnamese })
        {
            Assert.Equal("http://localhost/san-pham/" + Tea, page.QuerySelector("link[hreflang=vi]")!.GetAttribute("href"));
            Assert.Equal("http://localhost/en/san-pham/" + Tea, page.QuerySelector("link[hreflang=en]")!.GetAttribute("href"));
            Assert.Equal("http://localhost/san-pham/" + Tea, page.QuerySelector("link[hreflang=x-default]")!.GetAttribute("href"));
        }
        Assert.Equal("http://localhost/en/san-pham/" + Tea, englishPage.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("http://localhost/san-pham/" + Tea, vietnamese.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        // Links on the English page stay in English.
        Assert.All(englishPage.QuerySelectorAll("[data-testid=product-card] a"), a => Assert.StartsWith("/en/san-pham/", a.GetAttribute("href")));
    }

    [Fact]
    public async Task An_english_visitor_adds_to_the_cart_and_lands_on_the_english_cart()
    {
        await WithDbAsync(async db => { (await db.Products.SingleAsync(p => p.Slug == Tea)).SetStock(40); return await db.SaveChangesAsync(); });
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var form = (await HtmlAsync(await client.GetAsync("/en/san-pham/" + Tea))).QuerySelector("[data-testid=add-to-cart]")!;
        var added = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(
            form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "")));
        Assert.StartsWith("/en/gio-hang?added=", added.Headers.Location!.OriginalString);
        var cart = await HtmlAsync(await client.GetAsync(added.Headers.Location!.OriginalString));
        Assert.Equal("en", cart.DocumentElement.GetAttribute("lang"));
        Assert.Equal("/en/dat-hang", cart.QuerySelector("[data-testid=go-checkout]")!.GetAttribute("href"));
    }
}

/// <summary>The output cache switched off (PublicCache:Enabled=false): every request renders; the HTTP caching headers stay.</summary>
public sealed class PublicPageCacheOffHttpTests : IDisposable
{
    private readonly OcopWebFactory _app = new();

    public PublicPageCacheOffHttpTests() => _app.Settings["PublicCache:Enabled"] = "false";

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_price_change_shows_on_the_next_listing_though_its_cards_are_written_out_once()
    {
        var client = _app.CreateClient(new() { HandleCookies = false });
        async Task<string> TeaPriceAsync() => (await StorefrontForms.HtmlAsync(await client.GetAsync("/san-pham?q=che+dinh+tan+cuong")))
            .QuerySelectorAll("[data-testid=product-card]").Single(c => c.QuerySelector("a")!.GetAttribute("href") == "/san-pham/che-dinh-tan-cuong")
            .QuerySelector(".card-price strong")!.TextContent;
        var before = await TeaPriceAsync();
        Assert.Equal(before, await TeaPriceAsync());
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync())
        {
            (await db.Products.SingleAsync(p => p.Slug == "che-dinh-tan-cuong")).SetPrice(123_000);
            await db.SaveChangesAsync();
        }
        Assert.NotEqual(before, await TeaPriceAsync());
        Assert.Equal("123.000\u00A0₫", await TeaPriceAsync());
    }

    [Fact]
    public async Task Every_request_renders_afresh()
    {
        var client = _app.CreateClient(new() { HandleCookies = false });
        for (var i = 0; i < 3; i++)
        {
            var response = await client.GetAsync("/san-pham/che-dinh-tan-cuong");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(response.Headers.Age);
            Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
        }
    }
}
