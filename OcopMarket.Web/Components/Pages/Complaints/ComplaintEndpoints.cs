using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Complaints;
using OcopMarket.Core.Complaints.Domain;
using OcopMarket.Core.Media;
using OcopMarket.Core.Traceability;
using OcopMarket.Web.Components.Account;
using OcopMarket.Web.Localization;
using OcopMarket.Web.Security;

namespace OcopMarket.Web.Components.Pages.Complaints;

/// <summary>
/// The buyer's complaint forms and the trace page's "report this label". Each answers with a redirect, so reloading
/// never posts twice. The buyer's forms post from their own (uncached) complaint page with an antiforgery token and
/// the order link's secret; the label report posts from the trace page, a standalone document without a token, so it
/// refuses cross-site posts by the browser's headers (CrossSitePosts) instead. All are rate-limited (AbuseLimits).
/// </summary>
public static class ComplaintEndpoints
{
    public static void MapComplaintEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(ComplaintPaths.Open, async ([FromForm] Guid checkoutId, [FromForm] int orderId, [FromForm] string? t,
            [FromForm] string? reason, [FromForm] string? text, IFormFileCollection? photos, HttpContext http, AccountDirectory accounts,
            ComplaintService complaints, CancellationToken ct) =>
        {
            var actor = await CurrentActor.FromPrincipalAsync(http.User, accounts);
            var back = http.Request.PathBase + ComplaintPaths.Buyer(checkoutId, orderId, t);
            if (!Enum.TryParse<ComplaintReason>(reason, ignoreCase: false, out var why) || !Enum.IsDefined(why) || int.TryParse(reason, out _))
                return Results.Redirect(WithQuery(back, "error", Lang.T("Hãy chọn lý do khiếu nại.", "Please choose what went wrong.")));
            // Browsers send an empty part for an untouched file input: only real files count.
            var files = (photos ?? new FormFileCollection()).Where(f => f.Length > 0).ToList();
            var streams = new List<Stream>();
            try
            {
                foreach (var file in files) streams.Add(file.OpenReadStream());
                await complaints.OpenAsync(checkoutId, orderId, t, actor, why, text, streams, ct);
                return Results.Redirect(WithQuery(back, "sent", "1"));
            }
            catch (NotFoundException)
            {
                return Results.NotFound();
            }
            catch (UserFacingException e) when (e is DomainException or ImageRejectedException)
            {
                // Nothing was kept: the buyer sends it again, with the text they typed back in the form.
                var to = WithQuery(WithQuery(back, "error", Lang.Message(e)), "reason", why.ToString());
                return Results.Redirect((text ?? "").Length <= 1500 ? WithQuery(to, "text", text ?? "") : to);
            }
            finally
            {
                foreach (var s in streams) await s.DisposeAsync();
            }
        });

        app.MapPost(ComplaintPaths.Accept, ([FromForm] Guid checkoutId, [FromForm] int orderId, [FromForm] string? t, HttpContext http,
            AccountDirectory accounts, ComplaintService complaints, CancellationToken ct) =>
            BuyerStepAsync(http, accounts, checkoutId, orderId, t, "accepted", actor => complaints.AcceptAsync(checkoutId, orderId, t, actor, ct)));

        app.MapPost(ComplaintPaths.Escalate, ([FromForm] Guid checkoutId, [FromForm] int orderId, [FromForm] string? t, [FromForm] string? note,
            HttpContext http, AccountDirectory accounts, ComplaintService complaints, CancellationToken ct) =>
            BuyerStepAsync(http, accounts, checkoutId, orderId, t, "escalated", actor => complaints.EscalateAsync(checkoutId, orderId, t, actor, note, ct)));

        app.MapPost(ComplaintPaths.ReportLabel, async ([FromForm] string? code, [FromForm] string? serial, [FromForm] string? contact,
            [FromForm] string? note, HttpContext http, AccountDirectory accounts, LabelReportService reports, CancellationToken ct) =>
        {
            if (code is not { Length: > 0 and <= 16 } || serial is not { Length: > 0 and <= 64 }) return Unverified;
            var address = TraceAddress.Short(code.ToUpperInvariant(), serial);
            var actor = await CurrentActor.FromPrincipalAsync(http.User, accounts);
            try
            {
                await reports.ReportAsync(address, contact, note, actor, ct);
            }
            catch (NotFoundException)
            {
                return Unverified;
            }
            var page = $"/t/{Uri.EscapeDataString(address.PublicCode!)}/{Uri.EscapeDataString(serial)}";
            // The language is the path base (/en), as for every form that answers with a redirect.
            return Results.Redirect(http.Request.PathBase + page + "?bao-cao=1#bao-cao");
        })
            .DisableAntiforgery()
            .RefuseCrossSite();
    }

    /// <summary>
    /// A 404 with its text: a bare 404 would be re-executed as the not-found page, a component endpoint that then asks
    /// this token-less post for an antiforgery token (400).
    /// </summary>
    private static IResult Unverified => Results.Text(
        "Không xác thực được mã này.\nThis code cannot be verified.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    private static async Task<IResult> BuyerStepAsync(HttpContext http, AccountDirectory accounts, Guid checkoutId, int orderId, string? t,
        string done, Func<Actor?, Task> step)
    {
        var actor = await CurrentActor.FromPrincipalAsync(http.User, accounts);
        var back = http.Request.PathBase + ComplaintPaths.Buyer(checkoutId, orderId, t);
        try
        {
            await step(actor);
            return Results.Redirect(WithQuery(back, "done", done));
        }
        catch (NotFoundException)
        {
            return Results.NotFound();
        }
        catch (DomainException e)
        {
            return Results.Redirect(WithQuery(back, "error", Lang.Message(e)));
        }
    }

    private static string WithQuery(string path, string key, string value) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path, key, value);
}
