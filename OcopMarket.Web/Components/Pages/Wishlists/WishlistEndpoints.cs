using System.Globalization;
using OcopMarket.Web.Components.Pages.Orders;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using OcopMarket.Core.Common;
using OcopMarket.Core.Wishlists;
using OcopMarket.Web.Security;

namespace OcopMarket.Web.Components.Pages.Wishlists;

/// <summary>
/// Saving and un-saving are plain form posts (no circuit, no script needed), answered with a redirect back to the
/// page the heart was on, so the heart shows its new state there and reloading never posts twice.
/// </summary>
public static class WishlistEndpoints
{
    public const string Add = WishlistPaths.Page + "/them";
    public const string Remove = WishlistPaths.Page + "/bo";
    public const string Alerts = WishlistPaths.Page + "/thong-bao";

    public static void MapWishlistEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(Add, async ([FromForm] string? productId, [FromForm] string? returnUrl, HttpContext http,
            WishlistStore store, WishlistService wishlists, TimeProvider clock, CancellationToken ct) =>
        {
            if (CartEndpoints.ParseProductId(productId) is not { } id || await wishlists.PriceOfAsync(id, ct) is not { } price)
                return Back(http, null, "?error=unavailable");
            var wishlist = store.Read(http);
            try
            {
                wishlist.Add(id, price, clock.GetUtcNow().UtcDateTime);
            }
            catch (DomainException)
            {
                return Back(http, null, "?error=full");
            }
            await store.SaveAsync(http, wishlist, ct);
            return Back(http, returnUrl, "?saved=" + id.ToString(CultureInfo.InvariantCulture));
        })
            // Posted from cached pages that are the same for everyone, so without an antiforgery token: the browser's
            // own Sec-Fetch-Site / Origin headers tell a cross-site post instead (CrossSitePosts), as for the cart.
            .DisableAntiforgery()
            .RefuseCrossSite();

        app.MapPost(Remove, async ([FromForm] string? productId, [FromForm] string? returnUrl, HttpContext http, WishlistStore store, CancellationToken ct) =>
        {
            if (CartEndpoints.ParseProductId(productId) is { } id)
            {
                var wishlist = store.Read(http);
                if (wishlist.Remove(id)) await store.SaveAsync(http, wishlist, ct);
            }
            return Back(http, returnUrl, "");
        })
            .DisableAntiforgery()
            .RefuseCrossSite();

        // From the wishlist page, which is the visitor's own (not cached), so it carries an antiforgery token.
        app.MapPost(Alerts, async ([FromForm] string? productId, [FromForm] string? on, HttpContext http, WishlistService wishlists, CancellationToken ct) =>
        {
            if (http.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return Back(http, null, "?error=signin");
            if (CartEndpoints.ParseProductId(productId) is not { } id) return Back(http, null, "");
            try
            {
                await wishlists.SetAlertsAsync(userId, id, on == "true");
            }
            catch (NotFoundException)
            {
                return Back(http, null, "?error=unavailable");
            }
            return Back(http, null, on == "true" ? "?alerts=on" : "?alerts=off");
        });
    }

    /// <summary>
    /// Back to where the heart was (a path on this site only: never an address another site chose); without one, or
    /// when something went wrong (callers then pass no return path), to the wishlist page with the notice.
    /// </summary>
    private static IResult Back(HttpContext http, string? returnUrl, string notice) =>
        Results.Redirect(returnUrl is { Length: <= 2000 } && LocalPaths.IsLocal(returnUrl) ? returnUrl : http.Request.PathBase + WishlistPaths.Page + notice);
}
