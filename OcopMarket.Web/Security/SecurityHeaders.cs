using System.Security.Cryptography;
using System.Text;
using OcopMarket.Core.Orders;
using Microsoft.AspNetCore.Components;
using OcopMarket.Web.Components.Pages.Traceability;
using OcopMarket.Web.PublicPages;

namespace OcopMarket.Web.Security;

/// <summary>
/// The Content-Security-Policy of each kind of page. Public pages are static HTML: scripts only from the site
/// (plus the import map, by this request's nonce), styles only from the site. The portal and the admin desk run a
/// Blazor Server circuit and MudBlazor, which writes inline styles everywhere, so they allow inline styles and
/// the circuit's websocket.
/// </summary>
public static class ContentSecurityPolicy
{
    public const string Header = "Content-Security-Policy";

    private const string NonceItem = "ocop.csp-nonce";

    /// <summary>
    /// The nonce an inline script of this page carries, or null on a public page: those are the same bytes for every
    /// visitor (and cached), so a nonce in them would be one nonce for everyone; their policy allows the one inline
    /// script they have, the import map, by its hash (<see cref="ForPublicPage"/>). JSON-LD is data, which no policy runs.
    /// </summary>
    public static string? ScriptNonce(HttpContext? http) =>
        http is null || PublicVisitor.PageOf(http) is not null ? null : NonceOf(http);

    /// <summary>The nonce this response's policy allows inline scripts by; the same for the whole request.</summary>
    public static string NonceOf(HttpContext http)
    {
        if (http.Items[NonceItem] is string nonce) return nonce;
        nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        http.Items[NonceItem] = nonce;
        return nonce;
    }

    /// <summary>The CSP source expression allowing exactly this inline text (a style element or attribute).</summary>
    public static string HashSource(string inlineText) =>
        $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inlineText)))}'";

    // The label sheet sets its size as CSS variables in a style attribute, one of four fixed strings: allowed by
    // their hashes rather than by allowing every inline style.
    private static readonly string LabelSheetStyles = string.Join(' ', LabelSize.All.Select(s => HashSource(s.SheetStyle)));

    /// <summary>Static server-rendered pages: the store, the buyer's orders, the account pages.</summary>
    public static string ForStaticPage(HttpContext http, IReadOnlyList<string> stripeCheckoutOrigins) =>
        StaticPolicy($"'nonce-{NonceOf(http)}'", stripeCheckoutOrigins);

    /// <summary>Public pages (<see cref="PublicPageAttribute"/>): as static pages, with the import map allowed by its hash instead of a nonce.</summary>
    public static string ForPublicPage(HttpContext http, IReadOnlyList<string> stripeCheckoutOrigins) =>
        StaticPolicy(ImportMapSource(http), stripeCheckoutOrigins);

    private static string StaticPolicy(string inlineScripts, IReadOnlyList<string> stripeCheckoutOrigins) =>
        $"default-src 'self'; script-src 'self' {inlineScripts}; style-src 'self' 'unsafe-hashes' {LabelSheetStyles}; " +
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
        // Paying by card posts to the shop, which redirects to Stripe's page: form-action covers that redirect.
        $"form-action {string.Join(' ', ["'self'", .. stripeCheckoutOrigins])}; frame-ancestors 'none'";

    private static (ImportMapDefinition Map, string Source)? _importMapSource;

    // The import map App.razor renders is this endpoint's (the same for every page of a build): the hash of its JSON.
    private static string ImportMapSource(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>() is not { } map) return "";
        if (_importMapSource is { } known && ReferenceEquals(known.Map, map)) return known.Source;
        var source = HashSource(map.ToString()); // ToString is the JSON the ImportMap component writes
        _importMapSource = (map, source);
        return source;
    }

    /// <summary>The portal and the admin desk (Blazor Server circuit, MudBlazor).</summary>
    /// <summary>
    /// The API reference page (Scalar): its scripts carry the request's nonce (OpenDataEndpoints), and it styles itself
    /// inline, so styles are allowed inline on this one page. It shows only the app's own OpenAPI document.
    /// </summary>
    public static string ForApiReference(HttpContext http) =>
        $"default-src 'self'; script-src 'self' 'nonce-{NonceOf(http)}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static string ForInteractivePage(HttpContext http) =>
        $"default-src 'self'; script-src 'self' 'nonce-{NonceOf(http)}'; style-src 'self' 'unsafe-inline'; " +
        $"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' {CircuitSocket(http.Request)}; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>A standalone document with one inline stylesheet (the QR label's trace page) and no script.</summary>
    public static string ForStandaloneDocument(string inlineStylesheet) =>
        $"default-src 'none'; style-src {HashSource(inlineStylesheet)}; img-src 'self' data:; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>For files shown as they are (a PDF): no script, no plugin, no same-origin access.</summary>
    public const string Sandbox = "sandbox";

    // 'self' already covers the same host's websocket in CSP 3 browsers; older Safari needs it spelled out.
    private static string CircuitSocket(HttpRequest request) =>
        $"{(request.IsHttps ? "wss" : "ws")}://{request.Host.Value}";

    /// <summary>Stripe's hosted checkout, and the fake Stripe's own pages when the API base is elsewhere (tests).</summary>
    public static IReadOnlyList<string> StripeCheckoutOrigins(StripeSettings stripe)
    {
        if (!stripe.IsConfigured) return [];
        if (stripe.ApiBase is { } apiBase && Uri.TryCreate(apiBase, UriKind.Absolute, out var uri))
            return ["https://checkout.stripe.com", uri.GetLeftPart(UriPartial.Authority)];
        return ["https://checkout.stripe.com"];
    }
}

/// <summary>
/// Headers every response carries: no MIME sniffing, no full referrer to other sites, no powerful browser
/// features, a Content-Security-Policy for the kind of page, and no framing of any page. A response that set its
/// own policy (the trace page, a PDF) keeps it.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, StripeSettings stripe)
{
    private const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), " +
        "magnetometer=(), gyroscope=(), accelerometer=(), interest-cohort=(), browsing-topics=()";

    private readonly IReadOnlyList<string> _stripeCheckoutOrigins = ContentSecurityPolicy.StripeCheckoutOrigins(stripe);

    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers.XFrameOptions = "DENY";
            if (!headers.ContainsKey(ContentSecurityPolicy.Header))
                headers[ContentSecurityPolicy.Header] = IsInteractiveArea(http.Request.Path)
                    ? ContentSecurityPolicy.ForInteractivePage(http)
                    : http.Request.Path.StartsWithSegments(OpenData.OpenDataEndpoints.DocsPath)
                        ? ContentSecurityPolicy.ForApiReference(http)
                    : PublicVisitor.PageOf(http) is not null
                        ? ContentSecurityPolicy.ForPublicPage(http, _stripeCheckoutOrigins)
                        : ContentSecurityPolicy.ForStaticPage(http, _stripeCheckoutOrigins);
            return Task.CompletedTask;
        });
        return next(http);
    }

    /// <summary>The areas App.razor renders InteractiveServer (it reads the same two prefixes).</summary>
    public static bool IsInteractiveArea(PathString path) =>
        path.StartsWithSegments("/portal") || path.StartsWithSegments("/admin") || path.StartsWithSegments("/_blazor");
}

public static class SecurityHeadersExtensions
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.UseMiddleware<SecurityHeadersMiddleware>();
}
