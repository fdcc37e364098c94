using Microsoft.AspNetCore.Components;
using OcopMarket.Core.Wishlists.Domain;
using OcopMarket.Web.Components.Shared;

namespace OcopMarket.Web.Components.Pages.Wishlists;

/// <summary>
/// The hearts of one page: what this visitor saved (empty for an anonymous visitor, whose page is the shared cached
/// one) and the page to come back to after a heart is pressed.
/// </summary>
public sealed class SavedHearts(Wishlist wishlist, string returnUrl)
{
    public static SavedHearts Of(HttpContext? http, WishlistCookie cookie) => http is null
        ? new(new Wishlist(), "/")
        : new(cookie.Read(http), http.Request.PathBase + http.Request.Path + http.Request.QueryString);

    public bool IsSaved(int productId) => wishlist.Contains(productId);

    /// <summary>Where a heart's post returns: the page it is on.</summary>
    public string ReturnUrl => returnUrl;

    public RenderFragment For(int productId) => SaveHeart.For(productId, wishlist.Contains(productId), returnUrl);
}
