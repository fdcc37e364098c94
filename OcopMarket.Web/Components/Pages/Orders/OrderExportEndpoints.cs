using System.Text;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Web.Components.Account;
using OcopMarket.Web.Localization;

namespace OcopMarket.Web.Components.Pages.Orders;

public static class OrderExportEndpoints
{
    /// <summary>GET /xuat/don-hang.csv: the signed-in producer's orders as a spreadsheet file.</summary>
    public static void MapOrderExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/xuat/don-hang.csv", async (HttpContext http, AccountDirectory accounts, ProducerOrderService orders, TimeProvider clock, CancellationToken ct) =>
        {
            var actor = await CurrentActor.FromPrincipalAsync(http.User, accounts);
            if (actor?.IsProducer != true) return Results.Forbid();
            string csv;
            try
            {
                csv = await orders.ExportCsvAsync(actor, ct);
            }
            catch (ForbiddenException e)
            {
                return Results.Text(Lang.Message(e), "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden); // suspended
            }
            return Results.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"don-hang-{clock.Today():yyyyMMdd}.csv");
        }).RequireAuthorization(policy => policy.RequireRole(Roles.Producer));
}
