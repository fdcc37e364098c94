using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Traceability;
using OcopMarket.Web.Components.Account;
using OcopMarket.Web.Localization;

namespace OcopMarket.Web.Components.Pages.Traceability;

public static class LotQrEndpoints
{
    /// <summary>
    /// GET /portal/lots/{id}/qr.png and qr.svg: the lot's QR (or with ?unit=N that unit's) as a file, for a producer
    /// to place on their own packaging artwork. Their own lots only.
    /// </summary>
    public static void MapLotQrEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/portal/lots/{id:int}/qr.{format:regex(^(png|svg)$)}", async (int id, string format, int? unit, HttpContext http,
            AccountDirectory accounts, LotService lots, CancellationToken ct) =>
        {
            var actor = await CurrentActor.FromPrincipalAsync(http.User, accounts);
            if (actor is null) return Results.Unauthorized();
            try
            {
                var label = (await lots.LabelsAsync(actor, id, unit, 1, ct))[0];
                var url = Routes.Base(http.Request) + label.Path;
                var name = $"qr-{label.LotCode}{(label.Serial is null ? "" : "-" + label.Serial)}.{format}";
                return format == "png"
                    ? Results.File(LabelQr.Png(url), "image/png", name)
                    : Results.File(System.Text.Encoding.UTF8.GetBytes(LabelQr.Svg(url)), "image/svg+xml", name);
            }
            catch (NotFoundException)
            {
                return Results.NotFound();
            }
            catch (UserFacingException e) when (e is DomainException or ForbiddenException)
            {
                // A script fetching the file may not carry the language cookie: "error" is the visitor's language,
                // "vi" and "en" are both texts.
                return Results.BadRequest(new { error = Lang.Message(e), vi = e.Text.Vi, en = e.Text.En });
            }
        }).RequireAuthorization(policy => policy.RequireRole(Roles.Producer));
    }
}
