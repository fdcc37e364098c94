using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Reviews.Domain;

namespace OcopMarket.Core.Reviews;

/// <summary>A review as an officer or the product's producer sees it.</summary>
public sealed record ReviewRow(int Id, int ProductId, string ProductName, string? ProductSlug, string AuthorName, int Rating, string Text,
    ReviewStatus Status, string? HeldBecause, string? ModerationReason, int ReportCount, int HelpfulCount, DateTime CreatedAt,
    IReadOnlyList<ReviewPhotoView> Photos, string? Reply, DateTime? RepliedAt);

public enum ModerationQueue
{
    /// <summary>Held by the filter, and published ones that someone reported: what needs an officer.</summary>
    NeedsAttention,
    Hidden,
    All,
}

/// <summary>One month of a producer's published reviews: how many and their average.</summary>
public sealed record RatingMonth(int Year, int Month, int Count, double Average);

/// <summary>
/// Officers hide and restore reviews (with a reason the author sees); a producer lists the reviews of its own products
/// and answers each once in public, and sees its rating month by month.
/// </summary>
public sealed class ReviewModerationService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public const int PageSize = 50;

    public async Task<IReadOnlyList<ReviewRow>> QueueAsync(Actor actor, ModerationQueue queue, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reviews = db.Set<Review>().AsNoTracking();
        reviews = queue switch
        {
            ModerationQueue.NeedsAttention => reviews.Where(r => r.Status == ReviewStatus.AwaitingModeration
                || (r.Status == ReviewStatus.Published && r.ReportCount > 0 && r.ModeratedAt == null)),
            ModerationQueue.Hidden => reviews.Where(r => r.Status == ReviewStatus.Hidden),
            _ => reviews,
        };
        return await RowsAsync(db, reviews.OrderByDescending(r => r.ReportCount).ThenBy(r => r.CreatedAt).Take(PageSize), ct);
    }

    public Task HideAsync(Actor actor, int reviewId, string reason, CancellationToken ct = default) =>
        ModerateAsync(actor, reviewId, r => r.Hide(reason, Now), ct);

    public Task RestoreAsync(Actor actor, int reviewId, string reason, CancellationToken ct = default) =>
        ModerateAsync(actor, reviewId, r => r.Restore(reason, Now), ct);

    private async Task ModerateAsync(Actor actor, int reviewId, Action<Review> change, CancellationToken ct)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await db.Set<Review>().SingleOrDefaultAsync(r => r.Id == reviewId, ct)
            ?? throw new NotFoundException(new("Không tìm thấy đánh giá.", "Review not found."));
        var before = (review.IsPublished, review.Rating);
        change(review);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ReviewService.MoveProductAsync(db, review.ProductId, review.ProducerId, before, (review.IsPublished, review.Rating), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The reviews of the producer's products, newest first; only those still without a reply when asked.</summary>
    public async Task<IReadOnlyList<ReviewRow>> ProducerReviewsAsync(Actor actor, bool unansweredOnly, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Only what the public may see: a held or hidden review is between its author and the officers.
        var reviews = db.Set<Review>().AsNoTracking().Where(r => r.ProducerId == producerId && r.Status == ReviewStatus.Published);
        if (unansweredOnly) reviews = reviews.Where(r => r.Reply == null);
        return await RowsAsync(db, reviews.OrderByDescending(r => r.CreatedAt).Take(PageSize), ct);
    }

    /// <summary>The product's producer answers a published review, once.</summary>
    /// <exception cref="NotFoundException">Another producer's review, or one not shown in public.</exception>
    public async Task ReplyAsync(Actor actor, int reviewId, string text, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await db.Set<Review>().SingleOrDefaultAsync(r => r.Id == reviewId && r.Status == ReviewStatus.Published, ct)
            ?? throw new NotFoundException(new("Không tìm thấy đánh giá.", "Review not found."));
        review.Answer(producerId, text, Now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The producer's published reviews by the month they were written (Vietnamese time), the last
    /// <paramref name="months"/> months with at least one review, oldest first.
    /// </summary>
    public async Task<IReadOnlyList<RatingMonth>> RatingOverTimeAsync(Actor actor, int months = 12, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        var today = VietnamClock.DayOf(Now);
        var from = new DateOnly(today.Year, today.Month, 1).AddMonths(-(months - 1));
        var fromUtc = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - VietnamClock.Offset;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A producer has hundreds of reviews a year at most: the rows, grouped here, keep the SQL the same on both providers.
        var rows = await db.Set<Review>().AsNoTracking()
            .Where(r => r.ProducerId == producerId && r.Status == ReviewStatus.Published && r.CreatedAt >= fromUtc)
            .Select(r => new { r.CreatedAt, r.Rating }).ToListAsync(ct);
        return [.. rows.GroupBy(r => { var d = VietnamClock.DayOf(r.CreatedAt); return (d.Year, d.Month); })
            .OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Month)
            .Select(g => new RatingMonth(g.Key.Year, g.Key.Month, g.Count(), g.Average(r => r.Rating)))];
    }

    private static async Task<IReadOnlyList<ReviewRow>> RowsAsync(OcopDbContext db, IQueryable<Review> reviews, CancellationToken ct)
    {
        var list = await reviews.Include(r => r.Photos).ToListAsync(ct);
        var productIds = list.Select(r => r.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.Slug, p.IsPublished }).ToDictionaryAsync(p => p.Id, ct);
        return [.. list.Select(r => new ReviewRow(r.Id, r.ProductId, products[r.ProductId].Name,
            products[r.ProductId].IsPublished ? products[r.ProductId].Slug : null, r.AuthorName, r.Rating, r.Text, r.Status,
            r.HeldBecause, r.ModerationReason, r.ReportCount, r.HelpfulCount, r.CreatedAt, ReviewService.Photos(r), r.Reply, r.RepliedAt))];
    }
}
