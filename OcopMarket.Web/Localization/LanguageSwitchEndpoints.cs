using Microsoft.AspNetCore.Localization;

namespace OcopMarket.Web.Localization;

public static class LanguageSwitchEndpoints
{
    /// <summary>GET /language/en?returnUrl=/san-pham: remembers the choice for a year and goes back.</summary>
    public static void MapLanguageSwitch(this IEndpointRouteBuilder app) =>
        app.MapGet("/language/{culture}", (string culture, string? returnUrl, HttpContext http, TimeProvider clock) =>
        {
            var chosen = culture == Lang.English ? Lang.English : Lang.Vietnamese;
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            // Only local paths: a crafted link must not bounce visitors to another site.
            return Results.LocalRedirect(Security.LocalPaths.LocalOrHome(returnUrl));
        });
}
