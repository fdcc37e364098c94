using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Security;

/// <summary>
/// The checkout form with the corpus in every field, and the order page's cancel form with ids that are wrong or
/// belong to someone else: nothing placed or cancelled that should not be, and markup stored as a name comes back
/// as text.
/// </summary>
public sealed class CheckoutAndOrderBadInputTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private const string Slug = "che-dinh-tan-cuong";

    private HttpClient NewBrowser() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<(int Id, long Price)> InStockProductAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        var product = await db.Products.SingleAsync(p => p.Slug == Slug);
        product.SetStock(50);
        await db.SaveChangesAsync();
        return (product.Id, product.PriceVnd);
    }

    private async Task<int> OrderCountAsync()
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        return await db.Orders.CountAsync();
    }

    private async Task<OrderStatus> StatusAsync(int orderId)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        return await db.Orders.Where(o => o.Id == orderId).Select(o => o.Status).SingleAsync();
    }

    /// <summary>A browser with one unit of the product in its cart.</summary>
    private async Task<HttpClient> BrowserWithCartAsync()
    {
        await InStockProductAsync();
        var client = NewBrowser();
        await StorefrontForms.AddToCartAsync(client, Slug, 1);
        return client;
    }

    /// <summary>The checkout form's token and hidden fields, with the given fields over them, posted to place the order.</summary>
    private static async Task<HttpResponseMessage> PlaceWithAsync(HttpClient client, Dictionary<string, string> fields)
    {
        var checkout = await BadInputHttpTests.HtmlAsync(await client.GetAsync("/dat-hang?province=19"));
        var form = checkout.QuerySelector("[data-testid=checkout-form]")!;
        var values = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        values["Input.Step"] = "place";
        foreach (var (k, v) in fields) values[k] = v;
        return await client.PostAsync("/dat-hang?province=19", new FormUrlEncodedContent(values));
    }

    [Theory]
    [MemberData(nameof(FormBadInputTests.FormKinds), MemberType = typeof(FormBadInputTests))]
    public async Task Checkout_with_a_bad_value_in_every_field_places_nothing_and_says_what_to_fix(string kind)
    {
        var payload = BadInputCorpus.Text[kind];
        var client = await BrowserWithCartAsync();
        var before = await OrderCountAsync();
        var response = await PlaceWithAsync(client, new()
        {
            ["Input.Name"] = payload, ["Input.Phone"] = payload, ["Input.Email"] = payload, ["Input.CommuneCode"] = payload,
            ["Input.Street"] = payload, ["Input.Note"] = payload, ["Input.Payment"] = payload, ["Input.ProvinceCode"] = payload,
        });
        Assert.Equal(before, await OrderCountAsync());
        if (kind == "nul")
        {
            // As in the account forms: a NUL fails the framework's antiforgery read before the form runs.
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return;
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await BadInputHttpTests.AssertHandledWithoutEchoAsync(response, payload, "checkout");
        var page = await BadInputHttpTests.HtmlAsync(response);
        Assert.NotEmpty(page.QuerySelectorAll(".field-error, .validation-message, [data-testid=checkout-error]"));
    }

    [Theory]
    [InlineData(BadInputCorpus.ScriptTag)]
    [InlineData(BadInputCorpus.AttributeBreakout)]
    public async Task Markup_in_a_valid_checkouts_name_and_note_is_stored_as_text_and_shown_as_text(string markup)
    {
        var client = await BrowserWithCartAsync();
        var before = await OrderCountAsync();
        var response = await PlaceWithAsync(client, new()
        {
            ["Input.Name"] = markup, ["Input.Phone"] = NextPhone(), ["Input.CommuneCode"] = "05503",
            ["Input.Street"] = markup, ["Input.Note"] = markup, ["Input.Payment"] = nameof(PaymentMethod.CashOnDelivery),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before + 1, await OrderCountAsync());
        var orderPage = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, orderPage.StatusCode);
        await BadInputHttpTests.AssertHandledWithoutEchoAsync(orderPage, markup, "the order page");

        // The producer's packing slip prints the recipient's name, street and note: there they are text, not markup.
        int orderId;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync())
            orderId = await db.Orders.MaxAsync(o => o.Id);
        var producer = NewBrowser();
        var signedIn = await OcopMarket.Tests.Accounts.AccountHttpTests.SignInAsync(producer, "haodat@ocopmarket.test", OcopMarket.Core.Seeding.AccountSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var slip = await producer.GetAsync($"/in/phieu-giao/{orderId}");
        Assert.Equal(HttpStatusCode.OK, slip.StatusCode);
        await BadInputHttpTests.AssertHandledWithoutEchoAsync(slip, markup, "the packing slip");
        Assert.Contains(markup, (await BadInputHttpTests.HtmlAsync(slip)).Body!.TextContent);
    }

    private static int _nextPhone;

    /// <summary>A phone of its own for every order: one phone may hold only a few unconfirmed cash orders at a time.</summary>
    private static string NextPhone() => $"09124{Interlocked.Increment(ref _nextPhone):00000}";

    private async Task<PlacedCheckout> PlaceDirectlyAsync()
    {
        var (id, price) = await InStockProductAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CheckoutService>().PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(id, 1, price)], new DeliveryAddress("Mai", NextPhone(), "Số 5", "05503", "19", null), PaymentMethod.CashOnDelivery, null, null));
    }

    /// <summary>The cancel form of one's own order page, posted with the fields given instead of its own.</summary>
    private async Task<HttpResponseMessage> PostCancelAsync(HttpClient client, PlacedCheckout own, Dictionary<string, string> overrides)
    {
        var page = await BadInputHttpTests.HtmlAsync(await client.GetAsync($"/don-hang/{own.CheckoutId}?t={own.AccessToken}"));
        var form = page.QuerySelector("[data-testid=buyer-cancel]")!.Closest("form")!;
        var values = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var (k, v) in overrides) values[k] = v;
        return await client.PostAsync("/don-hang/huy", new FormUrlEncodedContent(values));
    }

    [Fact]
    public async Task Ones_own_order_link_cannot_cancel_another_buyers_order()
    {
        var mine = await PlaceDirectlyAsync();
        var theirs = await PlaceDirectlyAsync();
        var theirOrder = theirs.Orders[0].Id;
        var client = NewBrowser();
        var response = await PostCancelAsync(client, mine, new() { ["orderId"] = theirOrder.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(OrderStatus.AwaitingConfirmation, await StatusAsync(theirOrder));
        Assert.Equal(OrderStatus.AwaitingConfirmation, await StatusAsync(mine.Orders[0].Id));
    }

    [Fact]
    public async Task Another_buyers_checkout_id_with_ones_own_secret_cancels_nothing()
    {
        var mine = await PlaceDirectlyAsync();
        var theirs = await PlaceDirectlyAsync();
        var response = await PostCancelAsync(NewBrowser(), mine, new()
        {
            ["checkoutId"] = theirs.CheckoutId.ToString(),
            ["orderId"] = theirs.Orders[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(OrderStatus.AwaitingConfirmation, await StatusAsync(theirs.Orders[0].Id));
    }

    [Theory]
    [InlineData("checkoutId", "abc")]
    [InlineData("checkoutId", "")]
    [InlineData("orderId", "abc")]
    [InlineData("orderId", "-5")]
    [InlineData("orderId", "99999999999999999999")]
    [InlineData("t", BadInputCorpus.ScriptTag)]
    [InlineData("t", "' OR 1=1 --")]
    public async Task A_cancel_post_with_a_malformed_field_is_refused_below_500_and_cancels_nothing(string field, string value)
    {
        var mine = await PlaceDirectlyAsync();
        var response = await PostCancelAsync(NewBrowser(), mine, new() { [field] = value });
        Assert.InRange((int)response.StatusCode, 400, 499);
        await BadInputHttpTests.AssertHandledWithoutEchoAsync(response, value, "cancel");
        Assert.Equal(OrderStatus.AwaitingConfirmation, await StatusAsync(mine.Orders[0].Id)); // as placed: a cash order waits for the shop
    }

    [Theory]
    [MemberData(nameof(BadInputCorpus.TextKinds), MemberType = typeof(BadInputCorpus))]
    public async Task The_order_page_with_a_bad_secret_is_a_404_that_does_not_echo_it(string kind)
    {
        var mine = await PlaceDirectlyAsync();
        var response = await NewBrowser().GetAsync($"/don-hang/{mine.CheckoutId}?t={Uri.EscapeDataString(BadInputCorpus.Text[kind])}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await BadInputHttpTests.AssertHandledWithoutEchoAsync(response, BadInputCorpus.Text[kind], "order page");
        Assert.DoesNotContain(mine.Orders[0].Number, await response.Content.ReadAsStringAsync());
    }
}
