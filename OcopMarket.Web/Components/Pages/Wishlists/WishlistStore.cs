using System.Security.Claims;
using OcopMarket.Core.Wishlists;
using OcopMarket.Core.Wishlists.Domain;

namespace OcopMarket.Web.Components.Pages.Wishlists;

/// <summary>
/// The visitor's wishlist as pages and endpoints use it, as <c>CartStore</c> does the cart: the cookie is the working
/// copy, a signed-in buyer's changes are saved on the account too, and signing in merges a guest's into the account's.
/// </summary>
public sealed class WishlistStore(WishlistCookie cookie, WishlistService wishlists)
{
    public Wishlist Read(HttpContext http) => cookie.Read(http);

    public async Task SaveAsync(HttpContext http, Wishlist wishlist, CancellationToken ct = default)
    {
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        cookie.Write(http, wishlist, userId);
        if (userId is not null) await wishlists.SaveAsync(userId, wishlist, ct);
    }

    /// <summary>
    /// Right after sign-in: a guest's saved products join the account's; the account's own copy left from an earlier
    /// visit is replaced by what the account holds; someone else's left in a shared browser is dropped.
    /// </summary>
    public async Task MergeAtSignInAsync(HttpContext http, string userId, CancellationToken ct = default)
    {
        var (wishlist, owner) = cookie.ReadWithOwner(http);
        var merged = await wishlists.MergeAtSignInAsync(userId, owner is null ? wishlist : new Wishlist(), ct);
        cookie.Write(http, merged, userId);
    }

    /// <summary>Signing out leaves nothing behind in a shared browser; the list stays on the account.</summary>
    public static void ForgetOnSignOut(HttpContext http) => WishlistCookie.Forget(http);
}
