using System.Security.Cryptography;
using Microsoft.IO;
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

    // The page is buffered to hash it. A new MemoryStream per page grew by doubling to the page's 20–40 KB and was
    // garbage after the response: about a tenth of an uncached listing's CPU, with the collections it caused
    // (bench/README.md, "Uncached listings: the page buffered in pooled blocks"). Pooled blocks of 128 KB hold any
    // public page; the pool keeps at most 64 of them free (8 MB), more are allocated and dropped under a burst.
    private static readonly RecyclableMemoryStreamManager Buffers = new(new RecyclableMemoryStreamManager.Options
    {
        BlockSize = 128 * 1024,
        LargeBufferMultiple = 1024 * 1024,
        MaximumBufferSize = 16 * 1024 * 1024,
        MaximumSmallPoolFreeBytes = 64 * 128 * 1024,
        MaximumLargePoolFreeBytes = 16 * 1024 * 1024,
    });

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
        await using var buffer = Buffers.GetStream("public-page");
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
                var etag = "W/\"" + Convert.ToBase64String(Hash(buffer)[..12])
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

    /// <summary>SHA-256 of the buffered page, block by block (a pooled stream need not be one array).</summary>
    private static byte[] Hash(RecyclableMemoryStream page)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var segment in page.GetReadOnlySequence()) sha.AppendData(segment.Span);
        return sha.GetHashAndReset();
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0) return false;
        if (!EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)) return false;
        var ours = EntityTagHeaderValue.Parse(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(ours, useStrongComparison: false));
    }
}
