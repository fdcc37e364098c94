using System.Net;
using AngleSharp.Html.Parser;
using OcopMarket.Tests.Accounts;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.AbuseLimits;

/// <summary>
/// Each limited form at its default limit: as many posts as the limit pass, the next is refused with 429, a
/// Retry-After of the window and a short page in the visitor's language. Every case comes from its own made-up IP
/// (and names its own accounts), so the cases share the app but not an allowance. Each runs with the limits counted
/// in the process (one node) and in the database (several nodes, <c>RateLimits:Store</c>).
/// </summary>
public abstract class AbuseLimitHttpTests(AbuseLimitWebFactory factory)
{
    public sealed class CountedInMemory(AbuseLimitWebFactory.CountingInMemory app) : AbuseLimitHttpTests(app), IClassFixture<AbuseLimitWebFactory.CountingInMemory>;
    public sealed class CountedInDatabase(AbuseLimitWebFactory.CountingInDatabase app) : AbuseLimitHttpTests(app), IClassFixture<AbuseLimitWebFactory.CountingInDatabase>;

    /// <summary>
    /// The limited forms with their default per-IP limit and window. Each post names a different account (where a
    /// form names one), so the per-IP limit is the one reached.
    /// </summary>
    public static TheoryData<string, string, string?, int, int> LimitedForms => new()
    {
        // action, path, Blazor form name (null: a minimal API endpoint), permits, window in seconds
        { "sign-in", "/Account/Login", "login", 10, 60 },
        { "register", "/Account/Register", "register", 5, 3600 },
        { "forgot-password", "/Account/ForgotPassword", "forgot-password", 5, 900 },
        { "reset-password", "/Account/ResetPassword", "reset-password", 10, 900 },
        { "checkout-place", "/dat-hang", "checkout", 10, 600 },
        { "cart-add", "/gio-hang/them", null, 60, 60 },
        { "order-cancel", "/don-hang/huy", null, 10, 600 },
        { "card-payment-start", "/thanh-toan/the", null, 10, 600 },
    };

    private static Dictionary<string, string> Fields(string action, int n) => action switch
    {
        "sign-in" => new() { ["Input.Email"] = $"guess-{n}-{Guid.NewGuid():N}@example.test", ["Input.Password"] = "doan-mat-khau-1" },
        "register" => new()
        {
            ["Input.AcceptTerms"] = "true", ["Input.DisplayName"] = "Khách thử", ["Input.Email"] = $"new-{n}-{Guid.NewGuid():N}@example.test",
            ["Input.Password"] = "matkhau2026", ["Input.ConfirmPassword"] = "matkhau2026",
        },
        "forgot-password" => new() { ["Input.Email"] = $"forgot-{n}-{Guid.NewGuid():N}@example.test" },
        "reset-password" => new()
        {
            ["Input.Code"] = "Zm9yZ2Vk", ["Input.Email"] = $"reset-{n}-{Guid.NewGuid():N}@example.test",
            ["Input.Password"] = "matkhaumoi2027", ["Input.ConfirmPassword"] = "matkhaumoi2027",
        },
        "checkout-place" => new() { ["Input.Step"] = "place", ["Input.Name"] = "Khách", ["Input.Phone"] = "0912345678" },
        "cart-add" => new() { ["productId"] = "1", ["quantity"] = "1" },
        "order-cancel" => new() { ["checkoutId"] = Guid.NewGuid().ToString(), ["orderId"] = "1", ["t"] = "x" },
        "card-payment-start" => new() { ["checkoutId"] = Guid.NewGuid().ToString(), ["t"] = "x" },
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>The antiforgery token of a form the app served to this browser (valid for any of its posts).</summary>
    private static async Task<string> TokenAsync(HttpClient browser)
    {
        var page = new HtmlParser().ParseDocument(await (await browser.GetAsync("/Account/Login")).Content.ReadAsStringAsync());
        return page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient browser, string path, string? formName, string? token, Dictionary<string, string> fields)
    {
        if (token is not null) fields["__RequestVerificationToken"] = token;
        if (formName is not null) fields["_handler"] = formName;
        return browser.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    [Theory]
    [MemberData(nameof(LimitedForms))]
    public async Task A_form_takes_its_limit_from_one_IP_then_answers_429_with_Retry_After_and_a_page(
        string action, string path, string? formName, int permits, int windowSeconds)
    {
        var browser = factory.Browser(OcopWebFactory.NewClientIp());
        var token = await TokenAsync(browser);

        for (var n = 1; n <= permits; n++)
        {
            var passed = await PostAsync(browser, path, formName, token, Fields(action, n));
            Assert.True(passed.StatusCode != HttpStatusCode.TooManyRequests, $"{action}: post {n} of {permits} was refused.");
            Assert.False(passed.Headers.Contains("Retry-After"), $"{action}: post {n} carries Retry-After.");
        }

        var refused = await PostAsync(browser, path, formName, token, Fields(action, permits + 1));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        // A fixed window tells the longest wait: the whole window.
        Assert.Equal(TimeSpan.FromSeconds(windowSeconds), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        var page = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Equal("vi", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Quá nhiều yêu cầu", page.QuerySelector("h1")!.TextContent);
        var wait = windowSeconds < 60 ? $"{windowSeconds} giây" : $"{windowSeconds / 60} phút";
        Assert.Equal($"Bạn đã gửi biểu mẫu này quá nhiều lần. Hãy thử lại sau {wait}.",
            page.QuerySelector("[data-testid=too-many-requests]")!.TextContent);
    }

    [Fact]
    public async Task The_refusal_page_is_in_English_for_a_visitor_who_chose_English()
    {
        var browser = factory.BrowserInLanguage(OcopWebFactory.NewClientIp(), "en");
        // No token: the limit counts every post, even one the antiforgery check then refuses.
        for (var n = 1; n <= 5; n++) Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(browser, "/Account/ForgotPassword", "forgot-password", null, Fields("forgot-password", n))).StatusCode);

        var refused = await PostAsync(browser, "/Account/ForgotPassword", "forgot-password", null, Fields("forgot-password", 6));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(15), refused.Headers.RetryAfter?.Delta);
        var page = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Too many requests", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("You have sent this form too many times. Please try again in 15 minutes.",
            page.QuerySelector("[data-testid=too-many-requests]")!.TextContent);
    }

    [Fact]
    public async Task Another_IP_keeps_its_own_allowance()
    {
        var spent = factory.Browser(OcopWebFactory.NewClientIp());
        var token = await TokenAsync(spent);
        for (var n = 1; n <= 10; n++) await PostAsync(spent, "/Account/Login", "login", token, Fields("sign-in", n));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostAsync(spent, "/Account/Login", "login", token, Fields("sign-in", 11))).StatusCode);

        var other = factory.Browser(OcopWebFactory.NewClientIp());
        var otherToken = await TokenAsync(other);
        var answer = await PostAsync(other, "/Account/Login", "login", otherToken, Fields("sign-in", 1));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode); // the sign-in page again, saying the password is wrong
        Assert.Contains("Email hoặc mật khẩu không đúng.", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_in_naming_one_account_is_limited_however_many_IPs_it_comes_from()
    {
        var email = $"target-{Guid.NewGuid():N}@example.test";
        Dictionary<string, string> Guess() => new() { ["Input.Email"] = email, ["Input.Password"] = "doan-mat-khau-1" };
        for (var n = 1; n <= 10; n++)
        {
            var browser = factory.Browser(OcopWebFactory.NewClientIp());
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(browser, "/Account/Login", "login", await TokenAsync(browser), Guess())).StatusCode);
        }

        var fresh = factory.Browser(OcopWebFactory.NewClientIp());
        var refused = await PostAsync(fresh, "/Account/Login", "login", await TokenAsync(fresh), Guess());

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(15), refused.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_signed_in_account_is_limited_however_many_IPs_it_adds_to_the_cart_from()
    {
        var email = $"cart-{Guid.NewGuid():N}@example.test";
        var browser = factory.Browser(OcopWebFactory.NewClientIp());
        Assert.Equal(HttpStatusCode.Redirect, (await AccountHttpTests.PostFormAsync(browser, "/Account/Register", "register", new()
        {
            ["Input.AcceptTerms"] = "true", ["Input.DisplayName"] = "Khách thử", ["Input.Email"] = email, ["Input.Password"] = "matkhau2026", ["Input.ConfirmPassword"] = "matkhau2026",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AccountHttpTests.SignInAsync(browser, email, "matkhau2026")).StatusCode);
        // The token of a signed-in page (the header's sign-out form): tokens belong to the user they were made for.
        var home = new HtmlParser().ParseDocument(await (await browser.GetAsync("/")).Content.ReadAsStringAsync());
        var token = home.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // The same signed-in browser moving to a new address for every post (a script behind many proxies).
        async Task<HttpResponseMessage> AddFromNewIpAsync()
        {
            browser.DefaultRequestHeaders.Remove(OcopWebFactory.ClientIpHeader);
            browser.DefaultRequestHeaders.Add(OcopWebFactory.ClientIpHeader, OcopWebFactory.NewClientIp());
            return await PostAsync(browser, "/gio-hang/them", null, token, Fields("cart-add", 0));
        }
        for (var n = 1; n <= 60; n++) Assert.Equal(HttpStatusCode.Redirect, (await AddFromNewIpAsync()).StatusCode);

        var refused = await AddFromNewIpAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(1), refused.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Filling_in_and_reviewing_the_checkout_are_not_counted_as_placing()
    {
        var browser = factory.Browser(OcopWebFactory.NewClientIp());
        var token = await TokenAsync(browser);
        for (var n = 1; n <= 15; n++)
        {
            var review = Fields("checkout-place", n);
            review["Input.Step"] = "review";
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostAsync(browser, "/dat-hang", "checkout", token, review)).StatusCode);
        }
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostAsync(browser, "/dat-hang", "checkout", token, Fields("checkout-place", 1))).StatusCode);
    }
}

/// <summary>A window set in the settings: the refusal names it, and once it has passed the client may post again.</summary>
public sealed class AbuseLimitWindowTests
{
    private sealed class AppWithShortSignInWindow : OcopWebFactory
    {
        public AppWithShortSignInWindow(string store) => Settings["RateLimits:Store"] = store;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimits:SignInPerIp:Permits", "2");
            builder.UseSetting("RateLimits:SignInPerIp:Window", "00:00:02");
        }
    }

    [Theory]
    [InlineData("Memory")]
    [InlineData("Database")]
    public async Task The_limit_starts_again_when_its_window_has_passed(string store)
    {
        await using var app = new AppWithShortSignInWindow(store);
        var browser = app.CreateClient(new() { AllowAutoRedirect = false });
        // Posts without a token: the limit counts them before the antiforgery check refuses them (400).
        Task<HttpResponseMessage> PostAsync() => browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.Email"] = "w@example.test", ["Input.Password"] = "doan-mat-khau-1",
        }));
        // Post until refused: on a busy machine a window may already start again between the first posts.
        HttpResponseMessage? refused = null;
        for (var n = 0; n < 10 && refused is null; n++)
            if (await PostAsync() is { StatusCode: HttpStatusCode.TooManyRequests } answer) refused = answer;
        Assert.NotNull(refused);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);

        // The built-in limiters keep time with the machine's stopwatch (real seconds); the database's windows with
        // the app's TimeProvider.
        if (store == "Memory") await Task.Delay(TimeSpan.FromSeconds(2.5));
        else app.Clock.AdjustTime(app.Clock.GetUtcNow() + TimeSpan.FromSeconds(2.5));

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync()).StatusCode); // past the limiter again, to the token check
    }
}
