using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Security;

/// <summary>
/// The cart's three form posts with the corpus's numbers and ids: a person who typed a wrong quantity gets the cart
/// back with a message in their language, never the framework's 400 page, and a quantity beyond the stock is
/// added as far as it goes and said so.
/// </summary>
public sealed class CartBadInputTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private const string Slug = "che-dinh-tan-cuong";
    private const int Stock = 20;

    private HttpClient NewBrowser() => factory.CreateClient(new() { AllowAutoRedirect = true, HandleCookies = true });

    private async Task<int> InStockProductAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        var product = await db.Products.SingleAsync(p => p.Slug == Slug);
        product.SetStock(Stock);
        await db.SaveChangesAsync();
        return product.Id;
    }

    /// <summary>Posts the product page's add-to-cart form with the given field values instead.</summary>
    private static Task<HttpResponseMessage> PostAddFormAsync(HttpClient client, string? productId, string quantity) =>
        StorefrontForms.PostAddToCartAsync(client, Slug, quantity, productId: productId);

    private static string? QuantityInCart(IHtmlDocument cart) => cart.QuerySelector("[data-testid=cart-qty]")?.GetAttribute("value");

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("1.5")]
    [InlineData("1e9")]
    [InlineData("0x10")]
    [InlineData("٣")] // an Arabic-Indic three: a digit to char.IsDigit, not a number to the shop
    [InlineData("-99999999999999999999")]
    [InlineData(BadInputCorpus.ScriptTag)]
    public async Task A_quantity_that_is_not_a_whole_number_above_zero_is_refused_with_a_message_and_adds_nothing(string quantity)
    {
        await InStockProductAsync();
        var response = await PostAddFormAsync(NewBrowser(), productId: null, quantity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/gio-hang", response.RequestMessage!.RequestUri!.AbsolutePath);
        var cart = await BadInputHttpTests.HtmlAsync(response);
        Assert.Contains("Số lượng phải là số nguyên từ 1 đến 999", cart.QuerySelector("[data-testid=cart-error]")!.TextContent);
        Assert.NotNull(cart.QuerySelector("[data-testid=cart-empty]"));
    }

    [Theory]
    [InlineData("1000000")]
    [InlineData("99999999999999999999")]
    [InlineData("2147483648")]
    public async Task A_quantity_beyond_the_stock_adds_the_stock_and_says_so(string quantity)
    {
        await InStockProductAsync();
        var response = await PostAddFormAsync(NewBrowser(), productId: null, quantity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cart = await BadInputHttpTests.HtmlAsync(response);
        Assert.Equal(Stock.ToString(System.Globalization.CultureInfo.InvariantCulture), QuantityInCart(cart));
        Assert.Contains($"Chỉ mua được tối đa {Stock} sản phẩm này", cart.QuerySelector("[data-testid=cart-limited]")!.TextContent);
    }

    [Fact]
    public async Task A_blank_quantity_adds_one_without_a_warning()
    {
        await InStockProductAsync();
        var cart = await BadInputHttpTests.HtmlAsync(await PostAddFormAsync(NewBrowser(), productId: null, ""));
        Assert.Equal("1", QuantityInCart(cart));
        Assert.NotNull(cart.QuerySelector("[data-testid=cart-added]"));
        Assert.Null(cart.QuerySelector("[data-testid=cart-limited]"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("99999999999999999999")]
    [InlineData("999999")] // an id that is no product
    [InlineData("' OR 1=1 --")]
    public async Task A_wrong_product_id_is_no_longer_for_sale_and_adds_nothing(string productId)
    {
        await InStockProductAsync();
        var response = await PostAddFormAsync(NewBrowser(), productId, "1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cart = await BadInputHttpTests.HtmlAsync(response);
        Assert.Contains("Sản phẩm này không còn được bán", cart.QuerySelector("[data-testid=cart-error]")!.TextContent);
        Assert.NotNull(cart.QuerySelector("[data-testid=cart-empty]"));
    }

    /// <summary>A cart of two of the product, then the cart page's own forms (update or remove) with their token.</summary>
    private async Task<(HttpClient Client, IHtmlDocument Cart)> CartWithTwoAsync()
    {
        await InStockProductAsync();
        var client = NewBrowser();
        var cart = await BadInputHttpTests.HtmlAsync(await PostAddFormAsync(client, productId: null, "2"));
        Assert.Equal("2", QuantityInCart(cart));
        return (client, cart);
    }

    private static Task<HttpResponseMessage> PostCartFormAsync(HttpClient client, IHtmlDocument cart, string action, string? productId, string? quantity)
    {
        var form = cart.QuerySelectorAll("form").First(f => f.GetAttribute("action") == action);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["productId"] = productId ?? form.QuerySelector("input[name=productId]")!.GetAttribute("value")!,
        };
        if (quantity is not null) fields["quantity"] = quantity;
        return client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("1e9")]
    [InlineData("")]
    public async Task Updating_to_a_quantity_that_is_not_a_number_keeps_the_line_and_says_why(string quantity)
    {
        var (client, cart) = await CartWithTwoAsync();
        var response = await PostCartFormAsync(client, cart, "/gio-hang/cap-nhat", productId: null, quantity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await BadInputHttpTests.HtmlAsync(response);
        Assert.Equal("2", QuantityInCart(after));
        Assert.Contains("giỏ hàng chưa thay đổi", after.QuerySelector("[data-testid=cart-error]")!.TextContent);
    }

    [Fact]
    public async Task Updating_beyond_the_stock_sets_the_stock_and_says_so()
    {
        var (client, cart) = await CartWithTwoAsync();
        var after = await BadInputHttpTests.HtmlAsync(await PostCartFormAsync(client, cart, "/gio-hang/cap-nhat", productId: null, "1000000"));
        Assert.Equal(Stock.ToString(System.Globalization.CultureInfo.InvariantCulture), QuantityInCart(after));
        Assert.NotNull(after.QuerySelector("[data-testid=cart-limited]"));
    }

    [Theory]
    [InlineData("/gio-hang/cap-nhat", "1")]
    [InlineData("/gio-hang/xoa", null)]
    public async Task Updating_or_removing_with_a_wrong_product_id_leaves_the_cart_as_it_was(string action, string? quantity)
    {
        var (client, cart) = await CartWithTwoAsync();
        foreach (var productId in new[] { "abc", "-1", "99999999999999999999", "999999" })
        {
            var response = await PostCartFormAsync(client, cart, action, productId, quantity);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("2", QuantityInCart(await BadInputHttpTests.HtmlAsync(response)));
        }
    }

    [Fact]
    public async Task The_cart_page_with_hand_edited_notices_in_its_query_still_shows_the_cart()
    {
        foreach (var query in new[] { "?added=abc", "?added=" + Uri.EscapeDataString(BadInputCorpus.ScriptTag), "?limited=-5", "?limited=abc", "?error=%FF" })
        {
            var response = await NewBrowser().GetAsync("/gio-hang" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull((await BadInputHttpTests.HtmlAsync(response)).QuerySelector("[data-testid=cart-empty]"));
        }
    }
}
