using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Orders;

/// <summary>
/// A visitor who switched to English is refused in English at the cart, the checkout and the order page, through
/// the real forms: the English text is on the page and the Vietnamese one is not.
/// </summary>
public sealed class EnglishRefusalHttpTests(StripeWebFactory factory) : IClassFixture<StripeWebFactory>
{
    private static async Task<IHtmlDocument> HtmlAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>A browser with its own cookie jar that has pressed "English" (the language switch sets the culture cookie).</summary>
    private async Task<HttpClient> EnglishBrowserAsync()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var switched = await client.GetAsync("/language/en?returnUrl=/");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        return client;
    }

    private async Task<(int Id, string Name, long Price)> ProductAsync(string slug, Action<Product> change)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        var product = await db.Products.SingleAsync(p => p.Slug == slug);
        change(product);
        await db.SaveChangesAsync();
        return (product.Id, product.Name, product.PriceVnd);
    }

    private static Task AddToCartAsync(HttpClient client, string slug, int quantity) => StorefrontForms.AddToCartAsync(client, slug, quantity);

    /// <summary>The checkout form as shown (its antiforgery token and hidden fields), filled in with a valid delivery.</summary>
    private static async Task<Dictionary<string, string>> FilledCheckoutAsync(HttpClient client, PaymentMethod payment = PaymentMethod.CashOnDelivery)
    {
        var fields = await StorefrontForms.CheckoutFieldsAsync(client);
        fields["Input.Name"] = "Jane Doe";
        fields["Input.Phone"] = "0912345678";
        fields["Input.CommuneCode"] = "05503";
        fields["Input.Street"] = "5 Tan Cuong Road";
        fields["Input.Payment"] = payment.ToString();
        fields["Input.Step"] = "place";
        return fields;
    }

    private static Task<HttpResponseMessage> PostCheckoutAsync(HttpClient client, Dictionary<string, string> fields) =>
        StorefrontForms.PlaceAsync(client, fields);

    private static string CheckoutError(IHtmlDocument page) =>
        page.QuerySelector("[data-testid=checkout-error]")?.TextContent ?? throw new Xunit.Sdk.XunitException("No checkout error on the page.");

    [Fact]
    public async Task A_product_that_ran_short_during_checkout_is_named_in_english()
    {
        var tea = await ProductAsync("che-bat-tien-huong-tam", p => p.SetStock(5));
        var client = await EnglishBrowserAsync();
        await AddToCartAsync(client, "che-bat-tien-huong-tam", 3);
        var fields = await FilledCheckoutAsync(client);
        await ProductAsync("che-bat-tien-huong-tam", p => p.SetStock(1)); // someone else bought four meanwhile

        var response = await PostCheckoutAsync(client, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = CheckoutError(await HtmlAsync(response));
        Assert.Equal($"Only 1 of “{tea.Name}” left.", error);
        Assert.DoesNotContain("chỉ còn", error);
    }

    [Fact]
    public async Task A_price_changed_after_the_review_is_said_in_english_with_the_new_price()
    {
        var fishSauce = await ProductAsync("nuoc-mam-nam-o-huong-lang-co", p => p.SetStock(20));
        var client = await EnglishBrowserAsync();
        await AddToCartAsync(client, "nuoc-mam-nam-o-huong-lang-co", 1);
        var fields = await FilledCheckoutAsync(client);
        var newPrice = fishSauce.Price + 5_000;
        await ProductAsync("nuoc-mam-nam-o-huong-lang-co", p => p.SetPrice(newPrice));

        var error = CheckoutError(await HtmlAsync(await PostCheckoutAsync(client, fields)));
        Assert.Equal($"The price of “{fishSauce.Name}” has changed to {Money.FormatVnd(newPrice)}. Please check your cart again.", error);
        Assert.DoesNotContain("Giá của", error);
    }

    [Fact]
    public async Task An_invalid_phone_at_checkout_is_explained_in_english()
    {
        await ProductAsync("che-dinh-tan-cuong", p => p.SetStock(30));
        var client = await EnglishBrowserAsync();
        await AddToCartAsync(client, "che-dinh-tan-cuong", 1);
        var fields = await FilledCheckoutAsync(client);
        fields["Input.Phone"] = "12345";
        fields["Input.Step"] = "review";

        var page = await HtmlAsync(await PostCheckoutAsync(client, fields));
        var errors = string.Join(" | ", page.QuerySelectorAll(".field-error").Select(e => e.TextContent));
        Assert.Contains("That is not a valid Vietnamese phone number (e.g. 0912 345 678).", errors);
        Assert.DoesNotContain("Số điện thoại", errors);
        Assert.Null(page.QuerySelector("[data-testid=checkout-review]"));
    }

    [Fact]
    public async Task A_cancel_refused_because_the_order_just_shipped_is_explained_in_english()
    {
        await ProductAsync("che-dinh-tan-cuong", p => p.SetStock(30));
        var client = await EnglishBrowserAsync();
        await AddToCartAsync(client, "che-dinh-tan-cuong", 1);
        var placed = await PostCheckoutAsync(client, await FilledCheckoutAsync(client));
        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        var cancelForm = (await HtmlAsync(await client.GetAsync(placed.Headers.Location))).QuerySelector("[data-testid=buyer-cancel]")!.Closest("form")!;
        var fields = cancelForm.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");

        // While the buyer looks at the page, the producer packs the order and hands it to the carrier.
        await using (var scope = factory.Services.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync())
        {
            var order = await db.Orders.SingleAsync(o => o.Id == int.Parse(fields["orderId"], System.Globalization.CultureInfo.InvariantCulture));
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            order.ConfirmByProducer(now); // cash on delivery: the producer called the buyer first
            order.Pack(now);
            order.Ship("GHTK", "S123456", now);
            await db.SaveChangesAsync();
        }

        var refused = await client.PostAsync("/don-hang/huy", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var error = (await HtmlAsync(await client.GetAsync(refused.Headers.Location))).QuerySelector("[data-testid=order-error]")!.TextContent;
        Assert.Equal("The order is already with the carrier and can no longer be cancelled.", error);
        Assert.DoesNotContain("Đơn đã giao", error);
    }

    [Fact]
    public async Task A_card_gateway_failure_after_placing_is_explained_in_english_on_the_order_page()
    {
        await ProductAsync("che-dinh-tan-cuong", p => p.SetStock(30));
        var client = await EnglishBrowserAsync();
        await AddToCartAsync(client, "che-dinh-tan-cuong", 1);
        var fields = await FilledCheckoutAsync(client, PaymentMethod.Card);
        factory.Stripe.FailNext(HttpStatusCode.BadRequest);

        var placed = await PostCheckoutAsync(client, fields);
        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        // The orders exist and the buyer lands on their page, not on Stripe's: at its English address.
        Assert.StartsWith("/en/don-hang/", Accounts.AccountHttpTests.Target(placed).AbsolutePath);
        var error = (await HtmlAsync(await client.GetAsync(placed.Headers.Location))).QuerySelector("[data-testid=order-error]")!.TextContent;
        Assert.Equal("The card payment gateway could not be reached. Your order is still held; please try again in a few minutes.", error);
        Assert.DoesNotContain("cổng thanh toán", error);
    }

    [Fact]
    public async Task A_full_cart_says_so_in_english_instead_of_calling_the_product_sold_out()
    {
        List<int> ids;
        await using (var scope = factory.Services.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync())
        {
            // Goods only: a tourism service booked for a date is not added by quantity (it is sent to its calendar).
            var products = await db.Products.Where(p => p.IsPublished && !db.BookableOffers.Any(o => o.ProductId == p.Id))
                .OrderBy(p => p.Id).Take(Cart.MaxLines + 1).ToListAsync();
            foreach (var p in products) p.SetStock(Math.Max(p.Stock, 10));
            await db.SaveChangesAsync();
            ids = [.. products.Select(p => p.Id)];
        }
        Assert.Equal(Cart.MaxLines + 1, ids.Count);
        var client = await EnglishBrowserAsync();
        HttpResponseMessage last = null!;
        foreach (var id in ids)
        {
            last = await client.PostAsync("/gio-hang/them", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["productId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["quantity"] = "1",
            }));
        }

        Assert.Equal("/gio-hang?error=full", last.Headers.Location!.OriginalString);
        var error = (await HtmlAsync(await client.GetAsync("/gio-hang?error=full"))).QuerySelector("[data-testid=cart-error]")!.TextContent;
        Assert.Equal($"A cart holds at most {Cart.MaxLines} products; check out or remove some before adding more.", error);
        Assert.DoesNotContain("out of stock", error);
    }
}
