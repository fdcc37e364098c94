using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Seeding;
using OcopMarket.Tests.Accounts;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Orders;

/// <summary>A guest's cart joins the buyer's saved cart at sign-in, and the saved cart follows the buyer to another browser.</summary>
public sealed class CartSignInHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private HttpClient NewBrowser() => factory.CreateClient(new() { AllowAutoRedirect = true, HandleCookies = true });

    private async Task StockAsync(params string[] slugs)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        foreach (var p in await db.Products.Where(p => slugs.Contains(p.Slug)).ToListAsync()) p.SetStock(20);
        await db.SaveChangesAsync();
    }

    private static async Task AddAsync(HttpClient client, string slug, int quantity)
    {
        var response = await StorefrontForms.PostAddToCartAsync(client, slug, quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Product slug → quantity, as the cart page shows them.</summary>
    private static async Task<Dictionary<string, string>> CartAsync(HttpClient client)
    {
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/gio-hang"));
        return page.QuerySelectorAll("[data-testid=cart-line]").ToDictionary(
            l => l.QuerySelector("a")!.GetAttribute("href")!.Split('/').Last(),
            l => l.QuerySelector("input[name=quantity]")!.GetAttribute("value")!);
    }

    [Fact]
    public async Task The_guest_cart_joins_the_saved_cart_at_sign_in_and_follows_the_buyer()
    {
        await StockAsync("che-dinh-tan-cuong", "nuoc-mam-nam-o-huong-lang-co");

        // Earlier, on a phone, the buyer signed in and put fish sauce in the cart.
        var phone = NewBrowser();
        await AccountHttpTests.SignInAsync(phone, "buyer@ocopmarket.test", AccountSeeder.DemoPassword);
        await AddAsync(phone, "nuoc-mam-nam-o-huong-lang-co", 1);

        // Now, on a laptop, as a guest: tea and one more fish sauce, then sign in.
        var laptop = NewBrowser();
        await AddAsync(laptop, "che-dinh-tan-cuong", 2);
        await AddAsync(laptop, "nuoc-mam-nam-o-huong-lang-co", 1);
        await AccountHttpTests.SignInAsync(laptop, "buyer@ocopmarket.test", AccountSeeder.DemoPassword);

        var merged = await CartAsync(laptop);
        Assert.Equal("2", merged["che-dinh-tan-cuong"]);
        Assert.Equal("2", merged["nuoc-mam-nam-o-huong-lang-co"]);

        // Signing out leaves no cart in that browser; signing in elsewhere brings the saved one back.
        var logout = new HtmlParser().ParseDocument(await laptop.GetStringAsync("/"))
            .QuerySelector("form[action='/Account/Logout']");
        Assert.NotNull(logout);
        await laptop.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = logout.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        Assert.Empty(await CartAsync(laptop));

        var tablet = NewBrowser();
        await AccountHttpTests.SignInAsync(tablet, "buyer@ocopmarket.test", AccountSeeder.DemoPassword);
        Assert.Equal(merged, await CartAsync(tablet));
    }
}
