namespace OcopMarket.Web.Startup;

/// <summary>
/// A missing file (a browser's /favicon.ico, a stale /_content/… or *.png link) is answered with a few bytes of
/// plain text instead of the site's 3 KB HTML "not found" page: nobody reads it, and on the trace page a phone
/// opens from a label it was a third of the weight.
/// </summary>
public static class MissingStaticFiles
{
    // Folders that hold only files (MapStaticAssets, the framework's own), and the extensions of files a page loads.
    private static readonly string[] StaticFolders = ["/_content/", "/_framework/", "/images/", "/brand/"];

    private static readonly HashSet<string> FileExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".ico", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".js", ".mjs", ".css", ".map",
        ".woff", ".woff2", ".ttf", ".json", ".txt", ".xml", ".webmanifest",
    };

    /// <summary>A request no endpoint answers whose path is a file under a static folder, or has a file's extension.</summary>
    public static bool IsStaticFilePath(PathString path)
    {
        var value = path.Value;
        if (string.IsNullOrEmpty(value)) return false;
        var extension = Path.GetExtension(value);
        if (extension.Length == 0) return false;
        return FileExtensions.Contains(extension)
               || StaticFolders.Any(f => value.StartsWith(f, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>After routing: only requests no endpoint matched (so /sitemap.xml and /media/… are untouched).</summary>
    public static IApplicationBuilder UseSmallNotFoundForMissingFiles(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (http.GetEndpoint() is not null || !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            || !IsStaticFilePath(http.Request.Path))
        {
            return next(http);
        }
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        http.Response.ContentType = "text/plain; charset=utf-8";
        // A file that appears later (a deploy) must not be hidden by a cached miss.
        http.Response.Headers.CacheControl = "no-cache";
        return HttpMethods.IsHead(http.Request.Method) ? Task.CompletedTask : http.Response.WriteAsync("Not found\n");
    });
}
