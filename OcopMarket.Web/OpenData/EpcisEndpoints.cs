using System.Globalization;
using System.Text;
using OcopMarket.Core.Traceability;
using OcopMarket.Web.Startup;

namespace OcopMarket.Web.OpenData;

/// <summary>
/// The lots' stories as GS1 EPCIS 2.0 (JSON-LD), read-only: <c>GET /epcis/v2/events</c> with the standard query
/// parameters <c>EQ_bizStep</c>, <c>GE_eventTime</c>, <c>LT_eventTime</c>, <c>MATCH_epc</c> and <c>MATCH_anyEPC</c>
/// (a lot's or a unit's label address; a unit names its lot, whose events concern it), paged by <c>perPage</c> and
/// the <c>nextPageToken</c> of the <c>Link: rel="next"</c> header; <c>GET /epcis/v2/events/{eventID}</c>; and
/// <c>/.well-known/gs1resolver</c>, which describes this site as the resolver of its labels.
/// </summary>
public static class EpcisEndpoints
{
    public const string EventsPath = "/epcis/v2/events";
    private const string Context = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
    private const string MediaType = "application/ld+json";

    public static void MapEpcis(this IEndpointRouteBuilder app)
    {
        var epcis = app.MapGroup("/epcis/v2").RequireCors(OpenDataEndpoints.CorsPolicy).WithTags("EPCIS 2.0")
            .WithMetadata(new PublicPages.PublicPageAttribute());
        epcis.MapGet("/events", Events).WithName("QueryEvents")
            .WithSummary("EPCIS 2.0 events of the lots, filtered by the standard query parameters / Sự kiện EPCIS của các lô")
            .Produces(StatusCodes.Status200OK, contentType: MediaType).Produces(StatusCodes.Status400BadRequest, contentType: "application/problem+json");
        epcis.MapGet("/events/{eventID}", Event).WithName("GetEvent")
            .WithSummary("One EPCIS 2.0 event / Một sự kiện EPCIS")
            .Produces(StatusCodes.Status200OK, contentType: MediaType).Produces(StatusCodes.Status404NotFound, contentType: "application/problem+json");
        app.MapGet("/.well-known/gs1resolver", Resolver).RequireCors(OpenDataEndpoints.CorsPolicy).ExcludeFromDescription()
            .WithMetadata(new PublicPages.PublicPageAttribute());
    }

    private static IResult Problem(int status, string type, string en, string vi) =>
        Results.Json(new { type = $"epcisException:{type}", title = en, status, vi, en }, statusCode: status, contentType: "application/problem+json");

    private static async Task<IResult> Events(HttpContext http, EpcisEventService events, PublicAddress site, TimeProvider clock,
        string? EQ_bizStep, string? GE_eventTime, string? LT_eventTime, string? MATCH_epc, string? MATCH_anyEPC, int? perPage,
        string? nextPageToken, CancellationToken ct)
    {
        string? bizStep = null;
        if (EQ_bizStep is not null && (bizStep = EpcisVocabulary.ParseBizStep(EQ_bizStep)) is null)
            return Problem(400, "QueryParameterException", $"EQ_bizStep must be one of {string.Join(", ", EpcisVocabulary.BizSteps)}.",
                $"EQ_bizStep phải là một trong {string.Join(", ", EpcisVocabulary.BizSteps)}.");
        if (!TryTime(GE_eventTime, out var from) || !TryTime(LT_eventTime, out var before))
            return Problem(400, "QueryParameterException", "GE_eventTime and LT_eventTime are ISO 8601 times with a zone, e.g. 2026-11-01T00:00:00+07:00.",
                "GE_eventTime và LT_eventTime là thời điểm ISO 8601 có múi giờ, ví dụ 2026-11-01T00:00:00+07:00.");
        if (perPage is < 1 or > EpcisEventService.MaxPerPage)
            return Problem(400, "QueryParameterException", $"perPage is between 1 and {EpcisEventService.MaxPerPage}.",
                $"perPage từ 1 đến {EpcisEventService.MaxPerPage}.");
        List<TraceAddress>? objects = null;
        var named = (MATCH_epc ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat((MATCH_anyEPC ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (MATCH_epc is not null || MATCH_anyEPC is not null)
        {
            objects = [];
            foreach (var uri in named)
            {
                // An identifier that is not one of this site's labels matches nothing, as EPCIS asks (no error).
                if (EpcisVocabulary.ParseLabel(uri, site.Origin) is { } address) objects.Add(address);
            }
        }
        (DateTime Time, EpcisEventKey Key)? after = null;
        if (nextPageToken is not null && (after = ReadToken(nextPageToken)) is null)
            return Problem(400, "QueryParameterException", "nextPageToken is not one this server gave.", "nextPageToken không hợp lệ.");

        var query = new EpcisQuery(bizStep, from, before, objects, perPage ?? 100, after?.Key, after?.Time);
        var (found, more) = await events.QueryAsync(query, ct);
        if (more && found.Count > 0)
        {
            var next = new Dictionary<string, string?>(http.Request.Query.Where(q => q.Key != "nextPageToken").ToDictionary(q => q.Key, q => (string?)q.Value.ToString()))
            {
                ["nextPageToken"] = Token(found[^1]),
            };
            http.Response.Headers.Link = $"<{site.Origin}{Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(EventsPath, next)}>; rel=\"next\"";
        }
        Versioned(http);
        return Results.Json(new Dictionary<string, object?>
        {
            ["@context"] = new object[] { Context, new Dictionary<string, string> { ["ocop"] = site.Absolute("/epcis/ns/") } },
            ["type"] = "EPCISQueryDocument",
            ["schemaVersion"] = "2.0",
            ["creationDate"] = Iso(clock.GetUtcNow().UtcDateTime),
            ["epcisBody"] = new Dictionary<string, object?>
            {
                ["queryResults"] = new Dictionary<string, object?>
                {
                    ["queryName"] = "SimpleEventQuery",
                    ["resultsBody"] = new Dictionary<string, object?> { ["eventList"] = found.Select(e => Json(e, site)).ToList() },
                },
            },
        }, contentType: MediaType);
    }

    private static async Task<IResult> Event(string eventID, HttpContext http, EpcisEventService events, PublicAddress site, CancellationToken ct)
    {
        if (EpcisVocabulary.ParseEventKey(eventID) is not { } key || await events.FindAsync(key, ct) is not { } e)
            return Problem(404, "NoSuchResourceException", "No event has this id.", "Không có sự kiện mang mã này.");
        Versioned(http);
        var body = Json(e, site);
        body["@context"] = new object[] { Context, new Dictionary<string, string> { ["ocop"] = site.Absolute("/epcis/ns/") } };
        return Results.Json(body, contentType: MediaType);
    }

    /// <summary>A GS1 resolver description: this site resolves the GS1 Digital Link URIs printed on its labels.</summary>
    private static IResult Resolver(PublicAddress site) => Results.Json(new
    {
        name = "OcopMarket",
        resolverRoot = site.Origin,
        supportedPrimaryKeys = new[] { "01" },
        supportedLinkType = new[]
        {
            new { namespacedProfile = "gs1:defaultLink", profile = "https://gs1.org/voc/defaultLink" },
            new { namespacedProfile = "gs1:traceability", profile = "https://gs1.org/voc/traceability" },
            new { namespacedProfile = "gs1:certificationInfo", profile = "https://gs1.org/voc/certificationInfo" },
            new { namespacedProfile = "gs1:pip", profile = "https://gs1.org/voc/pip" },
            new { namespacedProfile = "gs1:epcis", profile = "https://gs1.org/voc/epcis" },
        },
        linkTypeDefaultCanBeLinkset = true,
        epcisQueryInterface = site.Absolute(EventsPath),
    });

    private static Dictionary<string, object?> Json(EpcisEvent e, PublicAddress site)
    {
        var lot = site.Absolute(e.LotPath);
        var json = new Dictionary<string, object?>
        {
            ["type"] = "ObjectEvent",
            ["eventID"] = site.Absolute(EpcisVocabulary.EventPath(e.Key)),
            ["eventTime"] = Iso(e.EventTimeUtc),
            ["eventTimeZoneOffset"] = "+07:00",
            ["recordTime"] = Iso(e.RecordTimeUtc),
            ["epcList"] = Array.Empty<string>(),
            ["quantityList"] = new[] { new { epcClass = lot, quantity = e.Quantity } },
            ["action"] = e.Action,
            ["bizStep"] = e.BizStep,
        };
        if (e.Disposition is { } d) json["disposition"] = d;
        if (e.Action == "ADD")
            json["ilmd"] = new Dictionary<string, object?>
            {
                ["cbvmda:lotNumber"] = e.LotCode,
                ["cbvmda:bestBeforeDate"] = e.BestBefore?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }.Where(kv => kv.Value is not null).ToDictionary();
        // What the timeline says in words (Vietnamese, as the producer wrote it), in this site's own namespace.
        json["ocop:product"] = e.ProductName;
        if (e.Place is { Length: > 0 } place) json["ocop:place"] = place;
        if (e.Description is { Length: > 0 } description) json["ocop:description"] = description;
        if (e.InspectionResult is { Length: > 0 } result) json["ocop:inspectionResult"] = result;
        return json;
    }

    private static void Versioned(HttpContext http)
    {
        http.Response.Headers["GS1-EPCIS-Version"] = "2.0.0";
        http.Response.Headers["GS1-CBV-Version"] = "2.0.0";
    }

    private static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static bool TryTime(string? text, out DateTime? utc)
    {
        utc = null;
        if (text is null) return true;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) || !HasZone(text)) return false;
        utc = t.UtcDateTime;
        return true;
    }

    private static bool HasZone(string text) => text.EndsWith('Z') || text.EndsWith('z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"[+-]\d{2}:?\d{2}$");

    private static string Token(EpcisEvent e) =>
        System.Buffers.Text.Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"{e.EventTimeUtc.Ticks}:{EpcisVocabulary.EventKeyText(e.Key)}"));

    private static (DateTime, EpcisEventKey)? ReadToken(string token)
    {
        try
        {
            var text = Encoding.ASCII.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token));
            var parts = text.Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks is > 0 and < 3_155_378_975_999_999_999 && EpcisVocabulary.ParseEventKey(parts[1]) is { } key)
                return (new DateTime(ticks, DateTimeKind.Utc), key);
        }
        catch (FormatException) { }
        return null;
    }
}
