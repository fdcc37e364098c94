using System.Security.Claims;
using OcopMarket.Core.Services.Orders;

namespace OcopMarket.Web.Components.Pages.Cart;

/// <summary>
/// The buyer's cart as pages and endpoints use it. The protected cookie is the working copy, read on every page
/// without a database trip; a signed-in buyer's changes are also saved on their account, so the cart follows them
/// to another device, and signing in merges the guest cart into the saved one.
/// </summary>
public sealed class CartStore(CartCookie cookie, CartService carts)
{
    public Core.Domain.Orders.Cart Read(HttpContext http) => cookie.Read(http);

    public async Task SaveAsync(HttpContext http, Core.Domain.Orders.Cart cart, CancellationToken ct = default)
    {
        cookie.Write(http, cart);
        if (http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId) await carts.SaveAsync(userId, cart, ct);
    }

    /// <summary>Right after a successful sign-in (the request itself is still anonymous, so the user id is passed in).</summary>
    public async Task MergeAtSignInAsync(HttpContext http, string userId, CancellationToken ct = default) =>
        cookie.Write(http, await carts.MergeAtSignInAsync(userId, cookie.Read(http), ct));

    /// <summary>Signing out leaves no cart behind in a shared browser; it stays saved on the account.</summary>
    public static void ForgetOnSignOut(HttpContext http) => http.Response.Cookies.Delete(CartCookie.Name);
}
