using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
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
            return (new(stored.Items.Where(i => i.Length == 3).Select(i => new CartItem((int)i[0], (int)i[1], i[2]))), stored.Owner);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException or FormatException or OverflowException)
        {
            return (new(), null);
        }
    }

    public void Write(HttpContext http, Core.Orders.Domain.Cart cart, string? owner)
    {
        var payload = JsonSerializer.Serialize(new StoredCart(owner, [.. cart.Items.Select(i => new[] { i.ProductId, i.Quantity, i.PriceSeenVnd })]));
        http.Response.Cookies.Append(Name, _protector.Protect(payload), new CookieOptions
        {
            HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps,
            Expires = clock.GetUtcNow() + Lifetime,
        });
    }

    private sealed record StoredCart(string? Owner, long[][] Items);
}
