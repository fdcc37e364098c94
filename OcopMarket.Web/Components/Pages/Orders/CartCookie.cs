using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using OcopMarket.Core.Bookings.Domain;
using OcopMarket.Core.Orders.Domain;

namespace OcopMarket.Web.Components.Pages.Orders;

/// <summary>
/// A guest's cart lives in a cookie, protected (encrypted and signed) so it cannot be read or edited by hand;
/// a cookie that fails to unprotect is treated as an empty cart rather than an error.
/// </summary>
public sealed class CartCookie(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Name = "ocop_cart";

    /// <summary>How long a browser keeps the cart after it last changed, counted on the app's clock.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);
    private readonly IDataProtector _protector = protection.CreateProtector("OcopMarket.Cart.v2");

    public Core.Orders.Domain.Cart Read(HttpContext http) => ReadWithOwner(http).Cart;

    /// <summary>
    /// The cart and whose it is: the signed-in buyer it was last saved for, or null for a guest's. Signing in uses
    /// this so a cart left in a shared browser is not poured into someone else's account, and a copy of the
    /// buyer's own saved cart is not added to itself.
    /// </summary>
    public (Core.Orders.Domain.Cart Cart, string? Owner) ReadWithOwner(HttpContext http)
    {
        if (http.Request.Cookies[Name] is not { Length: > 0 } value) return (new(), null);
        try
        {
            var stored = JsonSerializer.Deserialize<StoredCart>(_protector.Unprotect(value));
            if (stored?.Items is null) return (new(), null);
            return (new(stored.Items.Where(i => i.Length is 3 or 7).Select(i => new CartItem(checked((int)i[0]), checked((int)i[1]), i[2],
                i.Length == 7 ? BookingOf(i) : null))), stored.Owner);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException or FormatException or OverflowException or ArgumentOutOfRangeException)
        {
            return (new(), null);
        }
    }

    public void Write(HttpContext http, Core.Orders.Domain.Cart cart, string? owner)
    {
        var payload = JsonSerializer.Serialize(new StoredCart(owner, [.. cart.Items.Select(i => i.Booking is { } b
            ? new[] { i.ProductId, i.Quantity, i.PriceSeenVnd, b.Date.DayNumber, b.Nights, b.People, SlotMinutes(b.Slot) }
            : new[] { i.ProductId, i.Quantity, i.PriceSeenVnd })]));
        http.Response.Cookies.Append(Name, _protector.Protect(payload), new CookieOptions
        {
            HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps,
            Expires = clock.GetUtcNow() + Lifetime,
        });
    }

    private sealed record StoredCart(string? Owner, long[][] Items);

    // A booking travels as four more numbers: its day (DayNumber), nights, people and slot (minutes after midnight, -1 for none).
    private static BookingChoice BookingOf(long[] i) => new(DateOnly.FromDayNumber(checked((int)i[3])), checked((int)i[4]), checked((int)i[5]),
        i[6] is >= 0 and < 24 * 60 ? $"{i[6] / 60:00}:{i[6] % 60:00}" : null);

    private static long SlotMinutes(string? slot) =>
        slot is { Length: 5 } && int.TryParse(slot[..2], out var h) && int.TryParse(slot[3..], out var m) ? h * 60 + m : -1;
}
