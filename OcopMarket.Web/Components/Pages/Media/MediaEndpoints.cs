using OcopMarket.Core.Media;

namespace OcopMarket.Web.Components.Pages.Media;

public static class MediaEndpoints
{
    /// <summary>
    /// GET /media/{path}: uploaded photos. Names are random and never reused, so a response can be cached for
    /// good; the store refuses any path that could leave its folder.
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
            return Results.Stream(stream, contentType);
        });
}
