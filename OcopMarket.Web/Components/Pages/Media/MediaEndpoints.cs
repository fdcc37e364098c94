using OcopMarket.Core.Media;
using OcopMarket.Web.Security;

namespace OcopMarket.Web.Components.Pages.Media;

public static class MediaEndpoints
{
    /// <summary>
    /// GET /media/{path}: uploaded photos, certificate scans and lot attachments. Names are random and never reused,
    /// so a response can be cached for good; the store refuses any path that could leave its folder. Images are shown
    /// in the page; a PDF (a producer's upload, which could carry script) is a download, and sandboxed should a
    /// browser open it anyway.
    /// </summary>
    public static void MapMediaEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/media/{**path}", async (string path, IMediaStore store, HttpContext http, CancellationToken ct) =>
        {
            Stream? stream;
            try
            {
                stream = await store.OpenAsync(path, ct);
            }
            catch (ArgumentException)
            {
                return Results.NotFound();
            }
            if (stream is null) return Results.NotFound();
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            var contentType = Path.GetExtension(path) switch
            {
                ".webp" => "image/webp",
                ".jpg" or ".jpeg" => "image/jpeg",
                ".png" => "image/png",
                ".pdf" => "application/pdf",
                _ => "application/octet-stream",
            };
            if (contentType == "application/pdf")
            {
                http.Response.Headers[ContentSecurityPolicy.Header] = ContentSecurityPolicy.Sandbox;
                return Results.Stream(stream, contentType, fileDownloadName: Path.GetFileName(path));
            }
            return Results.Stream(stream, contentType);
        });
}
