using OcopMarket.Core.Programme;
using OcopMarket.Core.PublicPages.Domain;
using OcopMarket.Web.PublicPages;

namespace OcopMarket.Web.Components.Pages.Programme;

public static class ProgrammeEndpoints
{
    /// <summary>GET /chuong-trinh/so-lieu.csv: everything the dashboard shows, as a public, cacheable file.</summary>
    public static void MapProgrammeEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet(ProgrammeRoutes.Csv, async (HttpContext http, ProgrammeService programme, TimeProvider clock, CancellationToken ct) =>
        {
            var dashboard = await programme.DashboardAsync(ct);
            PublicPageTags.Add(http, PageTags.Programme);
            var bytes = Core.Common.Csv.Utf8File(ProgrammeCsv.Write(dashboard));
            return Results.File(bytes, "text/csv; charset=utf-8", $"ocop-chuong-trinh-{Core.Common.VietnamClock.Today(clock):yyyyMMdd}.csv");
        }).WithMetadata(new PublicPageAttribute());
}
