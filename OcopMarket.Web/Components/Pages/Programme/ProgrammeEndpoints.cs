using System.Text;
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
            // With a byte order mark, Excel reads the Vietnamese names as UTF-8.
            var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ProgrammeCsv.Write(dashboard))).ToArray();
            var day = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Core.Common.VietnamClock.Offset).DateTime);
            return Results.File(bytes, "text/csv; charset=utf-8", $"ocop-chuong-trinh-{day:yyyyMMdd}.csv");
        }).WithMetadata(new PublicPageAttribute());
}
