using System.Net;
using AngleSharp.Html.Parser;
using OcopMarket.Core.Seeding;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Accounts;

/// <summary>The account pages refuse an English visitor in English: the English text is shown and the Vietnamese one is not.</summary>
public sealed class EnglishAccountHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    /// <summary>A browser with its own cookie jar that has pressed "English" (the language switch sets the culture cookie).</summary>
    private async Task<HttpClient> EnglishBrowserAsync()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/language/en?returnUrl=/")).StatusCode);
        return client;
    }

    private static async Task<string> ErrorNoticeAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector(".notice.error")!.TextContent;

    [Fact]
    public async Task A_wrong_password_is_refused_in_english()
    {
        var response = await AccountHttpTests.SignInAsync(await EnglishBrowserAsync(), AccountSeeder.DemoBuyerEmail, "not-the-password1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = await ErrorNoticeAsync(response);
        Assert.Equal("Wrong email or password. After repeated failures, try again in 15 minutes or reset your password.", error.Trim());
        Assert.DoesNotContain("mật khẩu", error);
    }

    [Fact]
    public async Task Registering_an_email_twice_is_refused_in_english()
    {
        var response = await AccountHttpTests.PostFormAsync(await EnglishBrowserAsync(), "/Account/Register", "register", new()
        {
            ["Input.AcceptTerms"] = "true", ["Input.DisplayName"] = "Jane", ["Input.Email"] = AccountSeeder.DemoBuyerEmail, ["Input.Password"] = "matkhau2026", ["Input.ConfirmPassword"] = "matkhau2026",
        });
        var error = await ErrorNoticeAsync(response);
        Assert.Equal("This email already has an account.", error.Trim());
        Assert.DoesNotContain("tài khoản", error);
    }
}
