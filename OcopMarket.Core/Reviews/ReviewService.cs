using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Media;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.PublicPages;
using OcopMarket.Core.PublicPages.Domain;
using OcopMarket.Core.Reviews.Domain;

namespace OcopMarket.Core.Reviews;

public sealed record ReviewPhotoView(int Id, string DisplayUrl, string ThumbnailUrl, int Width, int Height);

/// <summary>What the buyer's editor shows: the line, and their review of it once written.</summary>
public sealed record ReviewDraft(int OrderLineId, int OrderId, Guid CheckoutId, string OrderNumber, int ProductId, string ProductName,
    string? ProductSlug, DateTime DeliveredAt, DateTime WriteUntil, OwnReview? Review);

/// <summary>The author's own view of their review: its status and the officer's reason, which only they and officers see.</summary>
public sealed record OwnReview(int Id, int Rating, string Text, ReviewStatus Status, string? ModerationReason, DateTime CreatedAt,
    DateTime EditUntil, bool MayEdit, IReadOnlyList<ReviewPhotoView> Photos, string? Reply);

public enum LineReviewState { MayWrite, Written, TooLate }

/// <summary>One delivered line on the buyer's order page, with what they can do about its review.</summary>
public sealed record ReviewableLine(int OrderId, int OrderLineId, string ProductName, LineReviewState State,
    ReviewStatus? Status, string? ModerationReason, bool MayEdit);

/// <summary>
/// The buyer's side of reviews: who may write one (<see cref="Review.EnsureMayWrite"/>), writing and changing it with
/// its photos, and the helpful votes and reports of signed-in people. Every change that moves what the product page
/// or the listings show moves the product's review columns by increments in the same transaction, and names the
/// pages it changed, so the cached pages are evicted when it commits.
/// </summary>
public sealed class ReviewService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, ProductImageProcessor processor,
    IMediaStore store, ReviewSettings settings)
{
    public const string Folder = "reviews";

    private readonly ReviewContentFilter _filter = settings.Filter();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The editor of one order line's review.</summary>
    /// <exception cref="NotFoundException">Not the actor's order line.</exception>
    /// <exception cref="DomainException">Not delivered, or past the window with no review written.</exception>
    public async Task<ReviewDraft> DraftAsync(Actor actor, int orderLineId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await OrderOfLineAsync(db, actor, orderLineId, ct);
        var review = await db.Set<Review>().AsNoTracking().Include(r => r.Photos).SingleOrDefaultAsync(r => r.OrderLineId == orderLineId, ct);
        // An existing review stays readable by its author after the windows; a new one needs the rules met now.
        if (review is null) Review.EnsureMayWrite(order, orderLineId, actor.UserId, Now);
        var line = order.Lines.Single(l => l.Id == orderLineId);
        var slug = await db.Products.Where(p => p.Id == line.ProductId && p.IsPublished).Select(p => p.Slug).SingleOrDefaultAsync(ct);
        var delivered = Review.DeliveredAtOf(order) ?? throw new DomainException(new(
            "Chỉ đánh giá được sản phẩm của đơn đã giao tới bạn.", "You can review a product only once its order has been delivered to you."));
        return new ReviewDraft(orderLineId, order.Id, order.CheckoutId, order.Number, line.ProductId, line.ProductName, slug,
            delivered, delivered + Review.WriteWindow, review is null ? null : Own(review, Now));
    }

    internal static OwnReview Own(Review r, DateTime now) => new(r.Id, r.Rating, r.Text, r.Status, r.ModerationReason, r.CreatedAt,
        r.CreatedAt + Review.EditWindow, r.MayEdit(now), Photos(r), r.Reply);

    internal static IReadOnlyList<ReviewPhotoView> Photos(Review r) => [.. r.Photos.OrderBy(p => p.Position).Select(p =>
        new ReviewPhotoView(p.Id, Product.MediaUrlPrefix + p.DisplayPath, Product.MediaUrlPrefix + p.ThumbnailPath, p.Width, p.Height))];

    private static async Task<Order> OrderOfLineAsync(OcopDbContext db, Actor actor, int orderLineId, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Events)
            .Where(o => o.Lines.Any(l => l.Id == orderLineId)).SingleOrDefaultAsync(ct);
        // Someone else's line, a guest's, or none at all: one answer, so ids cannot be probed.
        if (order is null || order.BuyerUserId != actor.UserId) throw new NotFoundException(new("Không tìm thấy đơn hàng.", "Order not found."));
        return order;
    }

    /// <summary>
    /// Writes the review of an order line, or changes the actor's own within its edit window: the rating, the text,
    /// photos to add (at most <see cref="Review.MaxPhotos"/> in all, each through the image pipeline) and photos to remove.
    /// </summary>
    /// <returns>The review's id and its status (published at once, or waiting for an officer).</returns>
    /// <exception cref="ImageRejectedException">A photo is not a JPEG/PNG/WebP, over 5 MB or 6,000 px, or unreadable.</exception>
    public async Task<(int Id, ReviewStatus Status)> SaveAsync(Actor actor, int orderLineId, int rating, string? text,
        IReadOnlyList<Stream>? newPhotos = null, IReadOnlyCollection<int>? removePhotoIds = null, CancellationToken ct = default)
    {
        newPhotos ??= [];
        removePhotoIds ??= [];
        if (newPhotos.Count > Review.MaxPhotos) throw TooManyPhotos;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await OrderOfLineAsync(db, actor, orderLineId, ct);
        var review = await db.Set<Review>().Include(r => r.Photos).SingleOrDefaultAsync(r => r.OrderLineId == orderLineId, ct);
        var now = Now;

        // Everything that can refuse without touching files first: who, when, the rating and the text.
        var isNew = review is null;
        (bool Published, int Rating) before = review is null ? (false, 0) : (review.IsPublished, review.Rating);
        if (review is null)
        {
            var author = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
            review = Review.Write(order, orderLineId, actor.UserId, author ?? "", rating, text ?? "", _filter, now);
            db.Add(review);
        }
        else review.Edit(actor.UserId, rating, text ?? "", _filter, now);

        var removed = new List<ReviewPhoto>();
        foreach (var id in removePhotoIds.Distinct()) removed.Add(review.RemovePhoto(id));
        if (review.Photos.Count + newPhotos.Count > Review.MaxPhotos) throw TooManyPhotos;

        var saved = new List<string>();
        try
        {
            foreach (var upload in newPhotos)
            {
                var processed = await processor.ProcessAsync(upload, ct);
                var display = await store.SaveAsync(Folder, processed.Extension, processed.Display, ct);
                saved.Add(display);
                var thumbnail = await store.SaveAsync(Folder, processed.Extension, processed.Thumbnail, ct);
                saved.Add(thumbnail);
                review.AddPhoto(new ReviewPhoto(display, thumbnail, processed.Width, processed.Height));
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await MoveProductAsync(db, review.ProductId, review.ProducerId, before, (review.IsPublished, review.Rating), ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException) when (isNew)
        {
            await DeleteFilesAsync(saved);
            // Two posts of the same new review at once (a double click): the unique line index let one through.
            throw new DomainException(new("Bạn đã đánh giá sản phẩm này của đơn hàng.", "You have already reviewed this product of the order."));
        }
        catch
        {
            await DeleteFilesAsync(saved);
            throw;
        }
        foreach (var photo in removed)
        {
            await store.DeleteAsync(photo.DisplayPath, CancellationToken.None);
            await store.DeleteAsync(photo.ThumbnailPath, CancellationToken.None);
        }
        return (review.Id, review.Status);
    }

    private static DomainException TooManyPhotos => new(new(
        $"Mỗi đánh giá có tối đa {Review.MaxPhotos} ảnh.", $"A review can have at most {Review.MaxPhotos} photos."));

    private async Task DeleteFilesAsync(List<string> paths)
    {
        foreach (var path in paths) await store.DeleteAsync(path, CancellationToken.None);
    }

    /// <summary>
    /// Moves the product's published count and rating sum from what the review counted before to what it counts now,
    /// by increments (two reviews of one product saved at once both count), inside the caller's transaction; the
    /// product page, the listings and the producer's page are evicted when it commits.
    /// </summary>
    internal static async Task MoveProductAsync(OcopDbContext db, int productId, int producerId,
        (bool Published, int Rating) before, (bool Published, int Rating) after, CancellationToken ct)
    {
        var countDelta = (after.Published ? 1 : 0) - (before.Published ? 1 : 0);
        var sumDelta = (after.Published ? after.Rating : 0) - (before.Published ? before.Rating : 0);
        if (countDelta == 0 && sumDelta == 0) return;
        await db.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.ReviewCount, p => p.ReviewCount + countDelta)
            .SetProperty(p => p.ReviewRatingSum, p => p.ReviewRatingSum + sumDelta), ct);
        CatalogCacheInvalidator.ListingsChanged(db);
        PageChangeRecorder.Changed(db, PageTags.Listings, PageTags.Product(productId), PageTags.Producer(producerId));
    }

    /// <summary>The delivered lines of a checkout the actor bought signed in, each with what they can do about its review.</summary>
    public async Task<IReadOnlyList<ReviewableLine>> ForCheckoutAsync(Guid checkoutId, Actor? actor, CancellationToken ct = default)
    {
        if (actor is null) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Events)
            .Where(o => o.CheckoutId == checkoutId && o.BuyerUserId == actor.UserId && o.Status == OrderStatus.Delivered).ToListAsync(ct);
        if (orders.Count == 0) return [];
        var lineIds = orders.SelectMany(o => o.Lines).Select(l => l.Id).ToList();
        var reviews = await db.Set<Review>().AsNoTracking().Where(r => lineIds.Contains(r.OrderLineId)).ToDictionaryAsync(r => r.OrderLineId, ct);
        var now = Now;
        return [.. orders.SelectMany(o => o.Lines.OrderBy(l => l.Id).Select(l =>
        {
            if (reviews.TryGetValue(l.Id, out var r))
                return new ReviewableLine(o.Id, l.Id, l.ProductName, LineReviewState.Written, r.Status, r.ModerationReason, r.MayEdit(now));
            var open = Review.DeliveredAtOf(o) is { } at && now <= at + Review.WriteWindow;
            return new ReviewableLine(o.Id, l.Id, l.ProductName, open ? LineReviewState.MayWrite : LineReviewState.TooLate, null, null, false);
        }))];
    }

    /// <summary>A signed-in person finds a published review helpful: once each, never their own.</summary>
    public async Task VoteHelpfulAsync(Actor actor, int reviewId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await PublishedAsync(db, reviewId, ct);
        if (review.AuthorUserId == actor.UserId) throw new DomainException(OwnReviewVote);
        if (await db.Set<ReviewVote>().AnyAsync(v => v.ReviewId == reviewId && v.UserId == actor.UserId, ct)) throw AlreadyVoted;
        db.Add(new ReviewVote(reviewId, actor.UserId, Now));
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Set<Review>().Where(r => r.Id == reviewId).ExecuteUpdateAsync(s => s.SetProperty(r => r.HelpfulCount, r => r.HelpfulCount + 1), ct);
            // The count and the "most helpful" order are on the product page.
            PageChangeRecorder.Changed(db, PageTags.Product(review.ProductId));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw AlreadyVoted; // the same vote posted twice at once: the unique index kept one
        }
    }

    /// <summary>The refusal of a vote for one's own review (the product page words it by this).</summary>
    public static readonly UserText OwnReviewVote = new(
        "Bạn không bình chọn được cho đánh giá của chính mình.", "You cannot vote for your own review.");

    private static DomainException AlreadyVoted => new(new("Bạn đã bình chọn đánh giá này hữu ích.", "You have already found this review helpful."));

    /// <summary>A signed-in person reports a published review to the officers: once each.</summary>
    public async Task ReportAsync(Actor actor, int reviewId, string? reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await PublishedAsync(db, reviewId, ct);
        if (await db.Set<ReviewReport>().AnyAsync(r => r.ReviewId == reviewId && r.UserId == actor.UserId, ct)) throw AlreadyReported;
        db.Add(new ReviewReport(reviewId, actor.UserId, reason, Now));
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Set<Review>().Where(r => r.Id == review.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ReportCount, r => r.ReportCount + 1), ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw AlreadyReported;
        }
    }

    private static DomainException AlreadyReported => new(new(
        "Bạn đã báo cáo đánh giá này; cán bộ sẽ xem xét.", "You have already reported this review; an officer will look at it."));

    private static async Task<Review> PublishedAsync(OcopDbContext db, int reviewId, CancellationToken ct) =>
        await db.Set<Review>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == reviewId && r.Status == ReviewStatus.Published, ct)
        ?? throw new NotFoundException(new("Không tìm thấy đánh giá.", "Review not found."));

    /// <summary>
    /// Stops review invitations for the account the signed unsubscribe link was made for: a "no" in the consent
    /// ledger, as if the box were unticked on the privacy page (withdrawing as easy as agreeing).
    /// </summary>
    /// <returns>Whether the token named an account (a forged or damaged one names none and changes nothing).</returns>
    public async Task<bool> UnsubscribeAsync(string? userId, CancellationToken ct = default)
    {
        if (userId is null) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) return false;
        if (await Legal.ConsentService.IsGrantedAsync(db, userId, Legal.Domain.ConsentPurpose.ReviewInvitations, ct))
        {
            db.ConsentRecords.Add(Legal.ConsentService.Withdrawal(userId, Legal.Domain.ConsentPurpose.ReviewInvitations, Legal.Domain.ConsentSource.EmailLink, Now));
            await db.SaveChangesAsync(ct);
        }
        return true;
    }
}
