using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OcopMarket.Core.Seeding;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Traceability;

[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class TraceabilityJourneyTests(BrowserFixture browser)
{
    private static Task WaitForCircuitAsync(IPage page) =>
        BrowserFixture.WaitForCircuitAsync(page);

    [BrowserFact]
    public async Task Producer_records_a_lot_prints_labels_and_a_phone_scanning_one_sees_the_story()
    {
        // A producer and product of this journey's own (not for sale, so the catalog never shows it).
        var producer = await JourneyData.NewProducerAsync(browser.App, "Hợp tác xã rượu hoa cúc Tân Cương");
        var productId = (await JourneyData.NewProductAsync(browser.App, producer, "Rượu Cúc hoa tửu", "II.1b", 150_000, 120)).Id;

        var page = await browser.NewPageAsync(1280, 900);
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#login-email", producer.Email);
        await page.FillAsync("#login-password", JourneyProducer.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await BrowserFixture.WaitForUrlAsync(page, new Regex("/portal$"));

        // A new lot.
        await page.GotoAsync($"/portal/products/{productId}/lots");
        await WaitForCircuitAsync(page);
        await page.FillAsync("[data-testid=lot-code]", "CHT-2611");
        await page.FillAsync("[data-testid=lot-quantity]", "120");
        await page.ClickAsync("[data-testid=create-lot]");
        await BrowserFixture.WaitForUrlAsync(page, new Regex(@"/portal/lots/\d+$"));
        await WaitForCircuitAsync(page);

        // Its story: processing, then an inspection (which asks for its result and inspector).
        await page.Locator("[data-testid=event-kind]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Chế biến" }).First.ClickAsync();
        await page.FillAsync("[data-testid=event-place]", "Lò rượu HTX Vân Hương");
        await page.FillAsync("[data-testid=event-description]", "Ngâm hoa cúc 30 ngày trong rượu nếp.");
        await page.ClickAsync("[data-testid=add-event]");
        await Assertions.Expect(page.Locator("[data-testid=lot-events]")).ToContainTextAsync("Ngâm hoa cúc");

        await page.Locator("[data-testid=event-kind]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Kiểm nghiệm" }).First.ClickAsync();
        await page.FillAsync("[data-testid=event-place]", "Trung tâm Kiểm nghiệm Bắc Ninh");
        await page.FillAsync("[data-testid=event-description]", "Kiểm tra methanol.");
        await page.ClickAsync("[data-testid=add-event]");
        await Assertions.Expect(page.Locator("[data-testid=form-error]")).ToContainTextAsync("kết quả");
        await page.FillAsync("[data-testid=event-result]", "Đạt — methanol dưới ngưỡng");
        await page.FillAsync("[data-testid=event-inspector]", "Trung tâm Kiểm nghiệm Bắc Ninh");
        await page.ClickAsync("[data-testid=add-event]");
        await Assertions.Expect(page.Locator("[data-testid=lot-events]")).ToContainTextAsync("methanol dưới ngưỡng");

        // Unit serials, then a sheet of unit labels.
        await page.FillAsync("[data-testid=issue-count]", "24");
        await page.ClickAsync("[data-testid=issue-serials]");
        await Assertions.Expect(page.Locator("[data-testid=serials-issued]")).ToContainTextAsync("24 / 120");
        await BrowserFixture.ScreenshotAsync(page, "portal-lot-1280");
        var sheet = await page.Context.RunAndWaitForPageAsync(() => page.ClickAsync("[data-testid=print-labels]"));
        await sheet.WaitForLoadStateAsync();
        await Assertions.Expect(sheet.Locator("[data-testid=label]")).ToHaveCountAsync(24);
        await BrowserFixture.ScreenshotAsync(sheet, "label-sheet-a4");
        var labelUrl = await sheet.Locator("[data-testid=label]").Nth(4).GetAttributeAsync("data-url");
        Assert.Matches(@"/t/[0-9A-Z]{8}/5[0-9A-Z]{8}$", labelUrl);

        // A phone scans the fifth label.
        var phone = await browser.NewPageAsync(390, 844, isMobile: true);
        var response = await phone.GotoAsync(labelUrl!);
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(phone.Locator("[data-testid=trace-verified]")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("[data-testid=trace-product]")).ToHaveTextAsync("Rượu Cúc hoa tửu");
        await Assertions.Expect(phone.Locator("[data-testid=trace-timeline] li")).ToHaveCountAsync(2);
        await Assertions.Expect(phone.Locator("[data-testid=trace-timeline]")).ToContainTextAsync("methanol dưới ngưỡng");
        await Assertions.Expect(phone.Locator("[data-testid=trace-scan-count]")).ToHaveTextAsync("1");
        Assert.Equal(0, await phone.Locator("script").CountAsync());
        await BrowserFixture.ScreenshotAsync(phone, "trace-unit-390");

        // A label whose code was altered is recognised.
        var forged = labelUrl![..^1] + (labelUrl[^1] == 'A' ? 'B' : 'A');
        Assert.Equal(404, (await phone.GotoAsync(forged))!.Status);
        await Assertions.Expect(phone.Locator("[data-testid=trace-unverified]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(phone, "trace-unverified-390");
        await page.Context.CloseAsync();
        await phone.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task The_demo_label_page_reads_well_on_a_desktop_too()
    {
        var page = await browser.NewPageAsync(1280, 900);
        await page.GotoAsync("/01/" + TraceabilitySeeder.DemoTeaGtin + "/10/TC-2611-01");
        await Assertions.Expect(page.Locator("[data-testid=trace-product]")).ToHaveTextAsync("Chè Đinh Tân Cương");
        await Assertions.Expect(page.Locator("[data-testid=trace-timeline] li")).ToHaveCountAsync(4);
        await BrowserFixture.ScreenshotAsync(page, "trace-lot-1280");
        await page.Context.CloseAsync();
    }
}
