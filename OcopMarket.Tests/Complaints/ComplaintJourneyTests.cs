using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Complaints.Domain;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Seeding;
using OcopMarket.Tests.Support;
using SkiaSharp;

namespace OcopMarket.Tests.Complaints;

/// <summary>
/// A buyer complains with a photo about a delivered order they paid by card; the producer lets the deadline pass (the
/// app's clock moves past it); the officer refunds it through Stripe (the fake records the refund); the buyer sees the
/// refund on the order. Real Chromium, each side in its own session, at desktop and phone widths.
/// </summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class ComplaintJourneyTests(BrowserFixture browser)
{
    private static async Task SignInAsync(IPage page, string email, string password = JourneyProducer.Password)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#login-email", email);
        await page.FillAsync("#login-password", password);
        await page.ClickAsync("[data-testid=login-submit]");
        await BrowserFixture.WaitToLeaveAsync(page, "/Account/Login");
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

    /// <summary>A buyer of the journey's own with a card order of the journey's own product: paid at the fake Stripe, then shipped and delivered.</summary>
    private async Task<(string Email, JourneyProducer Producer, Order Order)> DeliveredCardOrderAsync()
    {
        var producer = await JourneyData.NewProducerAsync(browser.App, "HTX chè Khiếu Nại " + Guid.NewGuid().ToString("N")[..6]);
        var product = await JourneyData.NewProductAsync(browser.App, producer, "Chè móc câu " + Guid.NewGuid().ToString("N")[..6], "I.5a", 250_000, 20, certificateStars: 4);
        await using var scope = browser.App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var email = $"complaint-journey-{Guid.NewGuid():N}@example.test";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Lê Minh Châu" };
        Assert.True((await users.CreateAsync(user, JourneyProducer.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Buyer)).Succeeded);
        var placed = await services.GetRequiredService<CheckoutService>().PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(product.Id, 1, product.PriceVnd)], new DeliveryAddress("Lê Minh Châu", "0912 345 678", "Số 8 ngõ 4", "05503", "19", null),
            PaymentMethod.Card, user.Id, email));
        var cards = services.GetRequiredService<CardPaymentService>();
        var buyer = new Actor(user.Id, null, false);
        var url = await cards.StartAsync(placed.CheckoutId, null, buyer, "http://shop.test/ok", "http://shop.test/back");
        var json = browser.Stripe.EventJson("checkout.session.completed", browser.Stripe.Complete(url.Split('/').Last()));
        Assert.Equal(WebhookOutcome.Handled, await cards.HandleWebhookAsync(json, FakeStripeApi.SignatureHeader(json, browser.App.Clock.GetUtcNow())));
        await using var db = await services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        var order = await db.Orders.Include(o => o.Lines).Include(o => o.Events).SingleAsync(o => o.CheckoutId == placed.CheckoutId);
        var now = browser.App.Clock.GetUtcNow().UtcDateTime;
        order.Pack(now);
        order.Ship("Viettel Post", "VTP777", now);
        order.Deliver(now);
        await db.SaveChangesAsync();
        return (email, producer, order);
    }

    [BrowserFact]
    public async Task A_buyer_complains_with_a_photo_the_producer_misses_the_deadline_the_officer_refunds_the_card_and_the_buyer_sees_it()
    {
        var (email, producer, order) = await DeliveredCardOrderAsync();
        var buyer = await browser.NewPageAsync(390, 844, isMobile: true);
        await SignInAsync(buyer, email);

        // The buyer, on a phone: the order page, "Report a problem", the form with a photo.
        await buyer.GotoAsync(OrderPaths.BuyerOrder(order.CheckoutId, null));
        await buyer.Locator("[data-testid=open-complaint]").ClickAsync();
        await BrowserFixture.WaitForUrlAsync(buyer, new Regex("/khieu-nai/\\d+$"));
        await buyer.Locator($"[data-testid=reason-{ComplaintReason.Damaged}]").CheckAsync();
        await buyer.FillAsync("[data-testid=complaint-text]", "Hộp chè bị móp một góc, túi bên trong rách, chè bị ẩm.");
        await buyer.Locator("[data-testid=complaint-photos]").SetInputFilesAsync(new FilePayload
        {
            Name = "hop-che.jpg", MimeType = "image/jpeg", Buffer = TestImages.Make(1200, 900, SKEncodedImageFormat.Jpeg),
        });
        await BrowserFixture.ScreenshotAsync(buyer, "complaint-open-390");
        await buyer.ClickAsync("[data-testid=complaint-submit]");
        await Assertions.Expect(buyer.Locator("[data-testid=complaint-sent]")).ToBeVisibleAsync();
        await Assertions.Expect(buyer.Locator("[data-testid=complaint-status]")).ToContainTextAsync("Chờ nhà sản xuất trả lời");
        var photo = buyer.Locator("[data-testid=complaint-photo]");
        await Assertions.Expect(photo).ToHaveAttributeAsync("src", new Regex("^/media/complaints/.+\\.webp$"));
        Assert.Equal(0, await buyer.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth"));
        await BrowserFixture.ScreenshotAsync(buyer, "complaint-sent-390");

        // The producer sees it in the portal with its deadline, and does not answer.
        var portal = await browser.NewPageAsync(1280, 900);
        await SignInAsync(portal, producer.Email);
        await portal.GotoAsync("/portal/khieu-nai");
        await BrowserFixture.WaitForCircuitAsync(portal);
        var mine = portal.Locator("[data-testid=portal-complaint]", new() { HasText = order.Number });
        await Assertions.Expect(mine.Locator("[data-testid=portal-complaint-deadline]")).ToContainTextAsync("ngày làm việc");
        await Assertions.Expect(mine.Locator("[data-testid=answer-send]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(portal, "portal-complaints-1280");

        // The deadline passes (the app's clock moves on past the last working day).
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
            var due = await db.Set<Complaint>().Where(c => c.OrderId == order.Id).Select(c => c.AnswerDueAt).SingleAsync();
            browser.App.Clock.Advance(due - browser.App.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(5));
        }
        await portal.ReloadAsync();
        await BrowserFixture.WaitForCircuitAsync(portal);
        await Assertions.Expect(mine.Locator("[data-testid=portal-complaint-status]")).ToContainTextAsync("Quá hạn");
        await Assertions.Expect(mine.Locator("[data-testid=answer-send]")).ToHaveCountAsync(0);

        // The officer's desk: the complaint with the officer, refunded through Stripe.
        var officer = await browser.NewPageAsync(1280, 900);
        await SignInAsOfficerAsync(officer);
        await officer.GotoAsync("/admin/complaints");
        await BrowserFixture.WaitForCircuitAsync(officer);
        var onDesk = officer.Locator("[data-testid=desk-complaint]", new() { HasText = order.Number });
        await Assertions.Expect(onDesk.Locator("[data-testid=desk-complaint-status]")).ToContainTextAsync("cán bộ");
        await Assertions.Expect(officer.Locator("[data-testid=complaint-rate]", new() { HasText = producer.Name })).ToContainTextAsync("100,0\u00A0%");
        await BrowserFixture.ScreenshotAsync(officer, "admin-complaints-1280");
        await onDesk.Locator("input[data-testid=decision-note], [data-testid=decision-note] input").FillAsync("Ảnh cho thấy hàng hỏng khi giao; nhà sản xuất không trả lời đúng hạn.");
        await onDesk.Locator("[data-testid=decide]").ClickAsync();
        await Assertions.Expect(officer.Locator("[data-testid=desk-complaint]", new() { HasText = order.Number })).ToHaveCountAsync(0);
        var refund = Assert.Single(browser.Stripe.Refunds, r => r.Order == order.Number);
        Assert.Equal(order.TotalVnd, refund.Amount);
        await officer.SetViewportSizeAsync(390, 844);
        await officer.ReloadAsync();
        await BrowserFixture.WaitForCircuitAsync(officer);
        await BrowserFixture.ScreenshotAsync(officer, "admin-complaints-390");

        // The buyer sees the refund on the order and the decision on the complaint, with the whole timeline.
        await buyer.GotoAsync(OrderPaths.BuyerOrder(order.CheckoutId, null));
        await Assertions.Expect(buyer.Locator("[data-testid=order-refunded]")).ToContainTextAsync("Đã hoàn");
        await Assertions.Expect(buyer.Locator("[data-testid=order-complaint-status]")).ToContainTextAsync("cán bộ đã quyết định");
        await buyer.Locator("[data-testid=see-complaint]").ClickAsync();
        await Assertions.Expect(buyer.Locator("[data-testid=complaint-refund]")).ToContainTextAsync(refund.Id);
        await Assertions.Expect(buyer.Locator("[data-testid=complaint-timeline] li")).ToHaveCountAsync(3);
        await BrowserFixture.ScreenshotAsync(buyer, "complaint-decided-390");
        await buyer.SetViewportSizeAsync(1280, 900);
        await BrowserFixture.ScreenshotAsync(buyer, "complaint-decided-1280");
        await portal.SetViewportSizeAsync(390, 844);
        await portal.ReloadAsync();
        await BrowserFixture.WaitForCircuitAsync(portal);
        await Assertions.Expect(mine.Locator("[data-testid=portal-complaint-decision]")).ToContainTextAsync("Hoàn tiền");
        await BrowserFixture.ScreenshotAsync(portal, "portal-complaints-390");
        Assert.Empty(browser.PolicyViolations);
    }
}
