using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using OcopMarket.Web.Components.Pages.Traceability;
using OcopMarket.Web.Security;

namespace OcopMarket.Web.Startup;

/// <summary>
/// Brotli (or gzip) for the pages and data the server writes per request: HTML, JSON, the sitemap's XML. A phone on a
/// slow network downloads the public pages a quarter of their size. CSS, JS and images are not in the list:
/// MapStaticAssets already serves them precompressed at build time (.br/.gz at the highest level), with a
/// Content-Encoding the middleware would leave alone anyway, and compressing them again per request would only cost CPU.
/// </summary>
/// <remarks>
/// BREACH. Compressing an HTTPS response leaks, through its length, whether text an attacker gets reflected into it
/// matches a secret in it. So responses that carry per-user secrets are sent as they are: the account pages (login
/// and register echo what was typed; two-factor pages carry recovery codes and authenticator keys), the producer
/// portal and the admin desk (their circuits, personal data, interactive forms), the cart, checkout, order and
/// print pages (a buyer's name, phone and address, order numbers). What stays compressed is public: the home page,
/// catalog, product and producer pages, the trace pages and their JSON, the sitemap. For an anonymous visitor those
/// carry no secret at all: they are the same bytes for everyone (no antiforgery token, no component state: see
/// PublicPagesSetup), which is what lets caches keep them. A signed-in visitor's copy of a public page carries the
/// sign-out form's antiforgery token, which ASP.NET Core encrypts afresh for every response (a new random key and IV
/// each time), so no two responses share the bytes an attacker would have to guess one at a time; the cookie half of
/// the pair is in a header, which is never compressed.
/// </remarks>
public static class ResponseCompressionSetup
{
    /// <summary>What the middleware compresses; everything else (static files, images, websockets) passes through.</summary>
    public static readonly string[] MimeTypes =
    [
        "text/html", "application/json", "application/problem+json", TraceEndpoints.LinksetMediaType,
        "application/xml", "text/xml",
    ];

    public static IServiceCollection AddOcopCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true; // see BREACH above: only pages without per-user secrets reach the middleware
            o.MimeTypes = MimeTypes;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        // Pages are written per request: the fastest level already takes most of the size off, the best would
        // take many times the CPU for a few per cent more.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>Whether a response to this path may be compressed: not when it can carry a person's secrets (see BREACH).</summary>
    public static bool MayCompress(PathString path) =>
        !SecurityHeadersMiddleware.IsInteractiveArea(path)
        && !path.StartsWithSegments("/Account", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments(Routes.Cart, StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments(Routes.Checkout, StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments("/don-hang", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments("/in", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// After forwarded headers (so the scheme is the client's) and the security headers; before status-code pages, so a
    /// re-executed "not found" page is judged by the address that was asked for; before every endpoint.
    /// </summary>
    public static WebApplication UseOcopCompression(this WebApplication app)
    {
        app.UseWhen(http => MayCompress(http.Request.Path), branch => branch.UseResponseCompression());
        return app;
    }
}
