using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Seeding;
using OcopMarket.Tests.Support;
using static OcopMarket.Tests.Accounts.AccountHttpTests;

namespace OcopMarket.Tests.Accounts;

/// <summary>Two-factor sign-in with an authenticator app, and the rule that officers must have it.</summary>
public sealed class TwoFactorHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private HttpClient NewBrowser() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    private string CodeNow(string key) => Totp.Code(key, factory.Clock.GetUtcNow());

    private static async Task<string?> ErrorAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector(".notice.error")?.TextContent.Trim();

    /// <summary>A new officer account with only a password, as an administrator would add one.</summary>
    private async Task<string> NewOfficerWithoutSecondFactorAsync()
    {
        var email = $"officer-{Guid.NewGuid():N}@example.test";
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var officer = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Cán bộ mới" };
        Assert.True((await users.CreateAsync(officer, "matkhau-can-bo-2026")).Succeeded);
        Assert.True((await users.AddToRoleAsync(officer, Roles.Admin)).Succeeded);
        return email;
    }

    [Fact]
    public async Task The_demo_officer_signs_in_with_the_readme_key_and_lands_at_the_admin_desk()
    {
        var client = NewBrowser();
        var passwordStep = await SignInAsync(client, AccountSeeder.DemoAdminEmail, AccountSeeder.DemoPassword);
        Assert.Equal("/Account/LoginWith2fa", Target(passwordStep).AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode); // the password alone opens nothing

        var signedIn = await SecondFactorAsync(client, passwordStep, CodeNow(AccountSeeder.DemoAdminAuthenticatorKey));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("http://localhost/admin", Target(signedIn).AbsoluteUri);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_code_is_refused_and_leaves_the_officer_signed_out()
    {
        var client = NewBrowser();
        var passwordStep = await SignInAsync(client, AccountSeeder.DemoAdminEmail, AccountSeeder.DemoPassword);
        var right = CodeNow(AccountSeeder.DemoAdminAuthenticatorKey);
        var wrong = ((int.Parse(right) + 1) % 1_000_000).ToString("D6");
        var refused = await SecondFactorAsync(client, passwordStep, wrong);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("Mã không đúng hoặc đã hết hạn. Nếu đã nhập sai nhiều lần, hãy thử lại sau 15 phút.", await ErrorAsync(refused));
        var admin = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Equal("/Account/Login", Target(admin).AbsolutePath);
    }

    /// <summary>
    /// An officer without two-factor is sent from the admin desk to set it up: a QR code and the key in text, a code
    /// from the app turns it on and shows ten recovery codes once; from then on sign-in asks for a code, and a recovery
    /// code works once in its place.
    /// </summary>
    [Fact]
    public async Task An_officer_without_two_factor_is_sent_to_set_it_up_before_the_admin_desk_opens()
    {
        var email = await NewOfficerWithoutSecondFactorAsync();
        var client = NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, email, "matkhau-can-bo-2026")).StatusCode);

        var admin = await client.GetAsync("/admin/producers");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Equal("http://localhost/Account/TwoFactor?returnUrl=%2Fadmin%2Fproducers", Target(admin).AbsoluteUri);

        var setup = new HtmlParser().ParseDocument(await client.GetStringAsync(Target(admin).PathAndQuery));
        Assert.NotNull(setup.QuerySelector("[data-testid=two-factor-required]"));
        Assert.NotNull(setup.QuerySelector("[data-testid=authenticator-qr] svg"));
        var key = setup.QuerySelector("[data-testid=authenticator-key]")!.TextContent.Replace(" ", "").ToUpperInvariant();
        Assert.Equal(32, key.Length);

        var wrongCode = await PostFormAsync(client, Target(admin).PathAndQuery, "two-factor-verify", new() { ["Input.Code"] = "000000" == CodeNow(key) ? "111111" : "000000" });
        Assert.Equal("Mã không đúng. Hãy kiểm tra giờ trên điện thoại và nhập mã đang hiện.", await ErrorAsync(wrongCode));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode);

        var turnedOn = new HtmlParser().ParseDocument(await (await PostFormAsync(client, Target(admin).PathAndQuery, "two-factor-verify",
            new() { ["Input.Code"] = CodeNow(key) })).Content.ReadAsStringAsync());
        Assert.NotNull(turnedOn.QuerySelector("[data-testid=two-factor-on]"));
        var recoveryCodes = turnedOn.QuerySelectorAll("[data-testid=recovery-codes] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, recoveryCodes.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/producers")).StatusCode);

        // The next sign-in needs the second factor; a recovery code stands in for the phone, once.
        var elsewhere = NewBrowser();
        var passwordStep = await SignInAsync(elsewhere, email, "matkhau-can-bo-2026");
        var withRecovery = await SecondFactorAsync(elsewhere, passwordStep, recoveryCodes[3]);
        Assert.Equal("http://localhost/admin", Target(withRecovery).AbsoluteUri);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/admin")).StatusCode);

        var again = NewBrowser();
        var reused = await SecondFactorAsync(again, await SignInAsync(again, email, "matkhau-can-bo-2026"), recoveryCodes[3]);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task A_buyer_can_turn_on_two_factor_and_is_then_asked_for_a_code()
    {
        var email = $"buyer-2fa-{Guid.NewGuid():N}@example.test";
        var client = NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, "/Account/Register", "register", new()
        {
            ["Input.AcceptTerms"] = "true", ["Input.DisplayName"] = "Lê Hai Lớp", ["Input.Email"] = email, ["Input.Password"] = "matkhau2026", ["Input.ConfirmPassword"] = "matkhau2026",
        })).StatusCode);
        var setup = new HtmlParser().ParseDocument(await client.GetStringAsync("/Account/TwoFactor"));
        Assert.Null(setup.QuerySelector("[data-testid=two-factor-required]")); // offered, not demanded
        var key = setup.QuerySelector("[data-testid=authenticator-key]")!.TextContent.Replace(" ", "").ToUpperInvariant();
        await PostFormAsync(client, "/Account/TwoFactor", "two-factor-verify", new() { ["Input.Code"] = CodeNow(key) });

        var next = NewBrowser();
        var passwordStep = await SignInAsync(next, email, "matkhau2026");
        var signedIn = await SecondFactorAsync(next, passwordStep, CodeNow(key));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("http://localhost/", Target(signedIn).AbsoluteUri);
    }
}
