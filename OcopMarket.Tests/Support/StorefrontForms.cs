using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace OcopMarket.Tests.Support;

/// <summary>The storefront's forms as a browser posts them: read from the page (antiforgery token and hidden fields), then sent.</summary>
public static class StorefrontForms
{
    public const string CheckoutPath = "/dat-hang?province=19";

    public static async Task<IHtmlDocument> HtmlAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>
    /// Adds a product from its page's add-to-cart form and checks the cart took it. The page is read through
    /// <paramref name="client"/> and the form posted through <paramref name="postTo"/> (another node) when given.
    /// </summary>
    /// <summary>
    /// Posts the product page's add-to-cart form as a browser would: to its action, with its fields (there is no
    /// antiforgery token: the page is cached for everyone, and the cart refuses cross-site posts by their headers),
    /// the quantity typed, and optionally another product id, as a forged post would carry.
    /// </summary>
    public static async Task<HttpResponseMessage> PostAddToCartAsync(HttpClient client, string slug, string quantity,
        HttpClient? postTo = null, string? productId = null)
    {
        var page = await HtmlAsync(await client.GetAsync("/san-pham/" + slug));
        var form = page.QuerySelector("[data-testid=add-to-cart]")!;
        var fields = form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["quantity"] = quantity;
        if (productId is not null) fields["productId"] = productId;
        return await (postTo ?? client).PostAsync(form.GetAttribute("action")!, new FormUrlEncodedContent(fields));
    }

    /// <summary>Adds a product from its page and checks the cart took it.</summary>
    public static async Task<HttpResponseMessage> AddToCartAsync(HttpClient client, string slug, int quantity, HttpClient? postTo = null)
    {
        var added = await PostAddToCartAsync(client, slug, quantity.ToString(System.Globalization.CultureInfo.InvariantCulture), postTo);
        Assert.StartsWith("/gio-hang?added=", added.Headers.Location!.OriginalString);
        return added;
    }

    /// <summary>The checkout form's hidden fields (antiforgery token, cart, step) as the page shows them, for the caller to fill in.</summary>
    /// <param name="language">"" for the Vietnamese page, "/en" for the English one.</param>
    public static async Task<Dictionary<string, string>> CheckoutFieldsAsync(HttpClient client, string language = "")
    {
        var checkout = await HtmlAsync(await client.GetAsync(language + CheckoutPath));
        var form = checkout.QuerySelector("[data-testid=checkout-form]")!;
        return form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
    }

    public static Task<HttpResponseMessage> PlaceAsync(HttpClient client, Dictionary<string, string> fields) =>
        client.PostAsync(CheckoutPath, new FormUrlEncodedContent(fields));
}
