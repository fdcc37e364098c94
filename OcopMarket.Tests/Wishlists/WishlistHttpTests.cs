using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Seeding;
using OcopMarket.Core.Wishlists.Domain;
using OcopMarket.Tests.Accounts;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Components.Pages.Wishlists;

namespace OcopMarket.Tests.Wishlists;

/// <summary>The hearts as a browser uses them: form posts from cached pages, a protected cookie, the account at sign-in.</summary>
public sealed class WishlistHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private const string Tea = "che-dinh-tan-cuong";

    private HttpClient Browser(bool follow = false) => factory.CreateClient(new() { AllowAutoRedirect = follow, HandleCookies = true });

    private async Task<int> IdOfAsync(string slug)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        return await db.Products.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync();
    }

    private static async Task<IElement> HeartFormAsync(HttpResponseMessage page) =>
        (await StorefrontForms.HtmlAsync(page)).QuerySelector("[data-testid=product-save] form")!;

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, IElement form, Action<Dictionary<string, string>>? change = null)
    {
        var fields = form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        change?.Invoke(fields);
        return client.PostAsync(form.GetAttribute("action")!, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task A_guest_saves_from_a_cached_page_comes_back_to_it_and_sees_the_heart_filled()
    {
        var client = Browser();
        var page = await client.GetAsync("/san-pham/" + Tea);
        Assert.True(page.Headers.CacheControl!.Public); // the shared page: its heart only offers to save
        var form = await HeartFormAsync(page);
        Assert.Equal("/yeu-thich/them", form.GetAttribute("action"));
        Assert.Equal("false", form.QuerySelector("button")!.GetAttribute("aria-pressed"));

        var saved = await PostAsync(client, form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/san-pham/" + Tea, saved.Headers.Location!.OriginalString);
        Assert.Contains(saved.Headers.GetValues("Set-Cookie"), c => c.StartsWith(WishlistCookie.Name + "=", StringComparison.Ordinal) && c.Contains("httponly"));

        var mine = await client.GetAsync("/san-pham/" + Tea);
        Assert.False(mine.Headers.CacheControl!.Public); // rendered for this visitor now
        var heart = (await HeartFormAsync(mine)).QuerySelector("button")!;
        Assert.Equal("true", heart.GetAttribute("aria-pressed"));
        Assert.Contains("(1)", (await StorefrontForms.HtmlAsync(mine)).QuerySelector("[data-testid=wishlist-link]")!.TextContent);
        var list = await StorefrontForms.HtmlAsync(await client.GetAsync("/yeu-thich"));
        Assert.Contains("Chè", Assert.Single(list.QuerySelectorAll("[data-testid=wishlist-item]")).TextContent);
        Assert.NotNull(list.QuerySelector("[data-testid=wishlist-guest]")); // told to sign in for emails

        // The filled heart takes it off again; the emptied list leaves no cookie, so the pages are the shared ones.
        var removed = await PostAsync(client, await HeartFormAsync(mine));
        Assert.Equal("/san-pham/" + Tea, removed.Headers.Location!.OriginalString);
        Assert.NotNull((await StorefrontForms.HtmlAsync(await client.GetAsync("/yeu-thich"))).QuerySelector("[data-testid=wishlist-empty]"));
        Assert.True((await client.GetAsync("/san-pham/" + Tea)).Headers.CacheControl!.Public);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task A_return_address_off_the_site_is_not_followed(string returnUrl)
    {
        var client = Browser();
        var id = await IdOfAsync(Tea);
        var response = await PostAsync(client, await HeartFormAsync(await client.GetAsync("/san-pham/" + Tea)), f => f["returnUrl"] = returnUrl);
        Assert.Equal("/yeu-thich?saved=" + id.ToString(CultureInfo.InvariantCulture), response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Origin", "https://evil.example")]
    public async Task A_cross_site_save_is_refused_and_nothing_is_saved(string header, string value)
    {
        var client = Browser();
        var id = await IdOfAsync(Tea);
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/yeu-thich/them")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["productId"] = id.ToString(CultureInfo.InvariantCulture) }),
        };
        forged.Headers.TryAddWithoutValidation(header, value);
        var refused = await client.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Set-Cookie"));
        Assert.Contains("Refused: the form was sent from another website.", await refused.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-3")]
    [InlineData("99999999")]
    public async Task A_forged_product_id_is_told_and_saves_nothing(string productId)
    {
        var client = Browser(follow: true);
        var page = await StorefrontForms.HtmlAsync(await client.PostAsync("/yeu-thich/them",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["productId"] = productId, ["returnUrl"] = "/" })));
        Assert.Contains("không còn được bán", page.QuerySelector("[data-testid=wishlist-error]")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-testid=wishlist-empty]"));
    }

    [Fact]
    public async Task A_guests_list_joins_the_account_at_sign_in_follows_it_to_another_device_and_leaves_at_sign_out()
    {
        var phone = Browser();
        await PostAsync(phone, await HeartFormAsync(await phone.GetAsync("/san-pham/" + Tea)));
        Assert.Equal(HttpStatusCode.Redirect, (await AccountHttpTests.SignInAsync(phone, "buyer@ocopmarket.test", AccountSeeder.DemoPassword)).StatusCode);
        var list = await StorefrontForms.HtmlAsync(await phone.GetAsync("/yeu-thich"));
        Assert.Single(list.QuerySelectorAll("[data-testid=wishlist-item]"));
        Assert.Null(list.QuerySelector("[data-testid=wishlist-guest]"));

        // Email alerts, from the list's own form (it carries an antiforgery token: the page is this buyer's).
        var alertsForm = list.QuerySelector("[data-testid=wishlist-alerts]")!.Closest("form")!;
        var on = await PostAsync(phone, alertsForm);
        Assert.Equal("/yeu-thich?alerts=on", on.Headers.Location!.OriginalString);
        Assert.Equal("true", (await StorefrontForms.HtmlAsync(await phone.GetAsync("/yeu-thich"))).QuerySelector("[data-testid=wishlist-alerts]")!.GetAttribute("aria-pressed"));

        var laptop = Browser();
        await AccountHttpTests.SignInAsync(laptop, "buyer@ocopmarket.test", AccountSeeder.DemoPassword);
        Assert.Single((await StorefrontForms.HtmlAsync(await laptop.GetAsync("/yeu-thich"))).QuerySelectorAll("[data-testid=wishlist-item]"));

        var signOut = (await StorefrontForms.HtmlAsync(await laptop.GetAsync("/"))).QuerySelector("[data-testid=sign-out]")!.Closest("form")!;
        await PostAsync(laptop, signOut);
        Assert.NotNull((await StorefrontForms.HtmlAsync(await laptop.GetAsync("/yeu-thich"))).QuerySelector("[data-testid=wishlist-empty]"));

        // Tidy the shared demo account for the other tests.
        var remove = (await StorefrontForms.HtmlAsync(await phone.GetAsync("/yeu-thich"))).QuerySelector("[data-testid=wishlist-remove]")!.Closest("form")!;
        await PostAsync(phone, remove);
    }

    [Fact]
    public async Task The_stop_link_works_without_signing_in_only_when_it_is_genuine_and_only_by_its_button()
    {
        var links = factory.Services.GetRequiredService<WishlistLinks>();
        var wishlists = factory.Services.GetRequiredService<OcopMarket.Core.Wishlists.WishlistService>();
        string userId;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync())
            userId = await db.Users.Where(u => u.Email == "vanhuong@ocopmarket.test").Select(u => u.Id).SingleAsync();
        var sauce = await IdOfAsync("nuoc-mam-nam-o-huong-lang-co");
        var saved = new Wishlist();
        saved.Add(sauce, 100_000, factory.Clock.GetUtcNow().UtcDateTime);
        await wishlists.SaveAsync(userId, saved);
        await wishlists.SetAlertsAsync(userId, sauce, true);
        var link = new Uri(links.StopAlerts(userId));
        Assert.StartsWith("http://localhost/yeu-thich/tat-thong-bao?t=", link.AbsoluteUri); // Site:PublicUrl, not the request
        var client = Browser();

        var page = await StorefrontForms.HtmlAsync(await client.GetAsync(link.PathAndQuery));
        Assert.NotNull(page.QuerySelector("[data-testid=stop-alerts]")); // opening the link changes nothing by itself
        var tampered = await StorefrontForms.HtmlAsync(await client.GetAsync(link.PathAndQuery[..^3] + "AAA"));
        Assert.Contains("không hợp lệ", tampered.QuerySelector("[data-testid=alerts-link-invalid]")!.TextContent);

        // Sixty days on (the app's clock, as every time rule), the same link no longer works.
        var later = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(factory.Clock.GetUtcNow() + WishlistLinks.StopLinkLifetime + TimeSpan.FromMinutes(1));
        var expired = new WishlistLinks(factory.Services.GetRequiredService<OcopMarket.Web.Startup.PublicAddress>(),
            factory.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(), later);
        Assert.Null(expired.UserOf(Uri.UnescapeDataString(link.Query[3..])));
        Assert.Equal(userId, links.UserOf(Uri.UnescapeDataString(link.Query[3..])));
        Assert.True((await wishlists.RowsAsync(saved, userId)).Single().Alerts); // still on: nothing was pressed

        var stopped = await StorefrontForms.HtmlAsync(await AccountHttpTests.PostFormAsync(client, link.PathAndQuery, "stop-alerts", []));
        Assert.NotNull(stopped.QuerySelector("[data-testid=alerts-stopped]"));
        Assert.False((await wishlists.RowsAsync(saved, userId)).Single().Alerts);
        Assert.Single((await wishlists.SavedAsync(userId)).Entries); // the list itself is kept
        await wishlists.SaveAsync(userId, new Wishlist());
    }

    [Fact]
    public async Task A_script_saving_in_a_loop_is_stopped()
    {
        var client = Browser();
        var id = (await IdOfAsync(Tea)).ToString(CultureInfo.InvariantCulture);
        HttpResponseMessage? last = null;
        for (var i = 0; i < 61; i++)
            last = await client.PostAsync("/yeu-thich/them", new FormUrlEncodedContent(new Dictionary<string, string> { ["productId"] = id }));
        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.NotNull(last.Headers.RetryAfter);
    }

    [Fact]
    public async Task The_english_list_speaks_english()
    {
        var page = await StorefrontForms.HtmlAsync(await Browser().GetAsync("/en/yeu-thich"));
        Assert.Equal("Saved products", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("You have not saved anything yet", page.QuerySelector("[data-testid=wishlist-empty]")!.TextContent);
    }
}
