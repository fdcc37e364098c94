using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace OcopMarket.Web.PublicPages;

/// <summary>
/// The HTTP caching headers of public pages. For an anonymous visitor a cacheable page is buffered, given a weak
/// ETag from its bytes (weak: the same page compressed with brotli or gzip is still the same page) and
/// <c>Cache-Control: public, max-age</c> (<see cref="PublicCacheSettings.MaxAge"/>), and answered 304 when the
/// browser already holds those bytes. A page rendered for one visitor (signed in, with a cart) is <c>private, no-cache</c>.
/// Sits inside the output cache, so a cached page keeps its ETag and the cache answers the 304s itself.
/// </summary>
public sealed class PublicPageResponses(RequestDelegate next, PublicCacheSettings settings)
{
    private readonly string _sharedCacheControl = $"public, max-age={(long)settings.MaxAge.TotalSeconds}";

    public async Task InvokeAsync(HttpContext http)
    {
        if (PublicVisitor.PageOf(http) is null || !PublicVisitor.IsRead(http))
        {
            await next(http);
            return;
        }
        if (!PublicVisitor.IsSharedRequest(http))
        {
            http.Response.OnStarting(() =>
            {
                if (!http.Response.Headers.ContainsKey(HeaderNames.CacheControl)) http.Response.Headers.CacheControl = "private, no-cache";
                return Task.CompletedTask;
            });
            await next(http);
            return;
        }

        var response = http.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            response.Body = original;
        }

        if (response.StatusCode == StatusCodes.Status200OK)
        {
            if (response.Headers.SetCookie.Count == 0)
            {
                var etag = "W/\"" + Convert.ToBase64String(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))[..12])
                    .Replace('+', '-').Replace('/', '_') + "\"";
                response.Headers.ETag = etag;
                response.Headers.CacheControl = _sharedCacheControl;
                response.Headers.Remove(HeaderNames.Pragma);
                response.Headers.Remove(HeaderNames.Expires);
                if (Matches(http.Request.Headers.IfNoneMatch, etag))
                {
                    response.StatusCode = StatusCodes.Status304NotModified;
                    response.ContentLength = null;
                    return;
                }
            }
            else
            {
                response.Headers.CacheControl = "private, no-cache"; // made for one visitor after all
            }
        }
        response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0) return false;
        if (!EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)) return false;
        var ours = EntityTagHeaderValue.Parse(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(ours, useStrongComparison: false));
    }
}
