using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Privacy.Domain;
using OcopMarket.Tests.Reviews;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Privacy;

/// <summary>A buyer downloads their data and deletes their account in real Chromium; afterwards they cannot sign in and their order is anonymised.</summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class ErasureJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task A_buyer_downloads_their_data_deletes_their_account_and_their_old_order_is_anonymised()
    {
        var producer = await JourneyData.NewProducerAsync(browser.App, "HTX mật ong " + Guid.NewGuid().ToString("N")[..6]);
        var product = await JourneyData.NewProductAsync(browser.App, producer, "Mật ong bạc hà " + Guid.NewGuid().ToString("N")[..6], "I.5a", 250_000, 30,
            certificateStars: 4);
        var email = $"journey-erase-{Guid.NewGuid():N}@example.test";
        string userId;
        int lineId;
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Vũ Thị Xoá" };
            Assert.True((await users.CreateAsync(user, JourneyProducer.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Buyer)).Succeeded);
            userId = user.Id;
            lineId = await ReviewTestData.DeliveredLineAsync(scope.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>(), user.Id,
                browser.App.Clock.GetUtcNow().UtcDateTime.AddDays(-1), product.Slug);
        }

        var page = await browser.NewPageAsync(1280, 900);
        await SignInAsync(page, email);
        await page.GotoAsync("/tai-khoan/du-lieu-cua-toi");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=download-json]"));
        await using (var file = await download.CreateReadStreamAsync())
        {
            using var json = await JsonDocument.ParseAsync(file);
            Assert.Equal(email, json.RootElement.GetProperty("account").GetProperty("email").GetString());
            Assert.Equal(1, json.RootElement.GetProperty("orders").GetArrayLength());
        }

        await page.ClickAsync("[data-testid=delete-account]");
        await BrowserFixture.WaitForUrlAsync(page, new Regex("/tai-khoan/xoa-tai-khoan$"));
        await Assertions.Expect(page.Locator("[data-testid=delete-explained]")).ToContainTextAsync("ẩn danh");
        await BrowserFixture.ScreenshotAsync(page, "account-delete-1280");
        await page.FillAsync("[data-testid=delete-password]", "not-the-password-1");
        await page.Locator("[data-testid=delete-confirm]").CheckAsync();
        await page.ClickAsync("[data-testid=delete-submit]");
        await Assertions.Expect(page.Locator("[data-testid=delete-error]")).ToContainTextAsync("Mật khẩu không đúng");

        await page.FillAsync("[data-testid=delete-password]", JourneyProducer.Password);
        await page.Locator("[data-testid=reviews-delete]").CheckAsync();
        await page.Locator("[data-testid=delete-confirm]").CheckAsync();
        await page.ClickAsync("[data-testid=delete-submit]");
        await BrowserFixture.WaitForUrlAsync(page, new Regex("/tai-khoan/da-xoa$"));
        await Assertions.Expect(page.Locator("[data-testid=account-deleted]")).ToBeVisibleAsync();

        // Signed out, and the account is gone: its password opens nothing.
        await page.GotoAsync("/tai-khoan/thong-tin");
        await BrowserFixture.WaitForUrlAsync(page, new Regex("/Account/Login"));
        await page.FillAsync("#login-email", email);
        await page.FillAsync("#login-password", JourneyProducer.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await Assertions.Expect(page.Locator(".notice.error")).ToBeVisibleAsync();
        Assert.Contains("/Account/Login", page.Url);

        await using var check = browser.App.Services.CreateAsyncScope();
        await using var db = await check.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Users.AnyAsync(u => u.Id == userId));
        var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Lines.Any(l => l.Id == lineId));
        Assert.Equal((null, null, Anonymous.Buyer, ""), (order.BuyerUserId, order.BuyerEmail, order.Delivery!.RecipientName, order.Delivery.Phone));
        Assert.True(order.TotalVnd > 0);
        Assert.Empty(browser.PolicyViolations);
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#login-email", email);
        await page.FillAsync("#login-password", JourneyProducer.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await BrowserFixture.WaitToLeaveAsync(page, "/Account/Login");
    }
}
