using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OcopMarket.Core.Bookings.Domain;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Bookings;

/// <summary>
/// A traveller books a homestay on a phone and its producer sees them in the calendar; a full night is refused.
/// Each journey books a homestay of its own (the app is shared; its clock is 28 November 2026).
/// </summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class BookingJourneyTests(BrowserFixture browser)
{
    private async Task<(JourneyProducer Producer, JourneyProduct Homestay)> HomestayAsync(string name, int rooms)
    {
        var producer = await JourneyData.NewProducerAsync(browser.App, "HTX du lịch cộng đồng " + name);
        var homestay = await JourneyData.NewProductAsync(browser.App, producer, "Homestay nhà sàn " + name, "VI.1", 450_000, 1, certificateStars: 4);
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        db.BookableOffers.Add(new BookableOffer(homestay.Id, BookingPricing.PerRoomNight, placesPerSlot: rooms, leadDays: 1,
            freeCancellationDays: 3, maxPeople: 4, maxNights: 7));
        (await db.Producers.SingleAsync(p => p.Id == producer.Id)).SetBankAccount("970436", "0123456789", "HTX DU LICH");
        var product = await db.Products.SingleAsync(p => p.Id == homestay.Id);
        product.Describe("Nhà sàn của bản, phòng cho bốn người, bữa sáng và xe đạp đi quanh bản.", "phòng/đêm");
        await db.SaveChangesAsync();
        return (producer, homestay);
    }

    [BrowserFact]
    public async Task A_traveller_books_two_nights_on_a_phone_and_the_producer_sees_them_in_the_calendar()
    {
        var (producer, homestay) = await HomestayAsync("Bản Giốc", rooms: 3);
        var phone = await browser.NewPageAsync(390, 844, isMobile: true);

        await phone.GotoAsync($"/san-pham/{homestay.Slug}?thang=2026-12");
        await Assertions.Expect(phone.Locator("[data-testid=booking-month]")).ToHaveTextAsync("Tháng 12/2026");
        await Assertions.Expect(phone.Locator("[data-testid=day-2026-12-11]")).ToContainTextAsync("còn 3");
        await BrowserFixture.ScreenshotAsync(phone, "booking-calendar-390");
        var desktop = await browser.NewPageAsync(1280, 900);
        await desktop.GotoAsync($"/san-pham/{homestay.Slug}?thang=2026-12");
        await Assertions.Expect(desktop.Locator("[data-testid=day-2026-12-11]")).ToContainTextAsync("còn 3");
        await BrowserFixture.ScreenshotAsync(desktop, "booking-calendar-1280");
        await phone.Locator("[data-testid=day-2026-12-11] label").ClickAsync();
        await phone.FillAsync("[data-testid=booking-nights]", "2");
        await phone.FillAsync("[data-testid=booking-people]", "2");
        await phone.ClickAsync("[data-testid=booking-submit]");

        await Assertions.Expect(phone.Locator("[data-testid=cart-booking]")).ToHaveTextAsync("11/12/2026 – 13/12/2026 (2 đêm), 2 người");
        await Assertions.Expect(phone.Locator("[data-testid=cart-total]")).ToHaveTextAsync("900.000 ₫"); // two nights, nothing to ship
        await BrowserFixture.ScreenshotAsync(phone, "booking-cart-390");
        await phone.SetViewportSizeAsync(1280, 900);
        await phone.ReloadAsync();
        await BrowserFixture.ScreenshotAsync(phone, "booking-cart-1280");
        await phone.SetViewportSizeAsync(390, 844);

        await phone.ClickAsync("[data-testid=go-checkout]");
        await phone.SelectOptionAsync("[data-testid=checkout-province]", "19");
        await Assertions.Expect(phone.Locator("[data-testid=no-cod-for-bookings]")).ToBeVisibleAsync();
        await phone.FillAsync("#co-name", "Phạm Minh Khoa");
        await phone.FillAsync("#co-phone", "0903 111 222");
        await phone.SelectOptionAsync("[data-testid=checkout-commune]", "05503");
        await phone.FillAsync("#co-street", "Số 8, ngõ 3");
        await phone.ClickAsync("[data-testid=review-order]");
        await Assertions.Expect(phone.Locator("[data-testid=review-payment]")).ToContainTextAsync("Chuyển khoản");
        await phone.ClickAsync("[data-testid=place-order]");

        await BrowserFixture.WaitForUrlAsync(phone, new Regex(@"/don-hang/[0-9a-f-]{36}\?t=.+"));
        await Assertions.Expect(phone.Locator("[data-testid=order-booking]")).ToHaveTextAsync("11/12/2026 – 13/12/2026 (2 đêm), 2 người");
        await Assertions.Expect(phone.Locator("[data-testid=booking-ics]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(phone, "booking-order-390");
        await desktop.GotoAsync(phone.Url); // the guest link opens the order in any browser
        await Assertions.Expect(desktop.Locator("[data-testid=order-booking]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(desktop, "booking-order-1280");

        // Both nights took one room each: the next visitor's calendar (this phone keeps its copy for the page's max-age)
        // says two are left on each, and three on the departure day.
        var next = await browser.NewPageAsync(390, 844, isMobile: true);
        await next.GotoAsync($"/san-pham/{homestay.Slug}?thang=2026-12");
        await Assertions.Expect(next.Locator("[data-testid=day-2026-12-11]")).ToContainTextAsync("còn 2");
        await Assertions.Expect(next.Locator("[data-testid=day-2026-12-12]")).ToContainTextAsync("còn 2");
        await Assertions.Expect(next.Locator("[data-testid=day-2026-12-13]")).ToContainTextAsync("còn 3");

        var portal = await browser.NewPageAsync(1280, 900);
        await portal.GotoAsync("/Account/Login");
        await portal.FillAsync("#login-email", producer.Email);
        await portal.FillAsync("#login-password", JourneyProducer.Password);
        await portal.ClickAsync("[data-testid=login-submit]");
        await BrowserFixture.WaitForUrlAsync(portal, new Regex("/portal$"));
        await portal.GotoAsync("/portal/lich-dat-cho?thang=2026-12");
        await BrowserFixture.WaitForCircuitAsync(portal);
        await Assertions.Expect(portal.Locator("[data-testid=portal-day-2026-12-11]")).ToContainTextAsync("2 khách");
        await Assertions.Expect(portal.Locator("[data-testid=portal-day-2026-12-12]")).ToContainTextAsync("2 khách");
        await portal.ClickAsync("[data-testid=portal-day-2026-12-12]");
        await Assertions.Expect(portal.Locator("[data-testid=guest]")).ToContainTextAsync("Phạm Minh Khoa");
        await Assertions.Expect(portal.Locator("[data-testid=guest]")).ToContainTextAsync("0903111222");
        await BrowserFixture.ScreenshotAsync(portal, "booking-portal-1280");
        // The same calendar on a phone, loaded at that width (the portal's drawer starts closed there).
        await portal.SetViewportSizeAsync(390, 844);
        await portal.ReloadAsync();
        await BrowserFixture.WaitForCircuitAsync(portal);
        await portal.ClickAsync("[data-testid=portal-day-2026-12-12]");
        await Assertions.Expect(portal.Locator("[data-testid=guest]")).ToContainTextAsync("Phạm Minh Khoa");
        await BrowserFixture.ScreenshotAsync(portal, "booking-portal-390");
        await portal.SetViewportSizeAsync(1280, 900);

        // The producer closes a later date; the public calendar shows it closed.
        await portal.ClickAsync("[data-testid=portal-day-2026-12-24]");
        await portal.ClickAsync("[data-testid=close-date]");
        await Assertions.Expect(portal.Locator("[data-testid=date-closed]")).ToBeVisibleAsync();
        // And adds two rooms: each night has two more places, the booked ones still taken.
        await portal.GetByLabel("Số phòng").FillAsync("5");
        await portal.ClickAsync("[data-testid=offer-save]");
        await Assertions.Expect(portal.Locator("[data-testid=offer-saved]")).ToBeVisibleAsync();
        await Assertions.Expect(portal.Locator("[data-testid=portal-day-2026-12-11]")).ToContainTextAsync("còn 4");
        var later = await browser.NewPageAsync(390, 844, isMobile: true);
        await later.GotoAsync($"/san-pham/{homestay.Slug}?thang=2026-12");
        await Assertions.Expect(later.Locator("[data-testid=day-2026-12-24]")).ToContainTextAsync("nghỉ");
        await Assertions.Expect(later.Locator("[data-testid=day-2026-12-11]")).ToContainTextAsync("còn 4");
    }

    [BrowserFact]
    public async Task A_full_night_is_refused_with_a_clear_message()
    {
        var (_, homestay) = await HomestayAsync("Pác Ngòi", rooms: 1);
        await browser.App.Services.GetRequiredService<CheckoutService>().PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(homestay.Id, 1, homestay.PriceVnd, new BookingChoice(new DateOnly(2026, 12, 11), 1, 2, null))],
            new DeliveryAddress("Khách trước", "0903 000 111", "Số 1", "05503", "19", null), PaymentMethod.BankTransfer, null, null));
        var page = await browser.NewPageAsync(390, 844, isMobile: true);

        await page.GotoAsync($"/san-pham/{homestay.Slug}?thang=2026-12");
        await Assertions.Expect(page.Locator("[data-testid=day-2026-12-11]")).ToContainTextAsync("hết chỗ");
        // The tenth is free, but a stay of two nights from it needs the eleventh too.
        await page.Locator("[data-testid=day-2026-12-10] label").ClickAsync();
        await page.FillAsync("[data-testid=booking-nights]", "2");
        await page.ClickAsync("[data-testid=booking-submit]");

        await Assertions.Expect(page.Locator("[data-testid=booking-error]")).ToHaveTextAsync("Ngày 11/12/2026 đã hết chỗ. Vui lòng chọn ngày khác.");
        await Assertions.Expect(page.Locator("[data-testid=booking-month]")).ToHaveTextAsync("Tháng 12/2026");
        // What the traveller sees where the refusal lands (a full-page shot would paint the sticky header mid-page).
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "booking-full-390.png") });
    }
}
