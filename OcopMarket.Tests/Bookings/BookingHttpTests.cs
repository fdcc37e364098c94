using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Bookings.Domain;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Seeding;
using OcopMarket.Tests.Accounts;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Bookings;

/// <summary>
/// Bookings through the real pages and forms: the product page's calendar, the cart, the checkout (no cash on
/// delivery), the order page and its calendar file, and the producer's calendar. The tests share one app, so each
/// books dates of its own (the app's clock is 28 November 2026).
/// </summary>
public sealed class BookingHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private const string Homestay = "/san-pham/" + BookingServiceTests.HomestaySlug;
    private static int _nextPhone;

    private static string NextPhone() => $"09876{Interlocked.Increment(ref _nextPhone):00000}";

    private HttpClient Browser() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<(int Id, long Price)> HomestayAsync()
    {
        var (id, price, _) = await BookingServiceTests.HomestayAsync(factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>());
        return (id, price);
    }

    /// <summary>All four rooms of a night sold, through the checkout as travellers would.</summary>
    private async Task FillNightAsync(DateOnly night)
    {
        var (id, price) = await HomestayAsync();
        var checkout = factory.Services.GetRequiredService<CheckoutService>();
        for (var i = 0; i < 4; i++)
            await checkout.PlaceAsync(new CheckoutRequest([new CheckoutLine(id, 1, price, new BookingChoice(night, 1, 2, null))],
                new DeliveryAddress("Khách đoàn", NextPhone(), "Số 1", "05503", "19", null), PaymentMethod.BankTransfer, null, null));
    }

    /// <summary>Posts the calendar's form as a browser would: its action and hidden fields, the date picked and the nights typed.</summary>
    private static async Task<HttpResponseMessage> BookAsync(HttpClient client, string page, string date, int nights, int people = 2)
    {
        var html = await StorefrontForms.HtmlAsync(await client.GetAsync(page));
        var form = html.QuerySelector("[data-testid=booking-form]") ?? throw new Xunit.Sdk.XunitException("No booking form on " + page);
        Assert.NotNull(form.QuerySelector($"input[type=radio][name=date][value='{date}']")); // the date is offered on the page
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["date"] = date;
        fields["nights"] = nights.ToString(System.Globalization.CultureInfo.InvariantCulture);
        fields["people"] = people.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await client.PostAsync(form.GetAttribute("action")!, new FormUrlEncodedContent(fields));
    }

    private static async Task<Dictionary<string, string>> FilledCheckoutAsync(HttpClient client, PaymentMethod payment)
    {
        var fields = await StorefrontForms.CheckoutFieldsAsync(client);
        fields["Input.Name"] = "Trần Văn Nam";
        fields["Input.Phone"] = NextPhone();
        fields["Input.CommuneCode"] = "05503";
        fields["Input.Street"] = "Số 5 đường Tân Cương";
        fields["Input.Payment"] = payment.ToString();
        fields["Input.Step"] = "place";
        return fields;
    }

    [Fact]
    public async Task A_full_night_is_shown_full_and_a_stay_over_it_is_refused_with_the_date_in_both_languages()
    {
        await FillNightAsync(new DateOnly(2026, 12, 15));
        var client = Browser();

        var page = await StorefrontForms.HtmlAsync(await client.GetAsync(Homestay + "?thang=2026-12"));
        var full = page.QuerySelector("[data-testid=day-2026-12-15]")!;
        Assert.Equal("full", full.ClassName);
        Assert.Contains("hết chỗ", full.TextContent);
        Assert.Null(full.QuerySelector("input")); // nothing to pick
        Assert.Contains("còn 4", page.QuerySelector("[data-testid=day-2026-12-14]")!.TextContent);

        var refused = await BookAsync(client, Homestay + "?thang=2026-12", "2026-12-14", nights: 2);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var back = refused.Headers.Location!.OriginalString;
        Assert.StartsWith(Homestay + "?datcho=het-cho&thang=2026-12&ngay=2026-12-15", back);
        var error = (await StorefrontForms.HtmlAsync(await client.GetAsync(back))).QuerySelector("[data-testid=booking-error]")!.TextContent;
        Assert.Equal("Ngày 15/12/2026 đã hết chỗ. Vui lòng chọn ngày khác.", error);
        Assert.Empty((await StorefrontForms.HtmlAsync(await client.GetAsync("/gio-hang"))).QuerySelectorAll("[data-testid=cart-booking]"));

        var english = Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await english.GetAsync("/language/en?returnUrl=/")).StatusCode);
        var refusedInEnglish = await BookAsync(english, "/en" + Homestay + "?thang=2026-12", "2026-12-14", nights: 2);
        var englishError = (await StorefrontForms.HtmlAsync(await english.GetAsync(refusedInEnglish.Headers.Location!.OriginalString)))
            .QuerySelector("[data-testid=booking-error]")!.TextContent;
        Assert.Equal("15/12/2026 is fully booked. Please choose another date.", englishError);
    }

    [Fact]
    public async Task A_night_filled_while_the_traveller_checks_out_is_refused_at_checkout_by_its_date()
    {
        var client = Browser();
        Assert.StartsWith("/gio-hang?added=", (await BookAsync(client, Homestay + "?thang=2026-12", "2026-12-17", nights: 2)).Headers.Location!.OriginalString);
        var fields = await FilledCheckoutAsync(client, PaymentMethod.BankTransfer);
        await FillNightAsync(new DateOnly(2026, 12, 18)); // the last rooms of the second night go meanwhile

        var error = (await StorefrontForms.HtmlAsync(await StorefrontForms.PlaceAsync(client, fields))).QuerySelector("[data-testid=checkout-error]")!.TextContent;
        Assert.Equal("Ngày 18/12/2026 của “Lan's Homestay” đã hết chỗ. Vui lòng chọn ngày khác.", error);
    }

    [Fact]
    public async Task A_booking_is_not_offered_cash_on_delivery_and_is_paid_by_transfer_with_its_calendar_file()
    {
        var client = Browser();
        var added = await BookAsync(client, Homestay + "?thang=2026-12", "2026-12-20", nights: 2, people: 3);
        Assert.StartsWith("/gio-hang?added=", added.Headers.Location!.OriginalString);
        var cart = await StorefrontForms.HtmlAsync(await client.GetAsync("/gio-hang"));
        Assert.Equal("20/12/2026 – 22/12/2026 (2 đêm), 3 người", cart.QuerySelector("[data-testid=cart-booking]")!.TextContent.Trim());
        Assert.Empty(cart.QuerySelectorAll("[data-testid=cart-qty]")); // nights are changed from the calendar, not typed here

        var checkout = await StorefrontForms.HtmlAsync(await client.GetAsync(StorefrontForms.CheckoutPath));
        Assert.Null(checkout.QuerySelector("input[type=radio][value=CashOnDelivery]"));
        Assert.NotNull(checkout.QuerySelector("[data-testid=no-cod-for-bookings]"));

        // A forged post asking for cash on delivery anyway is refused, and says why.
        var forged = await StorefrontForms.HtmlAsync(await StorefrontForms.PlaceAsync(client, await FilledCheckoutAsync(client, PaymentMethod.CashOnDelivery)));
        Assert.Equal("Đặt chỗ du lịch không nhận thanh toán khi nhận hàng: vui lòng chọn chuyển khoản hoặc thẻ.",
            forged.QuerySelector("[data-testid=checkout-error]")!.TextContent);

        var placed = await StorefrontForms.PlaceAsync(client, await FilledCheckoutAsync(client, PaymentMethod.BankTransfer));
        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        var orderPage = placed.Headers.Location!.OriginalString;
        var order = await StorefrontForms.HtmlAsync(await client.GetAsync(orderPage));
        Assert.Equal("20/12/2026 – 22/12/2026 (2 đêm), 3 người", order.QuerySelector("[data-testid=order-booking]")!.TextContent.Trim());
        Assert.NotNull(order.QuerySelector("[data-testid=vietqr]"));
        var ics = await client.GetAsync(order.QuerySelector("[data-testid=booking-ics]")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType!.MediaType);
        var file = await ics.Content.ReadAsStringAsync();
        Assert.Contains("DTSTART;VALUE=DATE:20261220\r\nDTEND;VALUE=DATE:20261222\r\n", file);
        Assert.Contains("SUMMARY:Lan's Homestay", file);

        // Without the link's secret the file is as private as the order page.
        Assert.Equal(HttpStatusCode.NotFound, (await Browser().GetAsync(orderPage.Split('?')[0] + "/lich.ics")).StatusCode);
    }

    [Fact]
    public async Task A_tourism_service_posted_as_goods_is_sent_back_to_its_calendar()
    {
        var (id, _) = await HomestayAsync();
        var response = await Browser().PostAsync("/gio-hang/them", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["productId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["quantity"] = "1",
        }));
        Assert.Equal("/gio-hang?error=needs-date", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_producer_sees_the_guests_of_a_night_and_another_producer_is_refused_the_calendar()
    {
        var (id, price) = await HomestayAsync();
        await factory.Services.GetRequiredService<CheckoutService>().PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(id, 1, price, new BookingChoice(new DateOnly(2026, 12, 2), 1, 2, null))],
            new DeliveryAddress("Lê Thị Hoa", "0987000111", "Số 9", "05503", "19", null), PaymentMethod.BankTransfer, null, null));

        var other = Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await AccountHttpTests.SignInAsync(other, "haodat@ocopmarket.test", AccountSeeder.DemoPassword)).StatusCode);
        var refused = await StorefrontForms.HtmlAsync(await other.GetAsync($"/portal/lich-dat-cho?sanpham={id}"));
        Assert.NotNull(refused.QuerySelector("[data-testid=not-found]"));
        Assert.Null(refused.QuerySelector(".portal-calendar"));
        Assert.NotNull((await StorefrontForms.HtmlAsync(await other.GetAsync("/portal/lich-dat-cho"))).QuerySelector("[data-testid=no-bookable]"));

        var owner = Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await AccountHttpTests.SignInAsync(owner, "lan@ocopmarket.test", AccountSeeder.DemoPassword)).StatusCode);
        var calendar = await StorefrontForms.HtmlAsync(await owner.GetAsync($"/portal/lich-dat-cho?sanpham={id}&thang=2026-12"));
        Assert.Null(calendar.QuerySelector("[data-testid=not-found]"));
        Assert.Contains("2 khách", calendar.QuerySelector("[data-testid=portal-day-2026-12-02]")!.TextContent);
    }
}
