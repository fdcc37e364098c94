using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OcopMarket.Core.Seeding;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Security;

/// <summary>The pages still work in Chromium under their Content-Security-Policy, and it reports nothing blocked.</summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class SecurityHeadersJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Public_pages_the_portal_and_the_trace_page_run_under_their_policies_with_nothing_blocked()
    {
        var page = await browser.NewPageAsync(1280, 900);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) violations.Add(message.Text);
        };

        // Public: a product page (import map and JSON-LD under the nonce), then a filter that submits itself (app.js).
        await page.GotoAsync("/san-pham/mam-ca-me-vinh");
        await Assertions.Expect(page.Locator("[data-testid=price]")).ToBeVisibleAsync();
        await page.GotoAsync("/san-pham");
        await page.CheckAsync("input[name=stars][value='5']");
        await BrowserFixture.WaitForUrlAsync(page, new Regex("stars=5"));

        // The trace page: its inline stylesheet applies (allowed by hash), so the header is the brand green.
        await page.GotoAsync("/t/TC7K3M9Q");
        await Assertions.Expect(page.Locator("header")).ToHaveCSSAsync("background-color", "rgb(27, 94, 32)");

        // The portal: signed in, its circuit connects and MudBlazor's styles apply.
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#login-email", "haodat@ocopmarket.test");
        await page.FillAsync("#login-password", AccountSeeder.DemoPassword);
        await page.ClickAsync("[data-testid=login-submit]");
        await BrowserFixture.WaitForUrlAsync(page, new Regex("/portal$"));
        await BrowserFixture.WaitForCircuitAsync(page);

        Assert.Empty(violations);
        await page.Context.CloseAsync();
    }
}
