using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Media;
using OcopMarket.Core.Reviews;
using OcopMarket.Web.Components.Account;
using OcopMarket.Web.Localization;
using OcopMarket.Web.Security;

namespace OcopMarket.Web.Components.Pages.Reviews;

/// <summary>
/// The review form posts. Each answers with a redirect, so reloading never posts twice. Writing a review posts from
/// the buyer's own (uncached) editor with an antiforgery token; the helpful and report buttons post from the cached
/// product page, which cannot carry one, so they refuse cross-site posts by the browser's headers instead, as the
/// add-to-cart form does. All are rate-limited (AbuseLimits).
/// </summary>
public static class ReviewEndpoints
{
    public const string UnsubscribeConfirm = ReviewPaths.Unsubscribe + "/xac-nhan";

    public static void MapReviewEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(ReviewPaths.Save, async ([FromForm] string? orderLineId, [FromForm] string? rating, [FromForm] string? text,
            IFormFileCollection? photos, HttpContext http, AccountDirectory accounts, ReviewService reviews, CancellationToken ct) =>
        {
            if (!int.TryParse(orderLineId, NumberStyles.None, CultureInfo.InvariantCulture, out var lineId)) return Results.NotFound();
            var actor = await CurrentActor.FromPrincipalAsync(http.User, accounts);
            if (actor is null) return Results.Redirect(Login(http, ReviewPaths.Write(lineId)));
            var back = http.Request.PathBase + ReviewPaths.Write(lineId);
            if (!int.TryParse(rating, NumberStyles.None, CultureInfo.InvariantCulture, out var stars))
                return Results.Redirect(WithQuery(back, "error", Lang.T("Hãy chọn mức đánh giá từ 1 đến 5.", "Please choose a rating from 1 to 5.")));
            var remove = http.Request.Form["removePhoto"]
                .Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToList();
            // Browsers send an empty part for an untouched file input: only real files count.
            var files = (photos ?? new FormFileCollection()).Where(f => f.Length > 0).ToList();
            var streams = new List<Stream>();
            try
            {
                foreach (var file in files) streams.Add(file.OpenReadStream());
                var (_, status) = await reviews.SaveAsync(actor, lineId, stars, text, streams, remove, ct);
                return Results.Redirect(WithQuery(back, "saved", status == Core.Reviews.Domain.ReviewStatus.AwaitingModeration ? "held" : "1"));
            }
            catch (NotFoundException)
            {
                return Results.NotFound();
            }
            catch (UserFacingException e) when ((e is DomainException or ImageRejectedException) && files.Count > 0)
            {
                // A refused photo (forged, too big, one too many) must not cost the buyer what they typed: the review is
                // saved without the new photos (the service kept none of them) and the message says what did not go
                // through. Refused again without photos, the problem was not the photos: that is what they are told.
                try
                {
                    var (_, status) = await reviews.SaveAsync(actor, lineId, stars, text, [], remove, ct);
                    var saved = status == Core.Reviews.Domain.ReviewStatus.AwaitingModeration ? "held" : "1";
                    return Results.Redirect(WithQuery(WithQuery(back, "saved", saved), "error", Lang.T(
                        "Đã lưu đánh giá nhưng chưa thêm ảnh: " + e.Text.Vi + " Hãy chọn lại ảnh.",
                        "Your review is saved, but without the new photos: " + e.Text.En + " Please choose the photos again.")));
                }
                catch (UserFacingException again) when (again is DomainException)
                {
                    return Results.Redirect(WithQuery(back, "error", Lang.Message(again)));
                }
            }
            catch (UserFacingException e) when (e is DomainException or ImageRejectedException)
            {
                return Results.Redirect(WithQuery(back, "error", Lang.Message(e)));
            }
            finally
            {
                foreach (var s in streams) await s.DisposeAsync();
            }
        });

        app.MapPost(ReviewPaths.Vote, async ([FromForm] string? reviewId, [FromForm] string? back, HttpContext http,
            AccountDirectory accounts, ReviewService reviews, CancellationToken ct) =>
            await FeedbackAsync(http, accounts, reviewId, back, "voted", (actor, id) => reviews.VoteHelpfulAsync(actor, id, ct)))
            .DisableAntiforgery()
            .RefuseCrossSite();

        app.MapPost(ReviewPaths.Report, async ([FromForm] string? reviewId, [FromForm] string? back, [FromForm] string? reason, HttpContext http,
            AccountDirectory accounts, ReviewService reviews, CancellationToken ct) =>
            await FeedbackAsync(http, accounts, reviewId, back, "reported", (actor, id) => reviews.ReportAsync(actor, id, reason, ct)))
            .DisableAntiforgery()
            .RefuseCrossSite();

        app.MapPost(UnsubscribeConfirm, async ([FromForm] string? t, HttpContext http, ReviewUnsubscribeTokens tokens, ReviewService reviews, CancellationToken ct) =>
        {
            var done = await reviews.UnsubscribeAsync(tokens.Read(t), ct);
            return Results.Redirect(http.Request.PathBase + ReviewPaths.Unsubscribe + (done ? "?done=1" : "?invalid=1"));
        });
    }

    private static async Task<IResult> FeedbackAsync(HttpContext http, AccountDirectory accounts, string? reviewId, string? back,
        string done, Func<Actor, int, Task> act)
    {
        var to = LocalPath(back);
        if (!int.TryParse(reviewId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return Results.Redirect(to);
        var actor = await CurrentActor.FromPrincipalAsync(http.User, accounts);
        // Anonymous visitors sign in first and come back to the review.
        if (actor is null) return Results.Redirect(Login(http, to + "#review-" + id.ToString(CultureInfo.InvariantCulture)));
        string notice;
        try
        {
            await act(actor, id);
            notice = done;
        }
        catch (NotFoundException)
        {
            notice = "gone";
        }
        catch (DomainException e)
        {
            notice = e.Text == ReviewService.OwnReviewVote ? "own" : done == "voted" ? "already-voted" : "already-reported";
        }
        return Results.Redirect(WithQuery(to, ProductReviews.NoticeKey, notice) + "#review-" + id.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A path of this site to go back to; anything else (another site, a scheme) goes home.</summary>
    internal static string LocalPath(string? back) =>
        back is { Length: > 1 and < 400 } && back[0] == '/' && back[1] is not ('/' or '\\') && !back.Contains("://", StringComparison.Ordinal) ? back : "/";

    private static string Login(HttpContext http, string returnUrl) =>
        $"{http.Request.PathBase}/Account/Login?returnUrl={Uri.EscapeDataString(returnUrl)}";

    private static string WithQuery(string path, string key, string value) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path, key, value);
}
