using System.Net;
using System.Text.Json;
using OcopMarket.Core.Seeding;
using OcopMarket.Tests.Accounts;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Privacy;

/// <summary>"My data" as a browser gets it: only when signed in, only one's own, never cached.</summary>
public sealed class PersonalDataHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private HttpClient NewBrowser() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    [Theory]
    [InlineData("/tai-khoan/du-lieu-cua-toi")]
    [InlineData("/tai-khoan/du-lieu-cua-toi.json")]
    public async Task A_visitor_who_is_not_signed_in_is_sent_to_sign_in(string path)
    {
        var response = await NewBrowser().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", AccountHttpTests.Target(response).PathAndQuery);
    }

    [Fact]
    public async Task The_file_is_the_signed_in_persons_own_data_and_is_never_cached()
    {
        var browser = NewBrowser();
        await AccountHttpTests.SignInAsync(browser, AccountSeeder.DemoBuyerEmail, AccountSeeder.DemoPassword);
        var response = await browser.GetAsync("/tai-khoan/du-lieu-cua-toi.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.StartsWith("ocopmarket-du-lieu-", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(AccountSeeder.DemoBuyerEmail, json.RootElement.GetProperty("account").GetProperty("email").GetString());
        foreach (var section in new[] { "orders", "consents", "savedProducts", "cart", "producerApplications", "emails" })
            Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty(section).ValueKind);
        Assert.DoesNotContain(AccountSeeder.DemoAdminEmail, json.RootElement.GetRawText());
        Assert.DoesNotContain("passwordHash", json.RootElement.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_page_shows_the_same_data_to_read()
    {
        var browser = NewBrowser();
        await AccountHttpTests.SignInAsync(browser, AccountSeeder.DemoBuyerEmail, AccountSeeder.DemoPassword);
        var response = await browser.GetAsync("/tai-khoan/du-lieu-cua-toi");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var page = await StorefrontForms.HtmlAsync(response);
        Assert.Contains(AccountSeeder.DemoBuyerEmail, page.QuerySelector("[data-testid=pd-account]")!.TextContent);
        Assert.Equal("/tai-khoan/du-lieu-cua-toi.json", page.QuerySelector("[data-testid=download-json]")!.GetAttribute("href"));
    }
}
