using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using OcopMarket.Core.PublicPages;
using OcopMarket.Core.PublicPages.Domain;

namespace OcopMarket.Web.PublicPages;

/// <summary>
/// The output cache's one rule: a GET of a cacheable public page by an anonymous visitor (<see cref="PublicVisitor"/>)
/// is answered from the cache, kept per URL (path, /en prefix and every query value) and per language, per Accept
/// where the page negotiates, filed under the tags of what it shows (<see cref="PublicPageTags"/>) so writes evict
/// exactly those pages. Everyone else, and every other request, goes through as if there were no cache.
/// </summary>
public sealed class PublicPageCachePolicy(PublicCacheSettings settings) : IOutputCachePolicy
{
    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        if (!settings.Enabled || !PublicVisitor.IsSharedRequest(http))
        {
            context.EnableOutputCaching = false;
            return ValueTask.CompletedTask;
        }
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        // A rush on one page (a TV spot) renders it once; the other requests wait for that render.
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = settings.ServerDuration;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["lang"] = CultureInfo.CurrentUICulture.Name;
        if (PublicVisitor.PageOf(http)!.VariesByAccept) context.CacheVaryByRules.HeaderNames = HeaderNames.Accept;
        context.Tags.Add(PageTags.All);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        // A page that set a cookie was made for one visitor; anything but a 200 is not worth keeping.
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
        foreach (var tag in PublicPageTags.Of(context.HttpContext)) context.Tags.Add(tag);
        return ValueTask.CompletedTask;
    }
}
