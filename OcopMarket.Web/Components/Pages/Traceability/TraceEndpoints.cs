using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using OcopMarket.Core.PublicPages;
using OcopMarket.Core.PublicPages.Domain;
using OcopMarket.Core.Traceability;
using OcopMarket.Web.PublicPages;
using OcopMarket.Web.Security;

namespace OcopMarket.Web.Components.Pages.Traceability;

/// <summary>
/// The addresses QR labels open. One URL, three representations chosen by the Accept header: the phone page
/// (HTML), the traceability data (application/json), and a GS1-style linkset (application/linkset+json).
/// A code that does not verify answers 404 in each, never an error page.
/// </summary>
public static class TraceEndpoints
{
    public const string LinksetMediaType = "application/linkset+json";

    // Vietnamese as text ("Nước mắm"), not \u escapes, as on the pages.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>The trace page is a document of its own: its one inline stylesheet, its images, no script at all.</summary>
    private static readonly string TracePagePolicy = ContentSecurityPolicy.ForStandaloneDocument(TraceStyle.Css);

    /// <summary>The trace page's "buy" link: counts the tap for the lot's engagement, then opens the product.</summary>
    public static string BuyPath(string lotPublicCode) => $"/nhan/{lotPublicCode}/mua";

    public static void MapTraceEndpoints(this IEndpointRouteBuilder app)
    {
        // Counted like scans, within the same per-address allowance, so a script cannot inflate a lot's taps.
        app.MapGet("/nhan/{code}/mua", async (string code, HttpContext http, TraceabilityService trace, ScanCountLimit scans, CancellationToken ct) =>
            await trace.BuyAsync(code, await scans.TryCountAsync(http, ct), ct) is { } slug
                ? Results.Redirect(Routes.Product(slug))
                : Results.NotFound());
        // A lot's page is the same for every visitor and cached; a unit's counts its scan and shows the live count.
        var lotPage = new PublicPageAttribute { VariesByAccept = true };
        var unitPage = new PublicPageAttribute { Cacheable = false, VariesByAccept = true };
        app.MapGet("/01/{gtin}/10/{lot}", (string gtin, string lot, HttpContext http, TraceabilityService trace, ScanCountLimit scans, TimeProvider clock, CancellationToken ct) =>
            AnswerAsync(http, trace, scans, clock, TraceAddress.Gs1(gtin, lot), ct)).WithMetadata(lotPage);
        app.MapGet("/01/{gtin}/10/{lot}/21/{serial}", (string gtin, string lot, string serial, HttpContext http, TraceabilityService trace, ScanCountLimit scans, TimeProvider clock, CancellationToken ct) =>
            AnswerAsync(http, trace, scans, clock, TraceAddress.Gs1(gtin, lot, serial), ct)).WithMetadata(unitPage);
        app.MapGet("/t/{code}", (string code, HttpContext http, TraceabilityService trace, ScanCountLimit scans, TimeProvider clock, CancellationToken ct) =>
            AnswerAsync(http, trace, scans, clock, TraceAddress.Short(code.ToUpperInvariant()), ct)).WithMetadata(lotPage);
        app.MapGet("/t/{code}/{serial}", (string code, string serial, HttpContext http, TraceabilityService trace, ScanCountLimit scans, TimeProvider clock, CancellationToken ct) =>
            AnswerAsync(http, trace, scans, clock, TraceAddress.Short(code.ToUpperInvariant(), serial), ct)).WithMetadata(unitPage);
    }

    private enum Representation { Html, Json, Linkset }

    private static async Task<IResult> AnswerAsync(HttpContext http, TraceabilityService trace, ScanCountLimit scans, TimeProvider clock, TraceAddress address, CancellationToken ct)
    {
        var wants = Negotiate(http.Request);
        // A scan is a person opening the page: not a machine reading the data, not a chat app fetching a link
        // preview, and not the same browser reloading (or it would take one curious buyer to trip the copy warning).
        var seen = SeenUnits(http.Request);
        // Nor one client past its counted scans for the minute (checked last, so only would-be counts use it up).
        var countScan = wants == Representation.Html && !IsLinkPreviewOrBot(http.Request) && !seen.Contains(UnitKey(address))
            && await scans.TryCountAsync(http, ct);
        var view = await trace.ResolveAsync(address, countScan, ct);
        if (countScan && view?.UnitScan is not null) RememberSeen(http, clock, seen, UnitKey(address));
        // The representation follows Accept; the language follows the URL (/en/t/…), not a cookie.
        http.Response.Headers.Vary = HeaderNames.Accept;
        // A unit's answer is live (its scan count); a lot's is cached for anonymous visitors (PublicPageResponses).
        http.Response.Headers.CacheControl = "no-cache";
        if (view is not null) PublicPageTags.Add(http, PageTags.Lot(view.LotId), PageTags.Product(view.ProductId), PageTags.Producer(view.Producer.Id));
        var self = view is null ? null : Routes.Base(http.Request) + view.CanonicalPath;
        switch (wants)
        {
            case Representation.Linkset:
                return view is null
                    ? Results.Json(new { verified = false, error = "This code cannot be verified." }, Json, LinksetMediaType, StatusCodes.Status404NotFound)
                    : Results.Json(Linkset(http, view, self!), Json, LinksetMediaType);
            case Representation.Json:
                return view is null
                    ? Results.Json(new { verified = false, error = "This code cannot be verified." }, Json, statusCode: StatusCodes.Status404NotFound)
                    : Results.Json(Data(view, self!), Json);
            default:
                http.Response.Headers[ContentSecurityPolicy.Header] = TracePagePolicy;
                if (self is not null) http.Response.Headers.Link = $"<{self}>; rel=\"linkset\"; type=\"{LinksetMediaType}\"";
                WithStaticAssets(http);
                return new RazorComponentResult<TracePage>(new { View = view, Reported = http.Request.Query["bao-cao"] == "1" })
                {
                    StatusCode = view is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK,
                    ContentType = "text/html; charset=utf-8",
                };
        }
    }

    /// <summary>
    /// A component rendered from a minimal API finds no fingerprinted asset URLs (those come with the metadata of the
    /// Razor component endpoints), so its icon and product picture would be linked uncacheable: this endpoint borrows
    /// the components' collection for the render.
    /// </summary>
    private static void WithStaticAssets(HttpContext http)
    {
        if (http.GetEndpoint() is not { } endpoint || endpoint.Metadata.GetMetadata<ResourceAssetCollection>() is not null) return;
        var assets = http.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<ResourceAssetCollection>()).FirstOrDefault(c => c is not null);
        if (assets is null) return;
        http.SetEndpoint(new Endpoint(endpoint.RequestDelegate, new EndpointMetadataCollection([.. endpoint.Metadata, assets]), endpoint.DisplayName));
    }

    private const string SeenCookie = "ocop_scans";
    private const int SeenRemembered = 30;

    /// <summary>A short hash naming the scanned unit, as the cookie keeps it.</summary>
    private static string UnitKey(TraceAddress a) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes($"{a.Gtin ?? a.PublicCode}/{a.LotCode}/{a.Serial}".ToUpperInvariant())))[..12];

    /// <summary>Short hashes of the units this browser already counted (a plain cookie: it only ever saves a count).</summary>
    private static List<string> SeenUnits(HttpRequest request) =>
        request.Cookies[SeenCookie] is { Length: > 0 and < 1024 } value ? [.. value.Split('.', StringSplitOptions.RemoveEmptyEntries)] : [];

    private static void RememberSeen(HttpContext http, TimeProvider clock, List<string> seen, string unitKey)
    {
        seen.Add(unitKey);
        http.Response.Cookies.Append(SeenCookie, string.Join('.', seen.TakeLast(SeenRemembered)), new CookieOptions
        {
            HttpOnly = true, SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax, Secure = http.Request.IsHttps, IsEssential = true,
            Expires = clock.GetUtcNow().AddDays(30),
        });
    }

    private static readonly string[] PreviewAgents =
        ["bot", "crawler", "spider", "facebookexternalhit", "zalo", "whatsapp", "telegram", "slack", "discord", "skype", "preview"];

    private static bool IsLinkPreviewOrBot(HttpRequest request)
    {
        var agent = request.Headers.UserAgent.ToString();
        return PreviewAgents.Any(a => agent.Contains(a, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The most preferred of the three, by the Accept header's order and q-values; HTML when nothing says otherwise.</summary>
    private static Representation Negotiate(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted) || accepted.Count == 0) return Representation.Html;
        foreach (var media in accepted.OrderByDescending(m => m.Quality ?? 1.0)) // stable: ties keep the client's order
        {
            if (media.Quality == 0) continue;
            var type = media.MediaType.Value?.ToLowerInvariant();
            if (type == LinksetMediaType) return Representation.Linkset;
            if (type == "application/json") return Representation.Json;
            if (type is "text/html" or "text/*" or "*/*" or "application/xhtml+xml") return Representation.Html;
        }
        return Representation.Html;
    }

    private static object Data(TraceView v, string self) => new
    {
        verified = true,
        url = self,
        product = new { name = v.ProductName, gtin = v.Gtin, group = v.Group.ToString(), unit = v.Unit, page = v.ProductOnSale ? Routes.Product(v.ProductSlug) : null },
        certificate = v.Certificate is { } c
            ? new { stars = c.Stars, number = c.Number, level = c.Level.ToString(), issuedOn = c.IssuedOn, validUntil = c.ValidUntil, status = c.Status.ToString(), verifiedByProgram = c.IsVerifiedByProgram }
            : null,
        producer = new { name = v.Producer.Name, commune = v.Producer.CommuneName, province = v.Producer.ProvinceName, page = Routes.Producer(v.Producer.Slug) },
        lot = new
        {
            code = v.LotCode, productionDate = v.ProductionDate, bestBefore = v.BestBefore, quantity = v.Quantity,
            growingAreaCode = v.GrowingAreaCode, notes = v.Notes,
            rawMaterials = v.RawMaterials.Select(m => new { name = m.Name, commune = m.CommuneName, province = m.ProvinceName, note = m.Note }),
        },
        events = v.Events.Select(e => new
        {
            kind = e.Kind.ToString(), occurredAt = DateTime.SpecifyKind(e.OccurredAt, DateTimeKind.Utc), place = e.Place, description = e.Description,
            inspectionResult = e.InspectionResult, inspector = e.Inspector, attachment = e.AttachmentUrl,
        }),
        unit = v.UnitScan is { } u
            ? new { serial = u.Serial, scanCount = u.ScanCount, firstScannedAt = DateTime.SpecifyKind(u.FirstScannedAt, DateTimeKind.Utc), looksCopied = u.LooksCopied }
            : null,
    };

    /// <summary>RFC 9264 linkset with GS1 Web vocabulary link types, anchored at the scanned identifier.</summary>
    private static object Linkset(HttpContext http, TraceView v, string self)
    {
        var origin = Routes.Base(http.Request);
        var productPage = origin + Routes.Product(v.ProductSlug);
        var certificate = v.Certificate?.ScanUrl is { } scan ? origin + scan : productPage;
        var links = new Dictionary<string, object>
        {
            ["anchor"] = self,
            ["https://gs1.org/voc/defaultLink"] = new[] { Link(self, $"{v.ProductName} · truy xuất nguồn gốc", "text/html") },
            ["https://gs1.org/voc/traceability"] = new[] { Link(self, "Truy xuất nguồn gốc lô " + v.LotCode, "text/html") },
            ["https://gs1.org/voc/certificationInfo"] = new[] { Link(certificate, "Chứng nhận OCOP", v.Certificate?.ScanUrl is { } s && s.EndsWith(".pdf", StringComparison.Ordinal) ? "application/pdf" : "text/html") },
        };
        if (v.ProductOnSale) links["https://gs1.org/voc/pip"] = new[] { Link(productPage, v.ProductName, "text/html") };
        // The lot's EPCIS events (OpenData.EpcisEndpoints): every step of its story, for systems that read EPCIS.
        var lotUri = origin + TraceLinks.LotPath(v.Gtin, v.LotCode, v.LotPublicCode);
        links["https://gs1.org/voc/epcis"] = new[]
        {
            Link($"{origin}{OpenData.EpcisEndpoints.EventsPath}?MATCH_anyEPC={Uri.EscapeDataString(lotUri)}", "EPCIS 2.0 · lô " + v.LotCode, "application/ld+json"),
        };
        return new { linkset = new[] { links } };
    }

    private static object Link(string href, string title, string type) => new { href, title, type, hreflang = new[] { "vi", "en" } };
}
