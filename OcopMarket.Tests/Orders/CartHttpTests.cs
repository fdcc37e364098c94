using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Components.Pages.Orders;

namespace OcopMarket.Tests.Orders;

/// <summary>The cart as a browser uses it: form posts from product pages, a protected cookie, no circuit.</summary>
public sealed class CartHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private HttpClient NewBrowser() => factory.CreateClient(new() { AllowAutoRedirect = true, HandleCookies = true });

    private static async Task<IHtmlDocument> HtmlAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    private async Task<(int Id, long Price)> InStockProductAsync(string slug, int stock = 20)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        var product = await db.Products.SingleAsync(p => p.Slug == slug);
        product.SetStock(stock);
        await db.SaveChangesAsync();
        return (product.Id, product.PriceVnd);
    }

    // Follows the redirect to the cart page (NewBrowser's client does).
    private static Task<HttpResponseMessage> AddFromProductPageAsync(HttpClient client, string slug, int quantity) =>
        StorefrontForms.PostAddToCartAsync(client, slug, quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Products_of_two_producers_are_grouped_with_their_own_subtotals()
    {
        var tea = await InStockProductAsync("che-dinh-tan-cuong");
        var fishSauce = await InStockProductAsync("nuoc-mam-nam-o-huong-lang-co");
        var client = NewBrowser();
        await AddFromProductPageAsync(client, "che-dinh-tan-cuong", 2);
        var response = await AddFromProductPageAsync(client, "nuoc-mam-nam-o-huong-lang-co", 1);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlAsync(response);
        Assert.NotNull(page.QuerySelector("[data-testid=cart-added]"));
        var groups = page.QuerySelectorAll("[data-testid=cart-group]");
        Assert.Equal(2, groups.Length);
        var subtotals = groups.Select(g => g.QuerySelector("[data-testid=group-subtotal]")!.TextContent).ToList();
        Assert.Contains(OcopMarket.Core.Common.Money.FormatVnd(2 * tea.Price), subtotals);
        Assert.Contains(OcopMarket.Core.Common.Money.FormatVnd(fishSauce.Price), subtotals);
        Assert.Contains("(3)", (await HtmlAsync(await client.GetAsync("/"))).QuerySelector("[data-testid=cart-link]")!.TextContent);
    }

    [Fact]
    public async Task Quantity_is_bounded_by_stock_and_a_changed_price_is_flagged()
    {
        var product = await InStockProductAsync("che-bat-tien-huong-tam", stock: 3);
        var client = NewBrowser();
        var page = await HtmlAsync(await AddFromProductPageAsync(client, "che-bat-tien-huong-tam", 10));
        Assert.Equal("3", page.QuerySelector("[data-testid=cart-qty]")!.GetAttribute("value"));

        await using (var scope = factory.Services.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync())
        {
            (await db.Products.SingleAsync(p => p.Id == product.Id)).SetPrice(product.Price + 5000);
            await db.SaveChangesAsync();
        }
        var after = await HtmlAsync(await client.GetAsync("/gio-hang"));
        Assert.Contains(OcopMarket.Core.Common.Money.FormatVnd(product.Price), after.QuerySelector("[data-testid=price-changed]")!.TextContent);
    }

    [Fact]
    public async Task A_tampered_cart_cookie_is_an_empty_cart_not_an_error()
    {
        var client = factory.CreateClient(new() { HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/gio-hang");
        request.Headers.Add("Cookie", "ocop_cart=CfDJ8-forged-value");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await HtmlAsync(response)).QuerySelector("[data-testid=cart-empty]"));
    }

    /// <summary>The cart page as a browser sends exactly this cart cookie (and nothing else) asks for it.</summary>
    private async Task<HttpResponseMessage> CartPageWithCookieAsync(string cookieValue)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/gio-hang");
        request.Headers.Add("Cookie", $"{CartCookie.Name}={cookieValue}");
        return await factory.CreateClient(new() { HandleCookies = false }).SendAsync(request);
    }

    /// <summary>The protected cart cookie the app sets when a product is added from its page.</summary>
    private async Task<string> GenuineCartCookieAsync(string slug)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var added = await AddFromProductPageAsync(client, slug, 2);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var setCookie = Assert.Single(added.Headers.GetValues("Set-Cookie"), c => c.StartsWith(CartCookie.Name + "=", StringComparison.Ordinal));
        return setCookie[(CartCookie.Name.Length + 1)..setCookie.IndexOf(';')];
    }

    [Fact]
    public async Task A_genuine_cart_cookie_with_one_character_changed_is_an_empty_cart_not_an_error()
    {
        await InStockProductAsync("che-dinh-tan-cuong");
        var genuine = await GenuineCartCookieAsync("che-dinh-tan-cuong");

        // The cookie as issued is read back: one line, so what follows is a refusal of the change, not of the cookie.
        var untouched = await CartPageWithCookieAsync(genuine);
        Assert.Equal(HttpStatusCode.OK, untouched.StatusCode);
        var line = Assert.Single((await HtmlAsync(untouched)).QuerySelectorAll("[data-testid=cart-line]"));
        Assert.Equal("2", line.QuerySelector("[data-testid=cart-qty]")!.GetAttribute("value"));

        // One base64url character in the middle changed (not the last, whose spare bits may decode to the same bytes).
        var middle = genuine.Length / 2;
        var flipped = genuine[..middle] + (genuine[middle] == 'A' ? 'B' : 'A') + genuine[(middle + 1)..];
        var tampered = await CartPageWithCookieAsync(flipped);
        Assert.Equal(HttpStatusCode.OK, tampered.StatusCode);
        var page = await HtmlAsync(tampered);
        Assert.NotNull(page.QuerySelector("[data-testid=cart-empty]"));
        Assert.Empty(page.QuerySelectorAll("[data-testid=cart-line]"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_cart_cookie_of_plain_json_is_an_empty_cart_not_an_error(bool base64UrlEncoded)
    {
        var product = await InStockProductAsync("che-dinh-tan-cuong");
        // The very shape the app protects, written by hand: a real product, a quantity and its price, no owner.
        var json = $$"""{"Owner":null,"Items":[[{{product.Id}},3,{{product.Price}}]]}""";
        var value = base64UrlEncoded
            ? Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(json))
            : Uri.EscapeDataString(json);

        var response = await CartPageWithCookieAsync(value);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlAsync(response);
        Assert.NotNull(page.QuerySelector("[data-testid=cart-empty]"));
        Assert.Empty(page.QuerySelectorAll("[data-testid=cart-line]"));
    }

    /// <summary>
    /// The add-to-cart form has no per-visitor token (its page is cached for everyone): a post another site makes the
    /// browser send is told apart by the headers browsers add, refused in both languages, and leaves the cart as it was.
    /// </summary>
    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    public async Task A_cross_site_cart_post_is_refused_and_the_cart_is_kept(string header, string value)
    {
        var tea = await InStockProductAsync("che-dinh-tan-cuong");
        var fishSauce = await InStockProductAsync("nuoc-mam-nam-o-huong-lang-co");
        var client = NewBrowser();
        await AddFromProductPageAsync(client, "che-dinh-tan-cuong", 2);

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/gio-hang/them")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["productId"] = fishSauce.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["quantity"] = "5",
            }),
        };
        forged.Headers.TryAddWithoutValidation(header, value);
        var refused = await client.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Set-Cookie"));
        var text = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Yêu cầu bị từ chối: biểu mẫu được gửi từ một trang web khác.", text);
        Assert.Contains("Refused: the form was sent from another website.", text);
        var cart = await HtmlAsync(await client.GetAsync("/gio-hang"));
        Assert.Equal(["2"], cart.QuerySelectorAll("[data-testid=cart-qty]").Select(q => q.GetAttribute("value")));
        Assert.Equal(tea.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            cart.QuerySelector("[data-testid=cart-qty]")!.Closest("form")!.QuerySelector("input[name=productId]")!.GetAttribute("value"));
    }

    /// <summary>What a browser sends for the shop's own form (and what a client outside a browser sends: neither header) is taken.</summary>
    [Theory]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Origin", "http://localhost")]
    [InlineData(null, null)]
    public async Task The_shops_own_cart_post_is_taken(string? header, string? value)
    {
        var tea = await InStockProductAsync("che-dinh-tan-cuong");
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        using var post = new HttpRequestMessage(HttpMethod.Post, "/gio-hang/them")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["productId"] = tea.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["quantity"] = "1",
            }),
        };
        if (header is not null) post.Headers.TryAddWithoutValidation(header, value);
        var added = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal($"/gio-hang?added={tea.Id}", added.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Removing_the_last_line_empties_the_cart()
    {
        await InStockProductAsync("che-dinh-tan-cuong");
        var client = NewBrowser();
        var page = await HtmlAsync(await AddFromProductPageAsync(client, "che-dinh-tan-cuong", 1));
        var remove = page.QuerySelector("[data-testid=cart-remove]")!.Closest("form")!;
        var response = await client.PostAsync("/gio-hang/xoa", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = remove.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["productId"] = remove.QuerySelector("input[name=productId]")!.GetAttribute("value")!,
        }));
        Assert.NotNull((await HtmlAsync(response)).QuerySelector("[data-testid=cart-empty]"));
    }

    [Fact]
    public async Task The_cart_cookie_the_app_sets_expires_thirty_days_after_the_apps_clock()
    {
        await InStockProductAsync("che-dinh-tan-cuong");
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var response = await AddFromProductPageAsync(client, "che-dinh-tan-cuong", 1);
        var cookie = Microsoft.Net.Http.Headers.SetCookieHeaderValue.Parse(response.Headers.GetValues("Set-Cookie")
            .Single(c => c.StartsWith(OcopMarket.Web.Components.Pages.Orders.CartCookie.Name + "=", StringComparison.Ordinal)));
        Assert.Equal(factory.Clock.GetUtcNow() + OcopMarket.Web.Components.Pages.Orders.CartCookie.Lifetime, cookie.Expires);
    }
}
