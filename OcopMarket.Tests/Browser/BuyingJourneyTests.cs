using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Browser;

[Collection("browser")]
public sealed class BuyingJourneyTests(BrowserFixture browser)
{
    private async Task StockUpAsync(params string[] slugs)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        foreach (var p in await db.Products.Where(p => slugs.Contains(p.Slug)).ToListAsync()) p.SetStock(30);
        await db.SaveChangesAsync();
    }

    [BrowserFact]
    public async Task Anonymous_buyer_orders_from_two_producers_with_cash_on_delivery_and_sees_two_orders()
    {
        await StockUpAsync("che-dinh-tan-cuong", "nuoc-mam-nam-o-huong-lang-co");
        var page = await browser.NewPageAsync(390, 844, isMobile: true);

        await page.GotoAsync("/san-pham/che-dinh-tan-cuong");
        await page.FillAsync("#add-qty", "2");
        await page.ClickAsync("[data-testid=add-to-cart] button");
        await Assertions.Expect(page.Locator("[data-testid=cart-added]")).ToBeVisibleAsync();

        await page.GotoAsync("/san-pham/nuoc-mam-nam-o-huong-lang-co");
        await page.ClickAsync("[data-testid=add-to-cart] button");
        await Assertions.Expect(page.Locator("[data-testid=cart-group]")).ToHaveCountAsync(2);
        await BrowserFixture.ScreenshotAsync(page, "cart-390");

        await page.ClickAsync("[data-testid=go-checkout]");
        await page.SelectOptionAsync("[data-testid=checkout-province]", "19");
        await Assertions.Expect(page.Locator("[data-testid=checkout-form]")).ToBeVisibleAsync();

        // Leaving fields empty explains what is missing and keeps what was typed.
        await page.FillAsync("#co-name", "Nguyễn Thị Mai");
        await page.ClickAsync("[data-testid=place-order]");
        await Assertions.Expect(page.Locator(".field-error").First).ToContainTextAsync("Vui lòng nhập");
        await Assertions.Expect(page.Locator("#co-name")).ToHaveValueAsync("Nguyễn Thị Mai");

        await page.FillAsync("#co-phone", "0912 345 678");
        await page.SelectOptionAsync("[data-testid=checkout-commune]", "05503");
        await page.FillAsync("#co-street", "Số 5, ngõ 12");
        await BrowserFixture.ScreenshotAsync(page, "checkout-390");
        await page.ClickAsync("[data-testid=place-order]");

        await page.WaitForURLAsync(new Regex(@"/don-hang/[0-9a-f-]{36}\?t=.+"));
        await Assertions.Expect(page.Locator("[data-testid=order]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=order-status]").First).ToContainTextAsync("Đã xác nhận");
        await BrowserFixture.ScreenshotAsync(page, "orders-placed-390");

        // The cart is empty afterwards.
        await page.GotoAsync("/gio-hang");
        await Assertions.Expect(page.Locator("[data-testid=cart-empty]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
