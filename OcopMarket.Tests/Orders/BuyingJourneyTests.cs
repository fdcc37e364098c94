using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Orders;

[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class BuyingJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Anonymous_buyer_orders_from_two_producers_with_cash_on_delivery_and_sees_two_orders()
    {
        // Two producers of this journey's own, each with a product in stock: nobody else's orders or stock in sight.
        var teaHouse = await JourneyData.NewProducerAsync(browser.App, "Hợp tác xã chè búp Tân Cương");
        var tea = await JourneyData.NewProductAsync(browser.App, teaHouse, "Chè búp Tân Cương hộp 100 g", "I.5a", 120_000, 30, certificateStars: 4);
        var beeFarm = await JourneyData.NewProducerAsync(browser.App, "Hợp tác xã mật ong Phúc Xuân");
        var honey = await JourneyData.NewProductAsync(browser.App, beeFarm, "Mật ong hoa nhãn Phúc Xuân", "I.2b", 250_000, 30, certificateStars: 4);
        var page = await browser.NewPageAsync(390, 844, isMobile: true);

        await page.GotoAsync("/san-pham/" + tea.Slug);
        await page.FillAsync("#add-qty", "2");
        await page.ClickAsync("[data-testid=add-to-cart] button");
        await Assertions.Expect(page.Locator("[data-testid=cart-added]")).ToBeVisibleAsync();

        await page.GotoAsync("/san-pham/" + honey.Slug);
        await page.ClickAsync("[data-testid=add-to-cart] button");
        await Assertions.Expect(page.Locator("[data-testid=cart-group]")).ToHaveCountAsync(2);
        await BrowserFixture.ScreenshotAsync(page, "cart-390");
        // Compact on a phone: the quantity and the line's total share a row, and so do each sum's label and amount.
        var qty = await page.Locator("[data-testid=cart-line] .cart-qty").First.BoundingBoxAsync();
        var lineTotal = await page.Locator("[data-testid=cart-line] .cart-line-total").First.BoundingBoxAsync();
        Assert.InRange(lineTotal!.Y + lineTotal.Height / 2, qty!.Y, qty.Y + qty.Height);
        var subtotalLabel = await page.Locator(".cart-sums dt").First.BoundingBoxAsync();
        var subtotal = await page.Locator("[data-testid=group-subtotal]").First.BoundingBoxAsync();
        Assert.InRange(subtotal!.Y + subtotal.Height / 2, subtotalLabel!.Y, subtotalLabel.Y + subtotalLabel.Height);

        await page.ClickAsync("[data-testid=go-checkout]");
        await page.SelectOptionAsync("[data-testid=checkout-province]", "19");
        await Assertions.Expect(page.Locator("[data-testid=checkout-form]")).ToBeVisibleAsync();

        // Leaving fields empty explains what is missing and keeps what was typed.
        await page.FillAsync("#co-name", "Nguyễn Thị Mai");
        await page.ClickAsync("[data-testid=review-order]");
        await Assertions.Expect(page.Locator(".field-error").First).ToContainTextAsync("Vui lòng nhập");
        await Assertions.Expect(page.Locator("#co-name")).ToHaveValueAsync("Nguyễn Thị Mai");

        await page.FillAsync("#co-phone", "0912 345 678");
        await page.SelectOptionAsync("[data-testid=checkout-commune]", "05503");
        await page.FillAsync("#co-street", "Số 5, ngõ 12");
        await BrowserFixture.ScreenshotAsync(page, "checkout-390");
        await page.ClickAsync("[data-testid=review-order]");

        // The review shows where it goes and how it is paid; editing keeps everything typed.
        await Assertions.Expect(page.Locator("[data-testid=review-address]")).ToContainTextAsync("Số 5, ngõ 12, Xã Tân Cương, Thái Nguyên");
        await page.ClickAsync("[data-testid=edit-order]");
        await Assertions.Expect(page.Locator("#co-street")).ToHaveValueAsync("Số 5, ngõ 12");
        await page.ClickAsync("[data-testid=review-order]");
        await Assertions.Expect(page.Locator("[data-testid=review-payment]")).ToContainTextAsync("Thanh toán khi nhận hàng");
        await BrowserFixture.ScreenshotAsync(page, "checkout-review-390");
        await page.ClickAsync("[data-testid=place-order]");

        await BrowserFixture.WaitForUrlAsync(page, new Regex(@"/don-hang/[0-9a-f-]{36}\?t=.+"));
        await Assertions.Expect(page.Locator("[data-testid=order]")).ToHaveCountAsync(2);
        // Cash on delivery: each shop calls the buyer to confirm before anything is sent.
        await Assertions.Expect(page.Locator("[data-testid=order-status]").First).ToContainTextAsync("Đang chờ cửa hàng xác nhận");
        await Assertions.Expect(page.Locator("[data-testid=awaiting-confirmation]")).ToHaveCountAsync(2);
        await BrowserFixture.ScreenshotAsync(page, "orders-placed-390");

        var ordersUrl = page.Url;
        // No email was given: the page says the link is the only way back, and copies it.
        await Assertions.Expect(page.Locator("[data-testid=link-emailed]")).ToContainTextAsync("Bạn không để lại email");
        var shownLink = await page.Locator("#order-link-url").InputValueAsync();
        Assert.Equal(new Uri(ordersUrl).PathAndQuery, new Uri(shownLink).PathAndQuery);
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.ClickAsync("[data-testid=copy-link]");
        await Assertions.Expect(page.Locator("[data-testid=copy-link]")).ToHaveTextAsync("Đã chép liên kết");
        Assert.Equal(shownLink, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));

        // The cart is empty afterwards.
        await page.GotoAsync("/gio-hang");
        await Assertions.Expect(page.Locator("[data-testid=cart-empty]")).ToBeVisibleAsync();

        // The tea producer confirms (after calling the buyer), packs and ships its order in the portal: the only order it has.
        var producer = await browser.NewPageAsync(1280, 900);
        await producer.GotoAsync("/Account/Login");
        await producer.FillAsync("#login-email", teaHouse.Email);
        await producer.FillAsync("#login-password", JourneyProducer.Password);
        await producer.ClickAsync("[data-testid=login-submit]");
        await BrowserFixture.WaitForUrlAsync(producer, new Regex("/portal$"));
        await producer.GotoAsync("/portal/orders");
        await BrowserFixture.WaitForCircuitAsync(producer);
        await Assertions.Expect(producer.Locator("[data-testid=order-row]")).ToHaveCountAsync(1);
        await Assertions.Expect(producer.Locator("[data-testid=orders-to-confirm]")).ToContainTextAsync("1 đơn");
        await producer.Locator("[data-testid=order-row] a").ClickAsync();
        await Assertions.Expect(producer.Locator("[data-testid=confirm-hint]")).ToContainTextAsync("0912345678");
        await producer.ClickAsync("[data-testid=confirm]");
        await Assertions.Expect(producer.Locator("[data-testid=order-status]")).ToContainTextAsync("Đã xác nhận");
        await producer.ClickAsync("[data-testid=pack]");
        await producer.Locator("[data-testid=carrier]").FillAsync("Viettel Post");
        await producer.Locator("[data-testid=tracking]").FillAsync("VTP123456789");
        await producer.ClickAsync("[data-testid=ship]");
        await Assertions.Expect(producer.Locator("[data-testid=order-status]")).ToContainTextAsync("Đang giao");
        await BrowserFixture.ScreenshotAsync(producer, "portal-order-shipped-1280");

        // On the producer's phone the orders list is a card per order that fits the screen: nothing hidden past its edge.
        await producer.SetViewportSizeAsync(390, 844);
        await producer.GotoAsync("/portal/orders");
        await BrowserFixture.WaitForCircuitAsync(producer);
        await Assertions.Expect(producer.Locator("[data-testid=order-row]")).ToHaveCountAsync(1);
        await Assertions.Expect(producer.Locator("[data-testid=orders-table] thead")).ToBeHiddenAsync();
        Assert.True(await producer.Locator("[data-testid=orders-table] .mud-table-container")
            .EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "the orders table runs past a 390 px screen");
        await BrowserFixture.ScreenshotAsync(producer, "portal-orders-390");
        await producer.Context.CloseAsync();

        // The buyer's page shows it on its way; the other producer's order is untouched.
        await page.GotoAsync(ordersUrl);
        var teaOrder = page.Locator("[data-testid=order]", new() { HasText = teaHouse.Name });
        await Assertions.Expect(teaOrder.Locator("[data-testid=order-status]")).ToContainTextAsync("Đang giao");
        await Assertions.Expect(teaOrder).ToContainTextAsync("Viettel Post VTP123456789");
        var honeyOrder = page.Locator("[data-testid=order]", new() { HasText = beeFarm.Name });
        await Assertions.Expect(honeyOrder.Locator("[data-testid=order-status]")).ToContainTextAsync("Đang chờ cửa hàng xác nhận");
        await page.Context.CloseAsync();
    }
}

[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class CardPaymentJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task A_buyer_abroad_pays_by_card_at_stripe_and_comes_back_to_a_confirmed_order()
    {
        var producer = await JourneyData.NewProducerAsync(browser.App, "Hợp tác xã cốm Tân Cương");
        var product = await JourneyData.NewProductAsync(browser.App, producer, "Cốm xanh Tân Cương", "I.3b", 90_000, 30, certificateStars: 4);
        var page = await browser.NewPageAsync(1280, 900);
        await page.GotoAsync("/language/en?returnUrl=/san-pham/" + product.Slug);
        await page.GotoAsync("/san-pham/" + product.Slug);
        await page.ClickAsync("[data-testid=add-to-cart] button");
        await page.GotoAsync("/dat-hang?province=19");
        await page.FillAsync("#co-name", "Jane Doe");
        await page.FillAsync("#co-phone", "0912 345 678");
        await page.FillAsync("#co-email", "jane@example.test");
        await page.SelectOptionAsync("[data-testid=checkout-commune]", "05503");
        await page.FillAsync("#co-street", "5 Tan Cuong road");
        await page.CheckAsync("[data-testid=pay-card]");
        await page.ClickAsync("[data-testid=review-order]");
        await Assertions.Expect(page.Locator("[data-testid=review-payment]")).ToContainTextAsync("Card");
        await BrowserFixture.ScreenshotAsync(page, "checkout-review-card-1280");
        await page.ClickAsync("[data-testid=place-order]");

        // Stripe's hosted page (the fake one): pay, which delivers the signed webhook and returns to the shop.
        await BrowserFixture.WaitForUrlAsync(page, new Regex("/pay/cs_test_"));
        await page.ClickAsync("[data-testid=stripe-pay]");
        await BrowserFixture.WaitForUrlAsync(page, new Regex(@"/don-hang/[0-9a-f-]{36}\?t=.+&the=thanh-cong"));
        await Assertions.Expect(page.Locator("[data-testid=card-paid]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=order-status]")).ToContainTextAsync("Confirmed");
        await Assertions.Expect(page.Locator("[data-testid=order-status]")).ToContainTextAsync("paid");
        // The link went to the address given, shown masked: the page opens for anyone holding its link.
        await Assertions.Expect(page.Locator("[data-testid=link-emailed]")).ToHaveTextAsync("We have emailed this link to j•••e@example.test.");
        await BrowserFixture.ScreenshotAsync(page, "order-paid-by-card-1280");
        await page.Context.CloseAsync();
    }
}
