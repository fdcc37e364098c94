using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using OcopMarket.Core.Wishlists.Domain;

namespace OcopMarket.Web.Components.Pages.Wishlists;

/// <summary>
/// The visitor's saved products in a protected cookie (encrypted and signed, like the cart's): a guest's whole
/// wishlist, and a signed-in buyer's working copy, so the hearts on every page are drawn without a database trip.
/// A cookie that fails to unprotect is an empty wishlist, not an error.
/// </summary>
public sealed class WishlistCookie(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Name = "ocop_wish";

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);
    private readonly IDataProtector _protector = protection.CreateProtector("OcopMarket.Wishlist.v1");

    public Wishlist Read(HttpContext http) => ReadWithOwner(http).Wishlist;

    /// <summary>The wishlist and the account it was last saved for (null: a guest's).</summary>
    public (Wishlist Wishlist, string? Owner) ReadWithOwner(HttpContext http)
    {
        if (http.Request.Cookies[Name] is not { Length: > 0 } value) return (new(), null);
        try
        {
            var stored = JsonSerializer.Deserialize<Stored>(_protector.Unprotect(value));
            if (stored?.Items is null) return (new(), null);
            return (new(stored.Items.Where(i => i.Length == 3 && i[0] > 0 && i[0] <= int.MaxValue)
                .Select(i => new WishlistEntry((int)i[0], i[1], DateTime.UnixEpoch.AddSeconds(Math.Clamp(i[2], 0, 32_503_680_000L))))), stored.Owner);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException or FormatException or OverflowException or ArgumentException)
        {
            return (new(), null);
        }
    }

    public void Write(HttpContext http, Wishlist wishlist, string? owner)
    {
        if (wishlist.Count == 0 && owner is null)
        {
            // An emptied guest wishlist leaves no cookie: the visitor's pages are the shared, cached ones again.
            http.Response.Cookies.Delete(Name);
            return;
        }
        var payload = JsonSerializer.Serialize(new Stored(owner,
            [.. wishlist.Entries.Select(e => new[] { e.ProductId, e.PriceWhenSavedVnd, (long)(e.SavedAt - DateTime.UnixEpoch).TotalSeconds })]));
        http.Response.Cookies.Append(Name, _protector.Protect(payload), new CookieOptions
        {
            HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps,
            Expires = clock.GetUtcNow() + Lifetime,
        });
    }

    public static void Forget(HttpContext http) => http.Response.Cookies.Delete(Name);

    private sealed record Stored(string? Owner, long[][] Items);
}
