using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Bookings;
using OcopMarket.Core.Bookings.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Web.Components.Account;
using OcopMarket.Web.Components.Pages.Orders;
using OcopMarket.Web.Security;

namespace OcopMarket.Web.Components.Pages.Bookings;

/// <summary>
/// A booking goes into the cart by a plain form post from the product page's calendar, like goods: its rules and
/// places are checked now (a date filled since the page was cached is refused with the date), and taken only at
/// checkout. A refusal goes back to the product page with a code the calendar words in the visitor's language.
/// </summary>
public static class BookingEndpoints
{
    public const string Path = Routes.Cart + "/dat-cho";

    public const string Full = "het-cho";
    public const string Closed = "nghi";
    public const string Invalid = "khong-hop-le";

    public static void MapBookingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, async ([FromForm] string? productId, [FromForm] string? date, [FromForm] string? nights,
            [FromForm] string? people, [FromForm] string? slot, HttpContext http, CartStore store, BookingService bookings,
            CancellationToken ct) =>
        {
            if (CartEndpoints.ParseProductId(productId) is not { } id) return Results.Redirect(http.Request.PathBase + Routes.Cart + "?error=unavailable");
            var slug = await bookings.SlugAsync(id, ct);
            if (slug is null) return Results.Redirect(http.Request.PathBase + Routes.Cart + "?error=unavailable");
            IResult Back(string code, DateOnly? day = null, int left = 0) => Results.Redirect(http.Request.PathBase + $"/san-pham/{Uri.EscapeDataString(slug)}"
                + $"?datcho={code}" + (day is { } d ? $"&thang={d:yyyy-MM}&ngay={d:yyyy-MM-dd}" : "") + (left > 0 ? $"&con={left}" : "") + "#booking-heading");

            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                || !int.TryParse(people, NumberStyles.None, CultureInfo.InvariantCulture, out var guests)
                || !TryNights(nights, out var n))
                return Back(Invalid);
            var choice = new BookingChoice(day, n, guests, string.IsNullOrWhiteSpace(slot) ? null : slot.Trim());
            try
            {
                var (price, units) = await bookings.QuoteAsync(id, choice, ct);
                var cart = store.Read(http);
                cart.Book(id, choice, units, price);
                await store.SaveAsync(http, cart, ct);
                return Results.Redirect(http.Request.PathBase + Routes.Cart + "?added=" + id.ToString(CultureInfo.InvariantCulture));
            }
            catch (FullyBookedException e)
            {
                return Back(Full, e.Day, e.Left);
            }
            catch (DateNotOpenException e)
            {
                return Back(Closed, e.Day);
            }
            catch (DomainException)
            {
                return Back(Invalid);
            }
        })
            // As the cart's add: posted from a cached page without a token; cross-site posts are refused by their headers.
            .DisableAntiforgery()
            .RefuseCrossSite();

        // The buyer's bookings as an iCalendar file: the same access as the order page (the guest link's secret, or the signed-in buyer).
        app.MapGet("/don-hang/{checkoutId:guid}/lich.ics", async (Guid checkoutId, [FromQuery] string? t, HttpContext http,
            AccountDirectory accounts, OrderQueryService orders, TimeProvider clock, CancellationToken ct) =>
        {
            var actor = await CurrentActor.FromPrincipalAsync(http.User, accounts);
            IReadOnlyList<BuyerOrderView> views;
            try
            {
                views = await orders.CheckoutAsync(checkoutId, t, actor, ct);
            }
            catch (NotFoundException)
            {
                return Results.NotFound();
            }
            var events = views.SelectMany(o => o.Lines.Where(l => l.Booking is not null).Select(l => new BookedEvent(
                $"{o.Number}-{l.ProductId}", l.ProductName,
                $"Đơn {o.Number} · {o.ProducerName} · {BookingText.Describe(l.Booking!)}", null, l.Booking!))).ToList();
            if (events.Count == 0) return Results.NotFound();
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.File(System.Text.Encoding.UTF8.GetBytes(BookingCalendarFile.Build(events, clock.GetUtcNow().UtcDateTime)),
                "text/calendar; charset=utf-8", $"ocopmarket-{views[0].Number}.ics");
        });
    }

    private static bool TryNights(string? text, out int nights)
    {
        nights = 0; // a tour's choice has none
        return string.IsNullOrWhiteSpace(text) || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out nights);
    }
}
