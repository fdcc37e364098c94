using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Seeding;
using OcopMarket.Tests.Support;
using SkiaSharp;

namespace OcopMarket.Tests.Reviews;

/// <summary>A buyer whose order was delivered reviews it with a photo in real Chromium and finds it on the product page.</summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class ReviewJourneyTests(BrowserFixture browser)
{
    /// <summary>A buyer account of the journey's own, and a delivered order of the journey's own product for it.</summary>
    private async Task<(string Email, JourneyProduct Product)> DeliveredOrderAsync(string buyerName)
    {
        var producer = await JourneyData.NewProducerAsync(browser.App, "HTX chè Suối Giàng " + Guid.NewGuid().ToString("N")[..6]);
        var product = await JourneyData.NewProductAsync(browser.App, producer, "Chè Shan tuyết Suối Giàng " + Guid.NewGuid().ToString("N")[..6],
            "I.5a", 180_000, 30, certificateStars: 4);
        await using var scope = browser.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"journey-buyer-{Guid.NewGuid():N}@example.test";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = buyerName };
        Assert.True((await users.CreateAsync(user, JourneyProducer.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Buyer)).Succeeded);
        await ReviewTestData.DeliveredLineAsync(scope.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>(), user.Id,
            browser.App.Clock.GetUtcNow().UtcDateTime.AddDays(-1), product.Slug);
        return (email, product);
    }

    private static async Task SignInAsync(IPage page, string email, string password = JourneyProducer.Password)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#login-email", email);
        await page.FillAsync("#login-password", password);
        await page.ClickAsync("[data-testid=login-submit]");
        await BrowserFixture.WaitToLeaveAsync(page, "/Account/Login");
    }

    [BrowserFact]
    public async Task A_buyer_with_a_delivered_order_reviews_it_with_a_photo_and_sees_it_on_the_product_page()
    {
        var (email, product) = await DeliveredOrderAsync("Phạm Thu Hà");
        var page = await browser.NewPageAsync(1280, 900);
        await SignInAsync(page, email);

        await page.GotoAsync("/don-hang");
        await page.Locator("[data-testid=my-order] a").First.ClickAsync();
        await page.Locator("[data-testid=write-review]").ClickAsync();
        await BrowserFixture.WaitForUrlAsync(page, new Regex("/danh-gia/viet/\\d+$"));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(product.Name);
        await BrowserFixture.ScreenshotAsync(page, "review-write-1280");

        await page.Locator("[data-testid=rating-5]").CheckAsync();
        await page.FillAsync("[data-testid=review-text-input]", "Chè Shan tuyết thơm, nước vàng sánh, pha ba nước vẫn ngọt hậu.");
        await page.Locator("[data-testid=review-photos-input]").SetInputFilesAsync(new FilePayload
        {
            Name = "am-che.jpg", MimeType = "image/jpeg", Buffer = TestImages.Make(1200, 900, SKEncodedImageFormat.Jpeg),
        });
        await page.ClickAsync("[data-testid=review-submit]");
        await Assertions.Expect(page.Locator("[data-testid=review-saved]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=review-status]")).ToContainTextAsync("Đang hiển thị");

        await page.Locator("a", new() { HasText = "Xem trang sản phẩm" }).ClickAsync();
        await BrowserFixture.WaitForUrlAsync(page, new Regex("/san-pham/" + Regex.Escape(product.Slug)));
        var review = page.Locator("[data-testid=review]", new() { HasText = "nước vàng sánh" });
        await Assertions.Expect(review).ToContainTextAsync("Hà P.");
        await Assertions.Expect(review).ToContainTextAsync("5/5");
        var photo = review.Locator("[data-testid=review-photo]");
        await Assertions.Expect(photo).ToHaveCountAsync(1);
        // The photo went through the image pipeline: a thumbnail the browser could decode, not the upload itself.
        await Assertions.Expect(photo).ToHaveAttributeAsync("src", new Regex("^/media/reviews/.+\\.webp$"));
        await photo.ScrollIntoViewIfNeededAsync(); // it loads lazily
        await Assertions.Expect(photo).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await photo.EvaluateAsync<bool>("img => img.naturalWidth > 0"));
        await Assertions.Expect(page.Locator("[data-testid=review-summary]")).ToContainTextAsync("5,0 / 5");
        // The same session on a phone's width (every browser journey comes from one IP: sign-ins are rate limited).
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/don-hang");
        await page.Locator("[data-testid=my-order] a").First.ClickAsync();
        await page.Locator("[data-testid=edit-review]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=review-form]")).ToBeVisibleAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth"));
        await BrowserFixture.ScreenshotAsync(page, "review-write-390");
    }

    /// <summary>Scrolls to an element as a jump to its anchor would, then takes what the screen shows.</summary>
    private static async Task ScreenAtAsync(IPage page, string selector, string name)
    {
        await page.EvaluateAsync("s => document.querySelector(s).scrollIntoView({ block: 'start' })", selector);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png") });
    }

    private async Task SignInAsOfficerAsync(IPage page)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#login-email", AccountSeeder.DemoAdminEmail);
        await page.FillAsync("#login-password", AccountSeeder.DemoPassword);
        await page.ClickAsync("[data-testid=login-submit]");
        await BrowserFixture.WaitForUrlAsync(page, new Regex("/Account/LoginWith2fa"));
        await page.FillAsync("#login-2fa-code", Totp.Code(AccountSeeder.DemoAdminAuthenticatorKey, browser.App.Clock.GetUtcNow()));
        await page.ClickAsync("[data-testid=login-2fa-submit]");
        await BrowserFixture.WaitToLeaveAsync(page, "/Account/");
    }

    /// <summary>
    /// The seeded demo reviews as each side sees them (read only: other journeys share the app): the product page's
    /// section with the producer's reply, the producer's list and score by month, and the officers' desk with the
    /// review held for its phone number, at desktop and phone widths.
    /// </summary>
    [BrowserFact]
    public async Task The_seeded_reviews_read_on_the_product_page_the_portal_and_the_officers_desk_at_both_widths()
    {
        // One session per role, at both widths: every browser journey comes from one IP, and sign-ins are rate limited.
        var visitor = await browser.NewPageAsync(1280, 900);
        var producer = await browser.NewPageAsync(1280, 900);
        await SignInAsync(producer, "haodat@ocopmarket.test", AccountSeeder.DemoPassword);
        var officer = await browser.NewPageAsync(1280, 900);
        await SignInAsOfficerAsync(officer);
        foreach (var (width, height) in new[] { (1280, 900), (390, 844) })
        {
            await visitor.SetViewportSizeAsync(width, height);
            await visitor.GotoAsync("/san-pham/che-dinh-tan-cuong");
            await Assertions.Expect(visitor.Locator("[data-testid=review-reply]").First).ToContainTextAsync("Cảm ơn chị Mai");
            await Assertions.Expect(visitor.Locator("[data-testid=review-summary]")).ToContainTextAsync("/ 5");
            Assert.Equal(0, await visitor.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth"));
            await ScreenAtAsync(visitor, "#danh-gia", $"product-reviews-{width}");

            await producer.SetViewportSizeAsync(width, height);
            await producer.GotoAsync("/portal/reviews");
            await BrowserFixture.WaitForCircuitAsync(producer);
            await Assertions.Expect(producer.Locator("[data-testid=portal-reply]").First).ToContainTextAsync("Cảm ơn chị Mai");
            await Assertions.Expect(producer.Locator("[data-testid=rating-month]").First).ToContainTextAsync("/ 5");
            await BrowserFixture.ScreenshotAsync(producer, $"portal-reviews-{width}");

            await officer.SetViewportSizeAsync(width, height);
            await officer.GotoAsync("/admin/reviews");
            await BrowserFixture.WaitForCircuitAsync(officer);
            await Assertions.Expect(officer.Locator("[data-testid=moderation-review]", new() { HasText = "0912 345 678" })).ToContainTextAsync("có số điện thoại");
            await BrowserFixture.ScreenshotAsync(officer, $"admin-reviews-{width}");
        }
    }
}
