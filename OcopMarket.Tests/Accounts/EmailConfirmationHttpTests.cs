using System.Net;
using AngleSharp.Html.Parser;
using OcopMarket.Core.Seeding;
using OcopMarket.Tests.Support;
using static OcopMarket.Tests.Accounts.AccountHttpTests;

namespace OcopMarket.Tests.Accounts;

/// <summary>A new account confirms its email, by the emailed link, before it may apply to sell or see its orders.</summary>
public sealed class EmailConfirmationHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private HttpClient NewBrowser() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unconfirmed_account_cannot_apply_or_see_its_orders_until_it_opens_the_emailed_link()
    {
        var email = $"confirm-{Guid.NewGuid():N}@example.test";
        var client = NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, "/Account/Register", "register", new()
        {
            ["Input.AcceptTerms"] = "true", ["Input.DisplayName"] = "Hà Thị Xác", ["Input.Email"] = email, ["Input.Password"] = "matkhau2026", ["Input.ConfirmPassword"] = "matkhau2026",
        })).StatusCode);

        var orders = await PageAsync(client, "/don-hang");
        Assert.Contains("Hãy xác nhận email trước", orders.QuerySelector("[data-testid=confirm-email-first]")!.TextContent);
        Assert.Null(orders.QuerySelector("[data-testid=no-orders]"));
        var apply = await PageAsync(client, "/portal/apply");
        Assert.NotNull(apply.QuerySelector("[data-testid=confirm-email-first]"));
        Assert.Null(apply.QuerySelector("[data-testid=apply-submit]"));

        var link = await MailLinks.EmailConfirmationAsync(factory, email);
        Assert.NotNull((await PageAsync(NewBrowser(), link)).QuerySelector("[data-testid=email-confirmed]")); // any browser: the link is the proof

        orders = await PageAsync(client, "/don-hang");
        Assert.Null(orders.QuerySelector("[data-testid=confirm-email-first]"));
        Assert.NotNull(orders.QuerySelector("[data-testid=no-orders]"));
        apply = await PageAsync(client, "/portal/apply");
        Assert.Null(apply.QuerySelector("[data-testid=confirm-email-first]"));
        Assert.NotNull(apply.QuerySelector("[data-testid=apply-submit]"));
    }

    [Fact]
    public async Task A_tampered_confirmation_link_confirms_nothing()
    {
        var email = $"tamper-{Guid.NewGuid():N}@example.test";
        var client = NewBrowser();
        await PostFormAsync(client, "/Account/Register", "register", new()
        {
            ["Input.AcceptTerms"] = "true", ["Input.DisplayName"] = "Hà Văn Giả", ["Input.Email"] = email, ["Input.Password"] = "matkhau2026", ["Input.ConfirmPassword"] = "matkhau2026",
        });
        var link = await MailLinks.EmailConfirmationAsync(factory, email);
        var forged = link[..link.IndexOf("code=", StringComparison.Ordinal)] + "code=Zm9yZ2Vk";
        Assert.NotNull((await PageAsync(NewBrowser(), forged)).QuerySelector("[data-testid=email-not-confirmed]"));
        Assert.NotNull((await PageAsync(client, "/don-hang")).QuerySelector("[data-testid=confirm-email-first]"));
    }

    [Fact]
    public async Task The_resend_page_emails_a_fresh_link_that_confirms()
    {
        var email = $"resend-{Guid.NewGuid():N}@example.test";
        var client = NewBrowser();
        await PostFormAsync(client, "/Account/Register", "register", new()
        {
            ["Input.AcceptTerms"] = "true", ["Input.DisplayName"] = "Hà Gửi Lại", ["Input.Email"] = email, ["Input.Password"] = "matkhau2026", ["Input.ConfirmPassword"] = "matkhau2026",
        });
        var first = await MailLinks.EmailConfirmationAsync(factory, email);
        await Task.Delay(20); // the newest link is found by file time
        var sent = await PostFormAsync(client, "/Account/ResendEmailConfirmation", "resend-confirmation", []);
        Assert.NotNull(new HtmlParser().ParseDocument(await sent.Content.ReadAsStringAsync()).QuerySelector("[data-testid=confirmation-sent]"));
        var second = await MailLinks.EmailConfirmationAsync(factory, email);
        Assert.NotEqual(first, second);
        Assert.NotNull((await PageAsync(NewBrowser(), second)).QuerySelector("[data-testid=email-confirmed]"));
        Assert.NotNull((await PageAsync(client, "/don-hang")).QuerySelector("[data-testid=no-orders]"));
    }

    [Fact]
    public async Task The_demo_buyer_is_seeded_confirmed_and_sees_its_orders()
    {
        var client = NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, AccountSeeder.DemoBuyerEmail, AccountSeeder.DemoPassword)).StatusCode);
        Assert.Null((await PageAsync(client, "/don-hang")).QuerySelector("[data-testid=confirm-email-first]"));
    }
}
