using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using OcopMarket.Core.Accounts;

namespace OcopMarket.Web.Components.Account;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");

        account.MapPost("/Logout", async (HttpContext http, SignInManager<AppUser> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            OcopMarket.Web.Components.Pages.Orders.CartStore.ForgetOnSignOut(http);
            OcopMarket.Web.Components.Pages.Wishlists.WishlistStore.ForgetOnSignOut(http);
            return TypedResults.LocalRedirect(LocalOrHome(returnUrl));
        });

        // After an officer approves an application the cookie still carries the old roles: re-issue it.
        account.MapPost("/RefreshSignIn", async (HttpContext http, SignInManager<AppUser> signIn, UserManager<AppUser> users,
            [FromForm] string? returnUrl) =>
        {
            var user = await users.GetUserAsync(http.User);
            if (user is null) return Results.LocalRedirect("/Account/Login");
            await signIn.RefreshSignInAsync(user);
            return Results.LocalRedirect(LocalOrHome(returnUrl));
        }).RequireAuthorization();
    }

    internal static string LocalOrHome(string? returnUrl) => Security.LocalPaths.LocalOrHome(returnUrl);
}
