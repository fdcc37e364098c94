using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Accounts;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Security;

/// <summary>
/// Every public form post with the corpus's values in its fields, without its antiforgery token, and with a body
/// far larger than any person sends: never a server error, markup never written back as markup, and no row stored
/// that should not be (orders, checkouts, users and outgoing emails counted before and after).
/// </summary>
public sealed class FormBadInputTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private HttpClient NewBrowser() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The rows a public form could add: a bad post must leave every count as it was.</summary>
    private async Task<(int Orders, int Users, int Emails)> CountRowsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        return (await db.Orders.CountAsync(), await db.Users.CountAsync(), await db.OutboxEmails.CountAsync());
    }

    /// <summary>
    /// Every public POST, as its form would send it but with no antiforgery token (and no cookie for one). Adding to
    /// the cart has no token (its form is on cached pages): it refuses cross-site posts by their headers instead
    /// (CartHttpTests.A_cross_site_cart_post_is_refused_and_the_cart_is_kept).
    /// </summary>
    public static TheoryData<string, string> PostsWithoutToken() => new()
    {
        { "/gio-hang/cap-nhat", "productId=1&quantity=1" },
        { "/gio-hang/xoa", "productId=1" },
        { "/don-hang/huy", $"checkoutId={Guid.NewGuid()}&orderId=1&t=x" },
        { "/thanh-toan/the", $"checkoutId={Guid.NewGuid()}&t=x" },
        { "/dat-hang", "_handler=checkout&Input.Name=A&Input.Phone=0912345678&Input.Street=x&Input.CommuneCode=05503&Input.Step=place" },
        { "/Account/Login", "_handler=login&Input.Email=buyer%40ocopmarket.test&Input.Password=x" },
        { "/Account/Register", "_handler=register&Input.AcceptTerms=true&Input.DisplayName=A&Input.Email=new%40example.com&Input.Password=Passw0rd!&Input.ConfirmPassword=Passw0rd!" },
        { "/Account/ForgotPassword", "_handler=forgot-password&Input.Email=buyer%40ocopmarket.test" },
        { "/Account/ResetPassword", "_handler=reset-password&Input.Email=buyer%40ocopmarket.test&Input.Code=x&Input.Password=Passw0rd!&Input.ConfirmPassword=Passw0rd!" },
        { "/Account/Logout", "returnUrl=/" },
    };

    [Theory]
    [MemberData(nameof(PostsWithoutToken))]
    public async Task A_post_without_its_antiforgery_token_is_refused_and_changes_nothing(string url, string body)
    {
        var before = await CountRowsAsync();
        var response = await NewBrowser().PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("ocop_cart=", StringComparison.Ordinal)),
            "A refused post set a cart cookie.");
        Assert.Equal(before, await CountRowsAsync());
    }

    [Theory]
    [InlineData("/gio-hang/them")]
    [InlineData("/dat-hang")]
    [InlineData("/Account/Login")]
    [InlineData("/stripe/webhook")]
    public async Task A_body_of_five_megabytes_is_answered_below_500_and_changes_nothing(string url)
    {
        var before = await CountRowsAsync();
        var body = "productId=1&quantity=" + new string('9', 5 * 1024 * 1024);
        var response = await NewBrowser().PostAsync(url, new StringContent(body, System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"));
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal(before, await CountRowsAsync());
    }

    [Theory]
    [MemberData(nameof(BadInputCorpus.TextKinds), MemberType = typeof(BadInputCorpus))]
    public async Task The_stripe_webhook_refuses_an_unsigned_body_of_any_kind(string kind)
    {
        var before = await CountRowsAsync();
        var response = await NewBrowser().PostAsync("/stripe/webhook", new StringContent(BadInputCorpus.Text[kind], System.Text.Encoding.UTF8, "application/json"));
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal(before, await CountRowsAsync());
    }

    /// <summary>
    /// The kinds tried in the account and checkout forms: one post per kind (each form is rate-limited, so not the
    /// whole corpus), every text field carrying it.
    /// </summary>
    /// <summary>
    /// A NUL in a Blazor form field fails the framework's antiforgery check (a 400 before the form runs), which no
    /// browser a person types into sends; the tests hold it to that 400 and to nothing stored.
    /// </summary>
    private const string RefusedBeforeTheForm = "nul";

    public static TheoryData<string> FormKinds() => ["script-tag", "attribute-breakout", "sql-or-true", "fts-near", "five-thousand-chars", "nul", "right-to-left-override"];

    [Theory]
    [MemberData(nameof(FormKinds))]
    public async Task Sign_in_with_a_bad_value_in_every_field_is_refused_with_a_message_and_escaped(string kind)
    {
        var payload = BadInputCorpus.Text[kind];
        var response = await AccountHttpTests.PostFormAsync(NewBrowser(), "/Account/Login", "login",
            new() { ["Input.Email"] = payload, ["Input.Password"] = payload });
        if (kind == RefusedBeforeTheForm)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return;
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await BadInputHttpTests.AssertHandledWithoutEchoAsync(response, payload, "sign-in");
        var page = await BadInputHttpTests.HtmlAsync(response);
        Assert.NotEmpty((page.QuerySelector(".notice.error")?.TextContent ?? "") + string.Concat(page.QuerySelectorAll(".field-error, .validation-message").Select(e => e.TextContent)));
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [MemberData(nameof(FormKinds))]
    public async Task Registering_with_a_bad_value_in_every_field_stores_no_account_and_says_why(string kind)
    {
        var payload = BadInputCorpus.Text[kind];
        var before = await CountRowsAsync();
        var response = await AccountHttpTests.PostFormAsync(NewBrowser(), "/Account/Register", "register", new()
        {
            ["Input.AcceptTerms"] = "true", ["Input.DisplayName"] = payload, ["Input.Email"] = payload, ["Input.Password"] = payload, ["Input.ConfirmPassword"] = payload,
        });
        if (kind == RefusedBeforeTheForm)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(before, await CountRowsAsync());
            return;
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await BadInputHttpTests.AssertHandledWithoutEchoAsync(response, payload, "register");
        var page = await BadInputHttpTests.HtmlAsync(response);
        Assert.NotEmpty(page.QuerySelectorAll(".field-error, .validation-message, .notice.error"));
        Assert.Equal(before, await CountRowsAsync());
    }

    [Theory]
    [MemberData(nameof(FormKinds))]
    public async Task A_password_reset_asked_for_a_bad_email_sends_nothing(string kind)
    {
        var payload = BadInputCorpus.Text[kind];
        var before = await CountRowsAsync();
        var response = await AccountHttpTests.PostFormAsync(NewBrowser(), "/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = payload });
        Assert.True((int)response.StatusCode < 500, $"forgot-password answered {(int)response.StatusCode}.");
        await BadInputHttpTests.AssertHandledWithoutEchoAsync(response, payload, "forgot-password");
        Assert.Equal(before, await CountRowsAsync());
    }
}
