using System.Security.Claims;
using OcopMarket.Core.Accounts;

namespace OcopMarket.Web.Components.Account;

/// <summary>
/// Officers must sign in with a second factor. Identity marks a session that passed one with the claim
/// <c>amr: mfa</c>; an officer's session without it is sent to set up two-factor before any admin page opens, and
/// does not count as an officer for Core services either (see <see cref="CurrentActor"/>).
/// </summary>
public static class SecondFactor
{
    public const string ClaimType = "amr";
    public const string ClaimValue = "mfa";
    public const string SetupPath = "/Account/TwoFactor";

    public static bool WasProved(ClaimsPrincipal principal) => principal.HasClaim(ClaimType, ClaimValue);

    public static bool IsOfficerWithoutSecondFactor(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && principal.IsInRole(Roles.Admin) && !WasProved(principal);

    /// <summary>Sends an officer without a second factor from the admin desk to the set-up page, then back.</summary>
    public static IApplicationBuilder UseOfficerSecondFactor(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.Path.StartsWithSegments(Routes.Admin, StringComparison.OrdinalIgnoreCase) && IsOfficerWithoutSecondFactor(http.User))
        {
            http.Response.Redirect(SetupPath + "?returnUrl=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));
            return;
        }
        await next(http);
    });
}
