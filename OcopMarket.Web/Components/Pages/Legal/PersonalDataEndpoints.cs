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
    public static void MapPersonalDataEndpoints(this IEndpointRouteBuilder app)
    {
        MapJson(app);
        MapGuestRequest(app);
        MapConcernedCsv(app);
    }

    /// <summary>
    /// POST /don-hang/yeu-cau-du-lieu: a guest's request about their data, from the orders page their secret link
    /// opens (the secret comes with it; a wrong one is a 404, as for the page). Back to the page with the request's number.
    /// </summary>
    private static void MapGuestRequest(IEndpointRouteBuilder app) =>
        app.MapPost(AccountPaths.GuestRequest, async ([Microsoft.AspNetCore.Mvc.FromForm] Guid checkoutId, [Microsoft.AspNetCore.Mvc.FromForm] string? t,
            [Microsoft.AspNetCore.Mvc.FromForm] string? kind, [Microsoft.AspNetCore.Mvc.FromForm] string? text, DataRequestService requests, CancellationToken ct) =>
        {
            var back = OcopMarket.Core.Orders.OrderPaths.BuyerOrder(checkoutId, t);
            if (!Enum.TryParse<OcopMarket.Core.Privacy.Domain.DataRequestKind>(kind, out var k)) return Results.BadRequest();
            try
            {
                var id = await requests.SubmitFromGuestAsync(checkoutId, t, k, text, ct);
                return Results.Redirect(Orders.CardPaymentEndpoints.WithQuery(back, "yeu-cau", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            catch (NotFoundException)
            {
                return Results.NotFound();
            }
            catch (DomainException e)
            {
                return Results.Redirect(Orders.CardPaymentEndpoints.WithQuery(back, "loi-yeu-cau", Localization.Lang.Message(e)));
            }
        });

    public const string ConcernedCsvPath = "/admin/du-lieu-lien-quan.csv";

    /// <summary>GET /admin/du-lieu-lien-quan.csv?…: the people a data set concerns, for an officer (second factor proved), as the page's query says.</summary>
    private static void MapConcernedCsv(IEndpointRouteBuilder app) =>
        app.MapGet(ConcernedCsvPath, async (HttpContext http, OcopMarket.Core.Accounts.AccountDirectory accounts, ConcernedPeopleService people,
            TimeProvider clock, CancellationToken ct) =>
        {
            var actor = await Account.CurrentActor.FromPrincipalAsync(http.User, accounts);
            if (actor is not { IsAdmin: true }) return Results.Forbid();
            if (ConcernedQuery.Parse(http.Request.Query) is not { } query) return Results.BadRequest();
            try
            {
                var bytes = await people.CsvAsync(actor, query, ct);
                http.Response.Headers.CacheControl = "no-store";
                return Results.File(bytes, "text/csv; charset=utf-8", $"nguoi-lien-quan-{clock.Today():yyyyMMdd}.csv");
            }
            catch (DomainException e)
            {
                return Results.BadRequest(new { code = "bad_query", vi = e.Text.Vi, en = e.Text.En });
            }
        }).RequireAuthorization(p => p.RequireRole(OcopMarket.Core.Accounts.Roles.Admin));

    private static void MapJson(IEndpointRouteBuilder app) =>
        app.MapGet(JsonPath, async (HttpContext http, PersonalDataService data, TimeProvider clock, CancellationToken ct) =>
        {
            var export = await data.ExportAsync(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
            http.Response.Headers.CacheControl = "no-store"; // a person's data stays out of every cache
            return Results.File(JsonSerializer.SerializeToUtf8Bytes(export, Json), "application/json; charset=utf-8",
                $"ocopmarket-du-lieu-{clock.Today():yyyyMMdd}.json");
        }).RequireAuthorization();
}
