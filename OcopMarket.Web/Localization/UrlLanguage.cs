using Microsoft.AspNetCore.Localization;
using OcopMarket.Web.PublicPages;

namespace OcopMarket.Web.Localization;

/// <summary>
/// English at its own URLs: a request for <c>/en/…</c> is served by the same endpoint as the path without the prefix,
/// with <c>/en</c> moved to the path base (so routing, links made from the base and the cookie paths all see the plain
/// path) and English as its language. Runs before routing.
/// </summary>
public static class UrlLanguage
{
    private static readonly object EnglishUrlKey = new();

    public static bool IsEnglishUrl(HttpContext http) => http.Items.ContainsKey(EnglishUrlKey);

    public static IApplicationBuilder UseLanguagePrefix(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (http.Request.Path.StartsWithSegments(Lang.EnglishPrefix, StringComparison.Ordinal, out var rest))
        {
            http.Request.PathBase = http.Request.PathBase.Add(Lang.EnglishPrefix);
            http.Request.Path = rest.HasValue ? rest : "/";
            http.Items[EnglishUrlKey] = true;
        }
        return next(http);
    });
}

/// <summary>
/// The language a URL says: English under <c>/en</c>; Vietnamese for a store page without it, whatever the cookie
/// says (a page the output cache or a CDN keeps must not depend on a cookie); otherwise no answer, and the cookie decides.
/// </summary>
public sealed class UrlLanguageProvider : RequestCultureProvider
{
    private static readonly Task<ProviderCultureResult?> English = Task.FromResult<ProviderCultureResult?>(new(Lang.English));
    private static readonly Task<ProviderCultureResult?> Vietnamese = Task.FromResult<ProviderCultureResult?>(new(Lang.Vietnamese));

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
        UrlLanguage.IsEnglishUrl(httpContext) ? English
        : PublicVisitor.PageOf(httpContext) is not null ? Vietnamese
        : NullProviderCultureResult;
}
