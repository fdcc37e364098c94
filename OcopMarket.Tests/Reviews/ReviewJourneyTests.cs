using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Persistence;
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

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#login-email", email);
        await page.FillAsync("#login-password", JourneyProducer.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
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
        await page.WaitForURLAsync(new Regex("/danh-gia/viet/\\d+$"), BrowserFixture.UrlCommitted);
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
        await page.WaitForURLAsync(new Regex("/san-pham/" + Regex.Escape(product.Slug)), BrowserFixture.UrlCommitted);
        var review = page.Locator("[data-testid=review]", new() { HasText = "nước vàng sánh" });
        await Assertions.Expect(review).ToContainTextAsync("Hà P.");
        await Assertions.Expect(review).ToContainTextAsync("5/5");
        var photo = review.Locator("[data-testid=review-photo]");
        await Assertions.Expect(photo).ToHaveCountAsync(1);
        // The photo went through the image pipeline: a thumbnail the browser could decode, not the upload itself.
        await Assertions.Expect(photo).ToHaveAttributeAsync("src", new Regex("^/media/reviews/.+\\.webp$"));
        Assert.True(await photo.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        await Assertions.Expect(page.Locator("[data-testid=review-summary]")).ToContainTextAsync("5,0 / 5");
        await page.Locator("#danh-gia").ScrollIntoViewIfNeededAsync();
        await page.Locator("#danh-gia").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "product-reviews-1280.png") });

        var phone = await browser.NewPageAsync(390, 844, isMobile: true);
        await SignInAsync(phone, email);
        await phone.GotoAsync(page.Url);
        await phone.Locator("#danh-gia").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "product-reviews-390.png") });
        await phone.GotoAsync("/don-hang");
        await phone.Locator("[data-testid=my-order] a").First.ClickAsync();
        await phone.Locator("[data-testid=edit-review]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=review-form]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(phone, "review-write-390");
    }
}
