using Microsoft.AspNetCore.DataProtection;
using OcopMarket.Core.Wishlists;
using OcopMarket.Web.Startup;

namespace OcopMarket.Web.Components.Pages.Wishlists;

/// <summary>
/// Absolute links for wishlist emails, from Site:PublicUrl. The "stop these emails" link carries the account id
/// protected and time-limited (Data Protection, whose keys every node shares), so it works without signing in and
/// cannot be made for someone else's account.
/// </summary>
public sealed class WishlistLinks(PublicAddress site, IDataProtectionProvider protection, TimeProvider clock) : IWishlistLinks
{
    public static readonly TimeSpan StopLinkLifetime = TimeSpan.FromDays(60);

    // The expiry is inside the protected text and checked against the app's clock (not the machine's, as
    // ITimeLimitedDataProtector would), so the rule follows TimeProvider like every other time in the app.
    private readonly IDataProtector _protector = protection.CreateProtector("OcopMarket.Wishlist.StopAlerts.v1");

    public string Wishlist() => site.Absolute(WishlistPaths.Page);

    public string Product(string slug) => site.Absolute("/san-pham/" + Uri.EscapeDataString(slug));

    public string StopAlerts(string userId)
    {
        var expires = (clock.GetUtcNow() + StopLinkLifetime).ToUnixTimeSeconds();
        return site.Absolute(WishlistPaths.StopAlerts + "?t=" + Uri.EscapeDataString(_protector.Protect($"{expires}|{userId}")));
    }

    /// <summary>The account a stop link names, or null when it was tampered with or has expired.</summary>
    public string? UserOf(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000) return null;
        try
        {
            var text = _protector.Unprotect(token);
            var bar = text.IndexOf('|');
            if (bar <= 0 || !long.TryParse(text[..bar], out var expires)) return null;
            return DateTimeOffset.FromUnixTimeSeconds(expires) < clock.GetUtcNow() ? null : text[(bar + 1)..];
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
