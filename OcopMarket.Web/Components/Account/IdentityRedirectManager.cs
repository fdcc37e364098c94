using Microsoft.AspNetCore.Components;

namespace OcopMarket.Web.Components.Account;

/// <summary>Redirects from the static account pages, never to another site (returnUrl comes from the query string).</summary>
public sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    public void RedirectTo(string? uri) => navigationManager.NavigateTo(SafeLocal(uri));

    /// <summary>A path on this site: same-origin absolute URLs lose their origin, anything else becomes "/".</summary>
    private string SafeLocal(string? uri)
    {
        uri ??= "";
        if (Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            var site = new Uri(navigationManager.BaseUri);
            return absolute.Authority == site.Authority ? absolute.PathAndQuery : "/";
        }
        return AccountEndpoints.LocalOrHome(uri.StartsWith('/') ? uri : "/" + uri);
    }

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        RedirectTo(navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters));
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, Uri.EscapeDataString(message), StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }
}
