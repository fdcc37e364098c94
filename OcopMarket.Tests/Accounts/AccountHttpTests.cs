using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Email;
using OcopMarket.Core.Seeding;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Accounts;

/// <summary>Sign-in, registration, lockout and password reset as a browser does them: forms, cookies, redirects.</summary>
public sealed class AccountHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    /// <summary>A browser-like client with its own cookie jar that does not follow redirects.</summary>
    private HttpClient NewBrowser() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<IHtmlDocument> HtmlAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>Fills a Blazor SSR form: reads its antiforgery token and handler name, then posts the fields.</summary>
    internal static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string formName, Dictionary<string, string> fields)
    {
        var page = await HtmlAsync(await client.GetAsync(url));
        var form = page.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .First(f => f.QuerySelector("input[name=_handler]")?.GetAttribute("value") == formName);
        var values = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["_handler"] = formName,
        };
        foreach (var hidden in form.QuerySelectorAll("input[type=hidden]"))
            if (hidden.GetAttribute("name") is { } name && !values.ContainsKey(name)) values[name] = hidden.GetAttribute("value") ?? "";
        foreach (var (k, v) in fields) values[k] = v;
        return await client.PostAsync(form.GetAttribute("action") ?? url, new FormUrlEncodedContent(values));
    }

    /// <summary>Where a redirect goes, resolved against the test server's origin.</summary>
    internal static Uri Target(HttpResponseMessage response) => new(new Uri("http://localhost"), response.Headers.Location!);

    internal static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        PostFormAsync(client, "/Account/Login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>The second step of a sign-in: the page the password step redirected to, with a code typed in.</summary>
    internal static Task<HttpResponseMessage> SecondFactorAsync(HttpClient client, HttpResponseMessage passwordStep, string code)
    {
        Assert.Equal(HttpStatusCode.Redirect, passwordStep.StatusCode);
        Assert.Equal("/Account/LoginWith2fa", Target(passwordStep).AbsolutePath);
        return PostFormAsync(client, Target(passwordStep).PathAndQuery, "login-2fa", new() { ["Input.Code"] = code });
    }

    /// <summary>The demo officer, both factors: the code is the README key's at the app's (fake) time.</summary>
    internal static async Task<HttpResponseMessage> SignInAsOfficerAsync(HttpClient client, OcopWebFactory app)
    {
        var passwordStep = await SignInAsync(client, AccountSeeder.DemoAdminEmail, AccountSeeder.DemoPassword);
        return await SecondFactorAsync(client, passwordStep, Totp.Code(AccountSeeder.DemoAdminAuthenticatorKey, app.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task Demo_producer_signs_in_and_lands_in_the_portal()
    {
        var client = NewBrowser();
        var response = await SignInAsync(client, "haodat@ocopmarket.test", AccountSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/portal", Target(response).AbsoluteUri);
        var portal = await client.GetAsync("/portal");
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
        Assert.Contains("Hợp tác xã chè Hảo Đạt", await portal.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_password_says_so_and_keeps_the_email()
    {
        var client = NewBrowser();
        var response = await SignInAsync(client, AccountSeeder.DemoBuyerEmail, "not-the-password1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlAsync(response);
        Assert.Contains("Email hoặc mật khẩu không đúng", page.QuerySelector(".notice.error")!.TextContent);
        Assert.Equal(AccountSeeder.DemoBuyerEmail, (page.QuerySelector("#login-email") as IHtmlInputElement)!.Value);
    }

    private const string WrongEmailOrPassword =
        "Email hoặc mật khẩu không đúng. Nếu đã nhập sai nhiều lần, hãy thử lại sau 15 phút hoặc đặt lại mật khẩu.";

    private const string TooManyFailuresFromHere = "Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này. Hãy thử lại sau 15 phút.";

    private static async Task<string?> RefusalAsync(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.OK ? (await HtmlAsync(response)).QuerySelector(".notice.error")?.TextContent.Trim() : null;

    private static async Task RegisterAsync(OcopWebFactory app, string email, string password) =>
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }),
            "/Account/Register", "register", new()
            {
                ["Input.AcceptTerms"] = "true", ["Input.DisplayName"] = "Đỗ Văn Khoá", ["Input.Email"] = email, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password,
            })).StatusCode);

    private static async Task<AppUser> UserAsync(OcopWebFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!;
    }

    /// <summary>
    /// Someone who knows an email types wrong passwords from one address: after five, that address is refused before
    /// any password is checked, so the owner, elsewhere, still signs in. The address may try again 15 minutes later.
    /// </summary>
    [Fact]
    public async Task Five_failures_from_one_address_throttle_that_address_and_leave_the_account_open()
    {
        // About the failure throttle and the lockout, not the request-rate limit, which would refuse first (10 a minute).
        await using var app = new OcopWebFactory { Settings = { ["RateLimits:SignInPerIp:Permits"] = "1000", ["RateLimits:SignInPerAccount:Permits"] = "1000" } };
        var email = $"throttle-{Guid.NewGuid():N}@example.test";
        await RegisterAsync(app, email, "matkhau2026");
        var attacker = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        for (var attempt = 1; attempt <= 5; attempt++)
            Assert.Equal(WrongEmailOrPassword, await RefusalAsync(await SignInAsync(attacker, email, $"wrong-password-{attempt}")));
        var throttledAt = app.Clock.GetUtcNow();
        for (var attempt = 6; attempt <= 20; attempt++)
            Assert.Equal(TooManyFailuresFromHere, await RefusalAsync(await SignInAsync(attacker, email, $"wrong-password-{attempt}")));
        Assert.Equal(TooManyFailuresFromHere, await RefusalAsync(await SignInAsync(attacker, email, "matkhau2026")));

        var user = await UserAsync(app, email);
        Assert.Equal(5, user.AccessFailedCount); // the 15 refused tries counted against no account
        Assert.Null(user.LockoutEnd);
        var owner = await SignInAsync(app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }), email, "matkhau2026");
        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
        Assert.Equal("http://localhost/", Target(owner).AbsoluteUri);

        app.Clock.AdjustTime(throttledAt + TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.Equal(TooManyFailuresFromHere, await RefusalAsync(await SignInAsync(attacker, email, "matkhau2026")));
        app.Clock.AdjustTime(throttledAt + TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(attacker, email, "matkhau2026")).StatusCode);
    }

    /// <summary>
    /// An IPv6 phone or home is given a whole /64: a script taking a fresh address in it for every try is still one
    /// address to the throttle, as it is to the request limits (AbuseLimits.ClientKey).
    /// </summary>
    [Fact]
    public async Task Fresh_IPv6_addresses_from_one_block_share_one_allowance_of_failures()
    {
        await using var app = new OcopWebFactory { Settings = { ["RateLimits:SignInPerIp:Permits"] = "1000", ["RateLimits:SignInPerAccount:Permits"] = "1000" } };
        var email = $"ipv6-{Guid.NewGuid():N}@example.test";
        await RegisterAsync(app, email, "matkhau2026");
        HttpClient From(string ip)
        {
            var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
            client.DefaultRequestHeaders.Remove(OcopWebFactory.ClientIpHeader);
            client.DefaultRequestHeaders.Add(OcopWebFactory.ClientIpHeader, ip);
            return client;
        }

        for (var attempt = 1; attempt <= 5; attempt++)
            Assert.Equal(WrongEmailOrPassword, await RefusalAsync(await SignInAsync(From($"2001:db8:7:9::{attempt:x}"), email, $"wrong-{attempt}")));
        Assert.Equal(TooManyFailuresFromHere, await RefusalAsync(await SignInAsync(From("2001:db8:7:9:abcd::1"), email, "wrong-6")));
        Assert.Equal(5, (await UserAsync(app, email)).AccessFailedCount);
        // The next /64 is someone else.
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(From("2001:db8:7:a::1"), email, "matkhau2026")).StatusCode);
    }

    /// <summary>
    /// The account's own limit, on the app's clock: ten failures (two addresses' worth) lock it for 15 minutes. The
    /// page says exactly the same for a locked account as for a wrong password, so a stranger learns nothing.
    /// </summary>
    [Fact]
    public async Task Ten_failures_from_two_addresses_lock_the_account_for_fifteen_minutes_with_the_wrong_password_answer()
    {
        // About the failure throttle and the lockout, not the request-rate limit, which would refuse first (10 a minute).
        await using var app = new OcopWebFactory { Settings = { ["RateLimits:SignInPerIp:Permits"] = "1000", ["RateLimits:SignInPerAccount:Permits"] = "1000" } };
        HttpClient Browser() => app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var email = $"lockout-{Guid.NewGuid():N}@example.test";
        await RegisterAsync(app, email, "matkhau2026");

        var first = Browser();
        var second = Browser();
        for (var attempt = 1; attempt <= 5; attempt++)
            Assert.Equal(WrongEmailOrPassword, await RefusalAsync(await SignInAsync(first, email, $"wrong-password-{attempt}")));
        for (var attempt = 6; attempt <= 9; attempt++)
            Assert.Equal(WrongEmailOrPassword, await RefusalAsync(await SignInAsync(second, email, $"wrong-password-{attempt}")));
        Assert.Null((await UserAsync(app, email)).LockoutEnd);
        var lockedAt = app.Clock.GetUtcNow();
        Assert.Equal(WrongEmailOrPassword, await RefusalAsync(await SignInAsync(second, email, "wrong-password-10")));
        Assert.Equal(lockedAt + TimeSpan.FromMinutes(15), (await UserAsync(app, email)).LockoutEnd);

        // The right password, from an address with no failures: refused, in the words of a wrong one.
        Assert.Equal(WrongEmailOrPassword, await RefusalAsync(await SignInAsync(Browser(), email, "matkhau2026")));
        app.Clock.AdjustTime(lockedAt + TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.Equal(WrongEmailOrPassword, await RefusalAsync(await SignInAsync(Browser(), email, "matkhau2026")));

        app.Clock.AdjustTime(lockedAt + TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var open = await SignInAsync(Browser(), email, "matkhau2026");
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Equal("http://localhost/", Target(open).AbsoluteUri);
    }

    [Fact]
    public async Task Registration_validates_in_vietnamese_and_keeps_what_was_typed()
    {
        var client = NewBrowser();
        var response = await PostFormAsync(client, "/Account/Register", "register", new()
        {
            ["Input.AcceptTerms"] = "true", ["Input.DisplayName"] = "Trần Văn Bình", ["Input.Email"] = "not-an-email", ["Input.Password"] = "short", ["Input.ConfirmPassword"] = "other",
        });
        var page = await HtmlAsync(response);
        var errors = string.Join(" | ", page.QuerySelectorAll(".field-error").Select(e => e.TextContent));
        Assert.Contains("không phải địa chỉ email hợp lệ", errors);
        Assert.Contains("cần từ 10 đến 100 ký tự", errors);
        Assert.Contains("không khớp", errors);
        Assert.Equal("Trần Văn Bình", (page.QuerySelector("#reg-name") as IHtmlInputElement)!.Value);
    }

    private async Task<HttpResponseMessage> RegisterWithPasswordAsync(string password) =>
        await PostFormAsync(NewBrowser(), "/Account/Register", "register", new()
        {
            ["Input.AcceptTerms"] = "true", ["Input.DisplayName"] = "Ngô Mật Khẩu", ["Input.Email"] = $"password-{Guid.NewGuid():N}@example.test",
            ["Input.Password"] = password, ["Input.ConfirmPassword"] = password,
        });

    /// <summary>Ten characters at least, refused by the form and by Identity itself (what a reset or an admin tool uses).</summary>
    [Fact]
    public async Task A_nine_character_password_is_refused()
    {
        var response = await RegisterWithPasswordAsync("chexanh26");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("mật khẩu cần từ 10 đến 100 ký tự", string.Join(" | ", (await HtmlAsync(response)).QuerySelectorAll(".field-error").Select(e => e.TextContent)));

        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var created = await users.CreateAsync(new AppUser { UserName = "nine@example.test", Email = "nine@example.test" }, "chexanh26");
        Assert.Equal(["PasswordTooShort"], created.Errors.Select(e => e.Code));
    }

    [Theory]
    [InlineData("1234567890")]    // on the list as it is
    [InlineData("Sunshine2026")]  // a listed one, any case, with a year after it
    [InlineData("iloveyou!!")]
    [InlineData("123456password")]
    public async Task A_common_password_is_refused_in_both_languages_words(string password)
    {
        var response = await RegisterWithPasswordAsync(password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn một câu dài hơn mà chỉ bạn biết.",
            (await HtmlAsync(response)).QuerySelector(".notice.error")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("chè xanh buổi sáng")]  // no digit, no capital: fine, it is long and not on the list
    [InlineData("matkhau2026")]
    [InlineData(AccountSeeder.DemoPassword)]
    public async Task A_long_uncommon_password_is_accepted(string password)
    {
        var response = await RegisterWithPasswordAsync(password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/", Target(response).AbsoluteUri);
    }

    [Fact]
    public async Task Registering_an_email_twice_is_refused()
    {
        var client = NewBrowser();
        var response = await PostFormAsync(client, "/Account/Register", "register", new()
        {
            ["Input.AcceptTerms"] = "true", ["Input.DisplayName"] = "X", ["Input.Email"] = AccountSeeder.DemoBuyerEmail, ["Input.Password"] = "matkhau2026", ["Input.ConfirmPassword"] = "matkhau2026",
        });
        Assert.Contains("Email này đã có tài khoản", (await HtmlAsync(response)).QuerySelector(".notice.error")!.TextContent);
    }

    [Fact]
    public async Task Password_reset_link_arrives_by_email_and_sets_a_new_password()
    {
        var email = $"reset-{Guid.NewGuid():N}@example.test";
        var client = NewBrowser();
        await PostFormAsync(client, "/Account/Register", "register", new()
        {
            ["Input.AcceptTerms"] = "true", ["Input.DisplayName"] = "Phạm Thu", ["Input.Email"] = email, ["Input.Password"] = "matkhau2026", ["Input.ConfirmPassword"] = "matkhau2026",
        });

        var anonymous = NewBrowser();
        var sent = await PostFormAsync(anonymous, "/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = email });
        Assert.NotNull((await HtmlAsync(sent)).QuerySelector("[data-testid=reset-sent]"));
        // The reset email waits in the outbox; send it now as the outbox worker would on its next tick.
        await factory.Services.GetRequiredService<OutboxSender>().SendDueAsync();

        var message = Directory.GetFiles(factory.MailDirectory, "*.eml")
            .Select(f => MimeMessage.Load(f))
            .Single(m => m.To.Mailboxes.Any(b => b.Address == email) && (m.Subject ?? "").Contains("Đặt lại mật khẩu")); // registration sent a confirmation too
        var link = new Uri(Regex.Match(message.TextBody ?? "", @"http://\S+/Account/ResetPassword\?code=\S+").Value);

        var reset = await PostFormAsync(anonymous, link.PathAndQuery, "reset-password", new()
        {
            ["Input.Email"] = email, ["Input.Password"] = "matkhaumoi2027", ["Input.ConfirmPassword"] = "matkhaumoi2027",
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(NewBrowser(), email, "matkhaumoi2027")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(NewBrowser(), email, "matkhau2026")).StatusCode); // old one no longer works
    }

    [Fact]
    public async Task Asking_to_reset_an_unknown_email_looks_the_same_and_sends_nothing()
    {
        await factory.Services.GetRequiredService<OutboxSender>().SendDueAsync(); // what other tests of this app queued
        var before = Directory.Exists(factory.MailDirectory) ? Directory.GetFiles(factory.MailDirectory).Length : 0;
        var sent = await PostFormAsync(NewBrowser(), "/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = "nobody@example.test" });
        Assert.NotNull((await HtmlAsync(sent)).QuerySelector("[data-testid=reset-sent]"));
        await factory.Services.GetRequiredService<OutboxSender>().SendDueAsync(); // what the outbox worker would send
        var after = Directory.Exists(factory.MailDirectory) ? Directory.GetFiles(factory.MailDirectory).Length : 0;
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_forged_reset_code_is_refused()
    {
        var response = await PostFormAsync(NewBrowser(), "/Account/ResetPassword?code=Zm9yZ2Vk", "reset-password", new()
        {
            ["Input.Email"] = AccountSeeder.DemoBuyerEmail, ["Input.Password"] = "matkhaumoi2027", ["Input.ConfirmPassword"] = "matkhaumoi2027",
        });
        Assert.Contains("không hợp lệ hoặc đã hết hạn", (await HtmlAsync(response)).QuerySelector(".notice.error")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(NewBrowser(), AccountSeeder.DemoBuyerEmail, AccountSeeder.DemoPassword)).StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    public async Task Sign_in_never_redirects_off_site(string returnUrl)
    {
        var client = NewBrowser();
        var response = await PostFormAsync(client, "/Account/Login?returnUrl=" + Uri.EscapeDataString(returnUrl), "login",
            new() { ["Input.Email"] = AccountSeeder.DemoBuyerEmail, ["Input.Password"] = AccountSeeder.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("localhost", Target(response).Host);
        Assert.DoesNotContain("evil", Target(response).AbsoluteUri);
    }

    /// <summary>Who may open which area: anonymous visitors are sent to sign in, the wrong role is refused.</summary>
    [Theory]
    [InlineData(null, "/portal", "login")]
    [InlineData(null, "/portal/products", "login")]
    [InlineData(null, "/portal/apply", "login")]
    [InlineData(null, "/admin", "login")]
    [InlineData("buyer@ocopmarket.test", "/portal", "denied")]
    [InlineData("buyer@ocopmarket.test", "/portal/products/1", "denied")]
    [InlineData("buyer@ocopmarket.test", "/admin", "denied")]
    [InlineData("buyer@ocopmarket.test", "/portal/apply", "ok")]
    [InlineData("vanhuong@ocopmarket.test", "/portal", "ok")]
    [InlineData("vanhuong@ocopmarket.test", "/portal/products", "ok")]
    [InlineData("vanhuong@ocopmarket.test", "/admin", "denied")]
    [InlineData("admin@ocopmarket.test", "/admin", "ok")]
    [InlineData("admin@ocopmarket.test", "/portal", "denied")]
    public async Task Authorization_matrix(string? email, string url, string expected)
    {
        var client = NewBrowser();
        if (email == AccountSeeder.DemoAdminEmail) Assert.Equal(HttpStatusCode.Redirect, (await SignInAsOfficerAsync(client, factory)).StatusCode);
        else if (email is not null) Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, email, AccountSeeder.DemoPassword)).StatusCode);
        var response = await client.GetAsync(url);
        switch (expected)
        {
            case "login":
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/Account/Login", new Uri(new Uri("http://x"), response.Headers.Location!).PathAndQuery);
                break;
            case "denied":
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/Account/AccessDenied", new Uri(new Uri("http://x"), response.Headers.Location!).PathAndQuery);
                break;
            default:
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                break;
        }
    }

    [Fact]
    public async Task Another_producers_product_id_in_the_url_shows_not_found()
    {
        var client = NewBrowser();
        await SignInAsync(client, "vanhuong@ocopmarket.test", AccountSeeder.DemoPassword);
        // Product 1 is the first seeded record, made by a producer other than Vân Hương.
        var page = await HtmlAsync(await client.GetAsync("/portal/products/1"));
        Assert.NotNull(page.QuerySelector("[data-testid=not-found]"));
        Assert.Null(page.QuerySelector("[data-testid=field-name]"));
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = NewBrowser();
        await SignInAsync(client, "vanhuong@ocopmarket.test", AccountSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/portal")).StatusCode);
        var home = await HtmlAsync(await client.GetAsync("/"));
        var token = home.QuerySelector("form[action='/Account/Logout'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var logout = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/portal")).StatusCode);
    }
}
