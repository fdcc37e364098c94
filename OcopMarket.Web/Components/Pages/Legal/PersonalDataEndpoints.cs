using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using OcopMarket.Core.Common;
using OcopMarket.Core.Privacy;

namespace OcopMarket.Web.Components.Pages.Legal;

public static class PersonalDataEndpoints
{
    public const string PagePath = "/tai-khoan/du-lieu-cua-toi";
    public const string JsonPath = "/tai-khoan/du-lieu-cua-toi.json";

    /// <summary>Readable by a person and by a program: names as in the page, Vietnamese letters as letters.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>GET /tai-khoan/du-lieu-cua-toi.json: the signed-in person's data as a file (the page beside it shows the same, readable).</summary>
    public static void MapPersonalDataEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet(JsonPath, async (HttpContext http, PersonalDataService data, TimeProvider clock, CancellationToken ct) =>
        {
            var export = await data.ExportAsync(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
            http.Response.Headers.CacheControl = "no-store"; // a person's data stays out of every cache
            return Results.File(JsonSerializer.SerializeToUtf8Bytes(export, Json), "application/json; charset=utf-8",
                $"ocopmarket-du-lieu-{clock.Today():yyyyMMdd}.json");
        }).RequireAuthorization();
}
