using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using OcopMarket.Core.Domain.Orders;

namespace OcopMarket.Web.Components.Pages.Cart;

/// <summary>
/// A guest's cart lives in a cookie, protected (encrypted and signed) so it cannot be read or edited by hand;
/// a cookie that fails to unprotect is treated as an empty cart rather than an error.
/// </summary>
public sealed class CartCookie(IDataProtectionProvider protection)
{
    public const string Name = "ocop_cart";
    private readonly IDataProtector _protector = protection.CreateProtector("OcopMarket.Cart.v1");

    public Core.Domain.Orders.Cart Read(HttpContext http)
    {
        if (http.Request.Cookies[Name] is not { Length: > 0 } value) return new();
        try
        {
            var items = JsonSerializer.Deserialize<long[][]>(_protector.Unprotect(value)) ?? [];
            return new(items.Where(i => i.Length == 3).Select(i => new CartItem((int)i[0], (int)i[1], i[2])));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException or FormatException or OverflowException)
        {
            return new();
        }
    }

    public void Write(HttpContext http, Core.Domain.Orders.Cart cart)
    {
        var payload = JsonSerializer.Serialize(cart.Items.Select(i => new[] { i.ProductId, i.Quantity, i.PriceSeenVnd }));
        http.Response.Cookies.Append(Name, _protector.Protect(payload), new CookieOptions
        {
            HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps,
            Expires = DateTimeOffset.UtcNow.AddDays(30),
        });
    }
}
