using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Reviews.Domain;

namespace OcopMarket.Core.Reviews;

public enum ReviewSort
{
    Newest = 0,

    /// <summary>Most "helpful" votes first; among equals, the newest.</summary>
    MostHelpful = 1,
}

/// <summary>A published review as anyone reads it on the product page.</summary>
public sealed record PublicReview(int Id, string AuthorName, int Rating, string Text, DateTime PublishedAt, bool Edited,
    int HelpfulCount, IReadOnlyList<ReviewPhotoView> Photos, string? Reply, DateTime? RepliedAt);

/// <param name="Distribution">How many published reviews gave 1, 2, 3, 4 and 5 (index 0 is 1).</param>
public sealed record ReviewSummary(int Count, double? Average, IReadOnlyList<int> Distribution);

public sealed record ReviewPage(ReviewSummary Summary, IReadOnlyList<PublicReview> Reviews, ReviewSort Sort, int Page, int PageCount);

/// <summary>
/// The product page's reviews: published ones only (held and hidden ones are never read here, nor put in the page's
/// structured data), the distribution from one grouped count, and a page in either order.
/// </summary>
public sealed class ProductReviewsService(IDbContextFactory<OcopDbContext> dbFactory)
{
    public const int PageSize = 10;

    public async Task<ReviewPage> PageAsync(int productId, ReviewSort sort, int page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var published = db.Set<Review>().AsNoTracking().Where(r => r.ProductId == productId && r.Status == ReviewStatus.Published);
        var counts = await published.GroupBy(r => r.Rating).Select(g => new { Rating = g.Key, Count = g.Count() }).ToListAsync(ct);
        var distribution = new int[5];
        foreach (var c in counts) if (c.Rating is >= 1 and <= 5) distribution[c.Rating - 1] = c.Count;
        var total = distribution.Sum();
        var average = total == 0 ? (double?)null : counts.Sum(c => (double)c.Rating * c.Count) / total;
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var ordered = sort == ReviewSort.MostHelpful
            ? published.OrderByDescending(r => r.HelpfulCount).ThenByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id)
            : published.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id);
        var reviews = total == 0 ? [] : await ordered.Skip((page - 1) * PageSize).Take(PageSize).Include(r => r.Photos).ToListAsync(ct);
        return new ReviewPage(new ReviewSummary(total, average, distribution),
            [.. reviews.Select(r => new PublicReview(r.Id, r.AuthorName, r.Rating, r.Text, r.PublishedAt ?? r.CreatedAt, r.EditedAt is not null,
                r.HelpfulCount, ReviewService.Photos(r), r.Reply, r.RepliedAt))],
            sort, page, pageCount);
    }
}
