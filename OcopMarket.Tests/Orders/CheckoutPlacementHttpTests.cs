using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Legal.Domain;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Accounts;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Orders;

/// <summary>
/// A valid cash-on-delivery "place order" post is placed before the checkout page is drawn (CheckoutPlacement): it
/// must store exactly what the page stores, answer in the buyer's language, hand a refusal back to the page with
/// everything typed kept, and never place a post the page would refuse.
/// </summary>
public sealed class CheckoutPlacementHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private const string Slug = "che-dinh-tan-cuong";

    private static int _nextPhone = 345_678;

    private HttpClient NewBrowser() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    private async Task SetStockAsync(int stock)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        (await db.Products.SingleAsync(p => p.Slug == Slug)).SetStock(stock);
        await db.SaveChangesAsync();
    }

    private async Task<int> OrderCountAsync()
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        return await db.Orders.CountAsync();
    }

    /// <summary>A browser (signed in when an account is named) with one unit in its cart and the review step's fields filled in, ready to place.</summary>
    private async Task<(HttpClient Client, Dictionary<string, string> Fields)> ReadyToPlaceAsync(PaymentMethod payment, string language = "",
        string? signedInAs = null)
    {
        await SetStockAsync(50);
        var client = NewBrowser();
        if (signedInAs is not null) await AccountHttpTests.SignInAsync(client, signedInAs, OcopMarket.Core.Seeding.AccountSeeder.DemoPassword);
        await StorefrontForms.AddToCartAsync(client, Slug, 1);
        var fields = await StorefrontForms.CheckoutFieldsAsync(client, language);
        fields["Input.Name"] = "Nguyễn Thị Lụa";
        // A phone of its own for each checkout: the cash-on-delivery cap per phone would refuse a fourth one.
        fields["Input.Phone"] = $"0913 {Interlocked.Increment(ref _nextPhone):000 000}";
        fields["Input.Email"] = "";
        fields["Input.CommuneCode"] = "05503";
        fields["Input.Street"] = "Xóm Nam, số 4";
        fields["Input.Note"] = "";
        fields["Input.Payment"] = payment.ToString();
        fields["Input.Step"] = "place";
        return (client, fields);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, Dictionary<string, string> fields, string language = "") =>
        client.PostAsync(language + StorefrontForms.CheckoutPath, new FormUrlEncodedContent(fields));

    private static Guid CheckoutIdOf(HttpResponseMessage placed)
    {
        Assert.True(placed.StatusCode == HttpStatusCode.Redirect, placed.Content.ReadAsStringAsync().Result);
        return Guid.Parse(AccountHttpTests.Target(placed).AbsolutePath.Split('/').Last());
    }

    [Fact]
    public async Task A_cash_on_delivery_post_placed_before_the_page_stores_what_the_page_stores()
    {
        // Without the form's hidden province the post is the page's to place (it takes the province from its address).
        var (pageClient, pageFields) = await ReadyToPlaceAsync(PaymentMethod.CashOnDelivery);
        pageFields.Remove("Input.ProvinceCode");
        var pageRedirect = await PostAsync(pageClient, pageFields);
        var byPage = CheckoutIdOf(pageRedirect);
        var (fastClient, fastFields) = await ReadyToPlaceAsync(PaymentMethod.CashOnDelivery);
        var placed = await PostAsync(fastClient, fastFields);
        var before = CheckoutIdOf(placed);
        // Answered before the page is drawn: the page's own redirect carries the whole page it drew, this one nothing.
        Assert.Contains("<html", await pageRedirect.Content.ReadAsStringAsync());
        Assert.Equal("", await placed.Content.ReadAsStringAsync());
        Assert.True(placed.Headers.CacheControl is { NoStore: true }, "the redirect carries the order's secret link: never stored");
        Assert.StartsWith("/don-hang/", placed.Headers.Location!.OriginalString); // relative: never built from the request's host

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        var pageOrder = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.CheckoutId == byPage);
        var fastOrder = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.CheckoutId == before);
        Assert.Equal(pageOrder.Delivery! with { Phone = fastOrder.Delivery!.Phone }, fastOrder.Delivery);
        Assert.Equal((pageOrder.BuyerEmail, pageOrder.BuyerUserId, pageOrder.PlacedFromIp), (fastOrder.BuyerEmail, fastOrder.BuyerUserId, fastOrder.PlacedFromIp));
        Assert.Matches("^0913[0-9]{6}$", fastOrder.Delivery!.Phone); // normalised as the page's checkout does
        Assert.Equal(OrderStatus.AwaitingConfirmation, fastOrder.Status);
        Assert.Equal(pageOrder.Lines.Single().UnitPriceVnd, fastOrder.Lines.Single().UnitPriceVnd);
        // The privacy notice it was placed under, in the checkout's own commit, once for each way.
        foreach (var checkoutId in new[] { byPage, before })
        {
            var consent = await db.ConsentRecords.SingleAsync(r => r.CheckoutId == checkoutId);
            Assert.Equal((ConsentPurpose.OrderProcessing, true, ConsentSource.Checkout), (consent.Purpose, consent.Granted, consent.Source));
        }

        // The cart is emptied, and the order page opens from the link.
        Assert.Contains("data-testid=\"cart-empty\"", await fastClient.GetStringAsync(StorefrontForms.CheckoutPath));
        Assert.Equal(HttpStatusCode.OK, (await fastClient.GetAsync(placed.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_buyers_order_is_theirs_with_their_consent_line_and_their_saved_cart_emptied()
    {
        var (client, fields) = await ReadyToPlaceAsync(PaymentMethod.CashOnDelivery, signedInAs: OcopMarket.Core.Seeding.AccountSeeder.DemoBuyerEmail);
        fields["Input.Email"] = OcopMarket.Core.Seeding.AccountSeeder.DemoBuyerEmail;
        fields["Input.Note"] = "Gọi trước khi giao";
        var placed = await PostAsync(client, fields);
        var checkoutId = CheckoutIdOf(placed);
        Assert.Equal("", await placed.Content.ReadAsStringAsync()); // placed ahead of the page

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        var buyer = await db.Users.SingleAsync(u => u.Email == OcopMarket.Core.Seeding.AccountSeeder.DemoBuyerEmail);
        var order = await db.Orders.SingleAsync(o => o.CheckoutId == checkoutId);
        Assert.Equal((buyer.Id, OcopMarket.Core.Seeding.AccountSeeder.DemoBuyerEmail, "Gọi trước khi giao"), (order.BuyerUserId, order.BuyerEmail, order.Delivery!.Note));
        Assert.Equal(buyer.Id, (await db.ConsentRecords.SingleAsync(r => r.CheckoutId == checkoutId)).UserId);
        // The account's saved cart is emptied with the cookie: another device (a fresh sign-in) finds nothing in it.
        var other = NewBrowser();
        await AccountHttpTests.SignInAsync(other, OcopMarket.Core.Seeding.AccountSeeder.DemoBuyerEmail, OcopMarket.Core.Seeding.AccountSeeder.DemoPassword);
        Assert.Contains("data-testid=\"cart-empty\"", await other.GetStringAsync(StorefrontForms.CheckoutPath));
    }

    [Fact]
    public async Task An_english_post_goes_to_the_english_order_page()
    {
        var (client, fields) = await ReadyToPlaceAsync(PaymentMethod.CashOnDelivery, "/en");
        var placed = await PostAsync(client, fields, "/en");
        CheckoutIdOf(placed);
        Assert.StartsWith("/en/don-hang/", placed.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_product_sold_out_meanwhile_is_refused_on_the_form_with_everything_typed_kept()
    {
        var (client, fields) = await ReadyToPlaceAsync(PaymentMethod.CashOnDelivery);
        var before = await OrderCountAsync();
        await SetStockAsync(0); // another buyer took the last unit after this one reviewed the order

        var refused = await PostAsync(client, fields);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await StorefrontForms.HtmlAsync(refused);
        Assert.Contains("vừa hết hàng", Assert.Single(page.QuerySelectorAll("[data-testid=checkout-error]")).TextContent);
        Assert.Equal("Nguyễn Thị Lụa", page.QuerySelector("#co-name")!.GetAttribute("value"));
        Assert.Equal("Xóm Nam, số 4", page.QuerySelector("#co-street")!.GetAttribute("value"));
        Assert.Equal(before, await OrderCountAsync());

        // In English, the same refusal in English.
        var (enClient, enFields) = await ReadyToPlaceAsync(PaymentMethod.CashOnDelivery, "/en");
        await SetStockAsync(0);
        var enPage = await StorefrontForms.HtmlAsync(await PostAsync(enClient, enFields, "/en"));
        Assert.Contains("has just sold out", enPage.QuerySelector("[data-testid=checkout-error]")!.TextContent);
        Assert.Equal(before, await OrderCountAsync());
    }

    [Fact]
    public async Task A_post_the_page_would_refuse_is_never_placed_ahead_of_it()
    {
        var before = await OrderCountAsync();

        var (forged, forgedFields) = await ReadyToPlaceAsync(PaymentMethod.CashOnDelivery);
        forgedFields["__RequestVerificationToken"] = "CfDJ8forged";
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(forged, forgedFields)).StatusCode);

        // Refused by the form's own checks only (the checkout service would take each of them): never placed ahead of the page.
        var formOnly = new (string Field, string Value)[]
        {
            ("Input.Name", new string('L', 201)), ("Input.Street", new string('x', 301)), ("Input.Note", new string('n', 1001)),
            ("Input.Email", "lua@"), ("Input.Phone", "12345"),
        };
        foreach (var (field, value) in formOnly)
        {
            var (client, fields) = await ReadyToPlaceAsync(PaymentMethod.CashOnDelivery);
            fields[field] = value;
            var page = await StorefrontForms.HtmlAsync(await PostAsync(client, fields));
            var errors = page.QuerySelectorAll(".field-error, .validation-message").Select(e => e.TextContent).ToList();
            Assert.True(errors.Count > 0, $"{field}: the form says what to fix");
            // The field named in Vietnamese, not by its C# name ("Email" is the Vietnamese word too).
            if (field != "Input.Email") Assert.All(errors, e => Assert.DoesNotContain(field["Input.".Length..], e));
            Assert.All(errors, e => Assert.True(char.IsUpper(e.Trim()[0]), $"“{e}” begins a sentence"));
        }

        // A field sent twice: the page binds the first value (a bad email) and refuses it; it is not placed with the second.
        var (twice, twiceFields) = await ReadyToPlaceAsync(PaymentMethod.CashOnDelivery);
        twiceFields["Input.Email"] = "lua@";
        var content = new FormUrlEncodedContent(twiceFields.Select(f => KeyValuePair.Create(f.Key, f.Value))
            .Append(KeyValuePair.Create("Input.Email", "")));
        var twicePage = await StorefrontForms.HtmlAsync(await twice.PostAsync(StorefrontForms.CheckoutPath, content));
        Assert.NotEmpty(twicePage.QuerySelectorAll(".field-error, .validation-message"));

        // A payment number that names no way to pay would have skipped the cash-on-delivery caps: refused in both languages.
        var (unknown, unknownFields) = await ReadyToPlaceAsync(PaymentMethod.CashOnDelivery);
        unknownFields["Input.Payment"] = "9";
        var unknownPage = await StorefrontForms.HtmlAsync(await PostAsync(unknown, unknownFields));
        Assert.Contains("Vui lòng chọn một cách thanh toán", unknownPage.QuerySelector("[data-testid=checkout-error]")!.TextContent);

        var (elsewhere, elsewhereFields) = await ReadyToPlaceAsync(PaymentMethod.CashOnDelivery);
        elsewhereFields["Input.CommuneCode"] = "00004"; // Phường Ba Đình, Hà Nội: not in Thái Nguyên, the chosen province
        var elsewherePage = await StorefrontForms.HtmlAsync(await PostAsync(elsewhere, elsewhereFields));
        Assert.Contains("không thuộc tỉnh", elsewherePage.QuerySelector("[data-testid=checkout-error]")!.TextContent);

        Assert.Equal(before, await OrderCountAsync());
    }
}
