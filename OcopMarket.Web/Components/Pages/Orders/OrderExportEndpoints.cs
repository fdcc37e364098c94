using System.Text;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Portal;
using OcopMarket.Core.Sales;
using OcopMarket.Web.Components.Account;
using OcopMarket.Web.Localization;

namespace OcopMarket.Web.Components.Pages.Orders;

public static class OrderExportEndpoints
{
    /// <summary>GET /xuat/don-hang.csv: the signed-in producer's orders as a spreadsheet file.</summary>
    public static void MapOrderExport(this IEndpointRouteBuilder app)
    {
        MapSalesExport(app);
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

    /// <summary>GET /xuat/ban-hang.csv?from=…&amp;to=…&amp;bucket=day|week|month: the sales dashboard as a spreadsheet file.</summary>
    private static void MapSalesExport(IEndpointRouteBuilder app) =>
        app.MapGet("/xuat/ban-hang.csv", async (HttpContext http, AccountDirectory accounts, SalesDashboardService sales, DateOnly from, DateOnly to,
            string? bucket, CancellationToken ct) =>
        {
            var actor = await CurrentActor.FromPrincipalAsync(http.User, accounts);
            if (actor?.IsProducer != true) return Results.Forbid();
            var by = bucket switch { "week" => SalesBucket.Week, "month" => SalesBucket.Month, _ => SalesBucket.Day };
            try
            {
                var csv = SalesDashboardService.Csv(await sales.GetAsync(actor, from, to, by, ct));
                return Results.File(Csv.Utf8File(csv), "text/csv; charset=utf-8",
                    $"doanh-so-{from:yyyyMMdd}-{to:yyyyMMdd}.csv");
            }
            catch (UserFacingException e) when (e is DomainException or ForbiddenException)
            {
                return Results.Text(Lang.Message(e), "text/plain; charset=utf-8", statusCode: e is ForbiddenException ? 403 : 400);
            }
        }).RequireAuthorization(policy => policy.RequireRole(Roles.Producer));
}
