using System.Security.Claims;
using OcopMarket.Core.Orders;

namespace OcopMarket.Web.Components.Pages.Orders;

/// <summary>
/// The buyer's cart as pages and endpoints use it. The protected cookie is the working copy, read on every page
/// without a database trip; a signed-in buyer's changes are also saved on their account, so the cart follows them
/// to another device, and signing in merges the guest cart into the saved one.
/// </summary>
public sealed class CartStore(CartCookie cookie, CartService carts)
{
    public Core.Orders.Domain.Cart Read(HttpContext http) => cookie.Read(http);

    public async Task SaveAsync(HttpContext http, Core.Orders.Domain.Cart cart, CancellationToken ct = default)
    {
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        cookie.Write(http, cart, userId);
        if (userId is not null) await carts.SaveAsync(userId, cart, ct);
    }

    /// <summary>
    /// Right after a successful sign-in (the request itself is still anonymous, so the user id is passed in).
    /// A guest's cart joins the saved one; the buyer's own cart left from an earlier visit is replaced by the saved
    /// one (it is a copy of it, adding would double it); someone else's left in a shared browser is dropped.
    /// </summary>
    public async Task MergeAtSignInAsync(HttpContext http, string userId, CancellationToken ct = default)
    {
        var (cart, owner) = cookie.ReadWithOwner(http);
        var merged = owner is null
            ? await carts.MergeAtSignInAsync(userId, cart, ct)
            : await carts.MergeAtSignInAsync(userId, new Core.Orders.Domain.Cart(), ct);
        cookie.Write(http, merged, userId);
    }

    /// <summary>Signing out leaves no cart behind in a shared browser; it stays saved on the account.</summary>
    public static void ForgetOnSignOut(HttpContext http) => http.Response.Cookies.Delete(CartCookie.Name);
}
