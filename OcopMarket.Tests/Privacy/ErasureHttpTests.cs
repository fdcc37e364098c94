using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Seeding;
using OcopMarket.Tests.Accounts;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Privacy;

/// <summary>Correcting and deleting one's data as a browser does it: behind the password and the antiforgery token, one's own only.</summary>
public sealed class ErasureHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private const string Password = "matkhau-xoa-2026";

    /// <summary>A browser whose cookies the test can read and copy.</summary>
    private (HttpClient Client, CookieContainer Jar) NewBrowser()
    {
        var jar = new CookieContainer();
        return (factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(jar)), jar);
    }

    /// <summary>Registers a fresh account (which signs it in) in a browser of its own.</summary>
    private async Task<(HttpClient Client, CookieContainer Jar, string Email)> RegisteredAsync()
    {
        var (client, jar) = NewBrowser();
        var email = $"xoa-{Guid.NewGuid():N}@example.test";
        var response = await AccountHttpTests.PostFormAsync(client, "/Account/Register", "register", new()
        {
            ["Input.AcceptTerms"] = "true", ["Input.DisplayName"] = "Đỗ Thị Xoá", ["Input.Email"] = email,
            ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, jar, email);
    }

    private async Task<AppUser?> UserAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
    }

    private static Task<HttpResponseMessage> DeleteAsync(HttpClient client, string password) =>
        AccountHttpTests.PostFormAsync(client, "/tai-khoan/xoa-tai-khoan", "delete", new()
        {
            ["password"] = password, ["reviews"] = "delete", ["confirm"] = "true",
        });

    [Theory]
    [InlineData("/tai-khoan/thong-tin")]
    [InlineData("/tai-khoan/xoa-tai-khoan")]
    public async Task A_visitor_who_is_not_signed_in_is_sent_to_sign_in(string path)
    {
        var response = await NewBrowser().Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", AccountHttpTests.Target(response).PathAndQuery);
    }

    [Fact]
    public async Task The_account_is_not_deleted_without_its_password()
    {
        var (client, _, email) = await RegisteredAsync();
        var page = await StorefrontForms.HtmlAsync(await client.GetAsync("/tai-khoan/xoa-tai-khoan"));
        Assert.Contains("không hoàn tác", page.QuerySelector("[data-testid=delete-explained]")!.ParentElement!.TextContent);

        var wrong = await DeleteAsync(client, "not-my-password");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Mật khẩu không đúng", (await StorefrontForms.HtmlAsync(wrong)).QuerySelector("[data-testid=delete-error]")!.TextContent);
        var empty = await DeleteAsync(client, "");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.NotNull(await UserAsync(email));
    }

    [Fact]
    public async Task A_forged_or_cross_site_post_deletes_nothing()
    {
        var (victim, _, email) = await RegisteredAsync();
        // No antiforgery token at all (a form on another site posting with the victim's cookie).
        var forged = await victim.PostAsync("/tai-khoan/xoa-tai-khoan", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "delete", ["password"] = Password, ["reviews"] = "delete", ["confirm"] = "true",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        // The attacker's own valid token, from the attacker's own session, posted with the victim's cookie.
        var (attacker, _, _) = await RegisteredAsync();
        var attackerPage = await StorefrontForms.HtmlAsync(await attacker.GetAsync("/tai-khoan/xoa-tai-khoan"));
        var token = attackerPage.QuerySelector("form[data-testid=delete-form] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var replayed = await victim.PostAsync("/tai-khoan/xoa-tai-khoan", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "delete", ["password"] = Password, ["reviews"] = "delete", ["confirm"] = "true",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.NotNull(await UserAsync(email));
    }

    [Fact]
    public async Task After_deleting_the_account_a_copy_of_its_cookie_opens_nothing_and_it_cannot_sign_in()
    {
        var (client, jar, email) = await RegisteredAsync();
        var copied = jar.GetCookieHeader(new Uri("http://localhost"));
        Assert.Contains(".AspNetCore.Identity.Application", copied);

        var response = await DeleteAsync(client, Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/tai-khoan/da-xoa", AccountHttpTests.Target(response).AbsolutePath);
        Assert.Null(await UserAsync(email));
        var stolen = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        foreach (var path in new[] { "/tai-khoan/thong-tin", "/tai-khoan/du-lieu-cua-toi.json" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", copied);
            var replay = await stolen.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
            Assert.StartsWith("/Account/Login", AccountHttpTests.Target(replay).PathAndQuery);
        }
        var signIn = await AccountHttpTests.SignInAsync(NewBrowser().Client, email, Password);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode); // the form again, with the refusal
    }

    [Fact]
    public async Task A_person_corrects_their_name_and_a_bad_phone_is_refused_in_their_language()
    {
        var (client, _, email) = await RegisteredAsync();
        var bad = await AccountHttpTests.PostFormAsync(client, "/tai-khoan/thong-tin", "details", new() { ["name"] = "Đỗ Thị Sửa", ["phone"] = "12345" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Số điện thoại không hợp lệ", (await StorefrontForms.HtmlAsync(bad)).QuerySelector("[data-testid=details-error]")!.TextContent);

        var good = await AccountHttpTests.PostFormAsync(client, "/tai-khoan/thong-tin", "details", new() { ["name"] = "Đỗ Thị Sửa", ["phone"] = "0912 345 678" });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var user = (await UserAsync(email))!;
        Assert.Equal(("Đỗ Thị Sửa", "0912345678"), (user.DisplayName, user.PhoneNumber));

        var request = await AccountHttpTests.PostFormAsync(client, "/tai-khoan/thong-tin", "request", new() { ["kind"] = "Correction", ["text"] = "Email đúng là sua@example.test" });
        Assert.Equal(HttpStatusCode.Redirect, request.StatusCode);
        var page = await StorefrontForms.HtmlAsync(await client.GetAsync(AccountHttpTests.Target(request).PathAndQuery));
        Assert.NotNull(page.QuerySelector("[data-testid=request-sent]"));
        Assert.Single(page.QuerySelectorAll("[data-testid=my-request]"));
    }

    [Fact]
    public async Task A_guest_asks_with_their_link_and_nobody_else_can_ask_for_their_orders()
    {
        var placed = await PlaceGuestOrderAsync();
        var link = OrderPaths.BuyerOrder(placed.CheckoutId, placed.AccessToken);
        var (guest, _) = NewBrowser();

        var sent = await PostGuestFormAsync(guest, link, new() { ["kind"] = "Deletion", ["text"] = "Xin xoá" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("yeu-cau=", AccountHttpTests.Target(sent).Query);
        var after = await StorefrontForms.HtmlAsync(await guest.GetAsync(AccountHttpTests.Target(sent).PathAndQuery));
        Assert.NotNull(after.QuerySelector("[data-testid=guest-request-sent]"));
        Assert.Single(after.QuerySelectorAll("[data-testid=guest-request-row]"));

        // The form of the page, posted with another secret: the same 404 as the page gives.
        var (stranger, _) = NewBrowser();
        var wrong = await PostGuestFormAsync(stranger, link, new() { ["t"] = "not-the-secret", ["kind"] = "Deletion" });
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        var noToken = await stranger.PostAsync("/don-hang/yeu-cau-du-lieu", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["checkoutId"] = placed.CheckoutId.ToString(), ["t"] = placed.AccessToken, ["kind"] = "Deletion",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode); // no antiforgery token: refused before anything is read
    }

    /// <summary>The guest's request form on the orders page: its token and hidden fields, then the fields given.</summary>
    private static async Task<HttpResponseMessage> PostGuestFormAsync(HttpClient client, string orderPage, Dictionary<string, string> fields)
    {
        var page = await StorefrontForms.HtmlAsync(await client.GetAsync(orderPage));
        var form = page.QuerySelector("form[data-testid=guest-request-form]")!;
        var values = new Dictionary<string, string>();
        foreach (var hidden in form.QuerySelectorAll("input[type=hidden]"))
            if (hidden.GetAttribute("name") is { } name) values[name] = hidden.GetAttribute("value") ?? "";
        foreach (var (k, v) in fields) values[k] = v;
        return await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(values));
    }

    private async Task<PlacedCheckout> PlaceGuestOrderAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var dbFactory = scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<OcopMarket.Core.Persistence.OcopDbContext>>();
        int id;
        long price;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var tea = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Products, p => p.Slug == "che-dinh-tan-cuong");
            tea.SetStock(Math.Max(tea.Stock, 50));
            await db.SaveChangesAsync();
            (id, price) = (tea.Id, tea.PriceVnd);
        }
        return await scope.ServiceProvider.GetRequiredService<CheckoutService>().PlaceAsync(new CheckoutRequest([new CheckoutLine(id, 1, price)],
            new DeliveryAddress("Khách Hỏi", "0977555666", "Số 1", "05503", "19", null), PaymentMethod.CashOnDelivery, null,
            "khach-hoi@example.test", ClientIp: OcopWebFactory.NewClientIp()));
    }

    [Fact]
    public async Task Buyers_reach_neither_the_officers_desk_nor_the_data_set_download()
    {
        var (buyer, _) = NewBrowser();
        await AccountHttpTests.SignInAsync(buyer, AccountSeeder.DemoBuyerEmail, AccountSeeder.DemoPassword);
        foreach (var path in new[] { "/admin/yeu-cau-du-lieu", "/admin/du-lieu-lien-quan", "/admin/du-lieu-lien-quan.csv?tap=4&bang=AspNetUsers" })
        {
            var response = await buyer.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"{path}: {response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect) Assert.Contains("AccessDenied", AccountHttpTests.Target(response).AbsolutePath);
        }
    }

    [Fact]
    public async Task The_officer_downloads_whom_a_data_set_concerns_as_csv()
    {
        var (officer, _) = NewBrowser();
        await AccountHttpTests.SignInAsOfficerAsync(officer, factory);
        var response = await officer.GetAsync("/admin/du-lieu-lien-quan.csv?tap=4&bang=AspNetUsers");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var csv = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("account,email,phone,name,rows", csv.TrimStart('\uFEFF'));
        Assert.Contains(AccountSeeder.DemoBuyerEmail, csv);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync("/admin/du-lieu-lien-quan.csv?tap=99")).StatusCode);
    }
}
