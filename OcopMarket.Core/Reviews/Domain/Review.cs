using OcopMarket.Core.Common;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.PublicPages.Domain;

namespace OcopMarket.Core.Reviews.Domain;

public enum ReviewStatus
{
    /// <summary>Shown on the product page and counted in its average.</summary>
    Published = 1,

    /// <summary>Held for an officer: its text has a link, a phone number or a word from the held list.</summary>
    AwaitingModeration = 2,

    /// <summary>An officer hid it, with a reason its author sees.</summary>
    Hidden = 3,
}

/// <summary>A photo a buyer attached to a review, re-encoded by the image pipeline like product photos.</summary>
public sealed class ReviewPhoto
{
    private ReviewPhoto() { }

    public ReviewPhoto(string displayPath, string thumbnailPath, int width, int height)
    {
        DisplayPath = displayPath;
        ThumbnailPath = thumbnailPath;
        Width = width;
        Height = height;
    }

    public int Id { get; private set; }
    public int ReviewId { get; private set; }
    public string DisplayPath { get; private set; } = "";
    public string ThumbnailPath { get; private set; } = "";
    public int Width { get; private set; }
    public int Height { get; private set; }
    public int Position { get; internal set; }
}

/// <summary>
/// A verified buyer's opinion of one order line: 1–5 (the buyer's rating, never the OCOP certification's stars),
/// a text, and up to <see cref="MaxPhotos"/> photos. One per order line; its author may change it for
/// <see cref="EditWindow"/>; an officer hides or restores it; the product's producer answers it once.
/// </summary>
public sealed class Review : IShownOnPublicPages
{
    public const int MaxPhotos = 3;
    public const int MaxTextLength = 2000;
    public const int MaxReplyLength = 1000;
    public const int MaxReasonLength = 500;
    public const int MaxAuthorNameLength = 60;
    public static readonly TimeSpan WriteWindow = TimeSpan.FromDays(90);
    public static readonly TimeSpan EditWindow = TimeSpan.FromDays(7);

    /// <summary>A review shows on its product's page only (the listings show the product's counts, moved apart).</summary>
    public IEnumerable<string> PagesShowing(bool isNew) => [PageTags.Product(ProductId)];

    private readonly List<ReviewPhoto> _photos = [];

    private Review() { }

    private Review(int productId, int producerId, int orderId, int orderLineId, string authorUserId, string authorName,
        int rating, string text, DateTime deliveredAtUtc, DateTime nowUtc)
    {
        ProductId = productId;
        ProducerId = producerId;
        OrderId = orderId;
        OrderLineId = orderLineId;
        AuthorUserId = authorUserId;
        AuthorName = authorName;
        DeliveredAt = DateTime.SpecifyKind(deliveredAtUtc, DateTimeKind.Utc);
        CreatedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        Rating = CheckRating(rating);
        Text = CheckText(text);
    }

    public int Id { get; private set; }
    public int ProductId { get; private set; }
    public int ProducerId { get; private set; }
    public int OrderId { get; private set; }
    public int OrderLineId { get; private set; }
    /// <summary>The author's account; null once the author deleted their account and chose to leave the review, anonymised.</summary>
    public string? AuthorUserId { get; private set; }

    /// <summary>How the author is shown in public ("Mai N."): chosen when written, never the email.</summary>
    public string AuthorName { get; private set; } = "";

    public int Rating { get; private set; }
    public string Text { get; private set; } = "";
    public ReviewStatus Status { get; private set; }

    /// <summary>Why the filter held it (for the officer): "link", "phone" or the held word.</summary>
    public string? HeldBecause { get; private set; }

    /// <summary>The officer's reason for hiding (or restoring) it; its author sees it.</summary>
    public string? ModerationReason { get; private set; }
    public DateTime? ModeratedAt { get; private set; }
    public DateTime DeliveredAt { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? EditedAt { get; private set; }

    /// <summary>When it was last published: the product page's "newest" order.</summary>
    public DateTime? PublishedAt { get; private set; }

    /// <summary>Signed-in people who found it helpful (one vote each, <see cref="ReviewVote"/>), moved by increments.</summary>
    public int HelpfulCount { get; private set; }

    /// <summary>Signed-in people who reported it (one each, <see cref="ReviewReport"/>); the officer's queue shows it.</summary>
    public int ReportCount { get; private set; }

    public string? Reply { get; private set; }
    public DateTime? RepliedAt { get; private set; }

    public IReadOnlyList<ReviewPhoto> Photos => _photos;

    public bool IsPublished => Status == ReviewStatus.Published;

    /// <summary>
    /// The buyer writes the review of one line of their own delivered order. Checks who, what and when; the
    /// content filter decides whether it is published at once or waits for an officer.
    /// </summary>
    /// <exception cref="NotFoundException">Not the buyer's order, or not a line of it (the same answer as no such order).</exception>
    public static Review Write(Order order, int orderLineId, string authorUserId, string authorName, int rating, string text,
        ReviewContentFilter filter, DateTime nowUtc)
    {
        var line = EnsureMayWrite(order, orderLineId, authorUserId, nowUtc);
        var review = new Review(line.ProductId, order.ProducerId, order.Id, line.Id, authorUserId,
            ShortName(authorName), rating, text, DeliveredAtOf(order)!.Value, nowUtc);
        review.Screen(filter, nowUtc);
        return review;
    }

    /// <summary>Why this buyer may not review this line now, or the line when they may.</summary>
    public static OrderLine EnsureMayWrite(Order order, int orderLineId, string? userId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.BuyerUserId is null || userId is null || order.BuyerUserId != userId) throw OrderNotFound;
        var line = order.Lines.FirstOrDefault(l => l.Id == orderLineId) ?? throw OrderNotFound;
        if (order.Status != OrderStatus.Delivered || DeliveredAtOf(order) is not { } delivered) throw new DomainException(new(
            "Chỉ đánh giá được sản phẩm của đơn đã giao tới bạn.",
            "You can review a product only once its order has been delivered to you."));
        if (nowUtc > delivered + WriteWindow) throw new DomainException(new(
            $"Đã quá {WriteWindow.Days} ngày kể từ khi nhận hàng, không thể viết đánh giá nữa.",
            $"It is more than {WriteWindow.Days} days since delivery: the product can no longer be reviewed."));
        return line;
    }

    /// <summary>When the order reached the buyer: its (last) Delivered event.</summary>
    public static DateTime? DeliveredAtOf(Order order) =>
        order.Events.Where(e => e.Status == OrderStatus.Delivered).Select(e => (DateTime?)e.AtUtc).Max();

    private static NotFoundException OrderNotFound => new(new("Không tìm thấy đơn hàng.", "Order not found."));

    public bool MayEdit(DateTime nowUtc) => nowUtc <= CreatedAt + EditWindow;

    /// <summary>The author changes the rating and text within <see cref="EditWindow"/>; the text is screened again.</summary>
    public void Edit(string userId, int rating, string text, ReviewContentFilter filter, DateTime nowUtc)
    {
        EnsureAuthor(userId);
        EnsureEditable(nowUtc);
        Rating = CheckRating(rating);
        Text = CheckText(text);
        EditedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        // An officer's hiding stands whatever the author changes: only an officer restores it.
        if (Status != ReviewStatus.Hidden) Screen(filter, nowUtc);
    }

    public void EnsureAuthor(string userId)
    {
        // Someone else's review is not theirs to see in the editor: the same answer as no review.
        if (userId != AuthorUserId) throw new NotFoundException(new("Không tìm thấy đánh giá.", "Review not found."));
    }

    public void EnsureEditable(DateTime nowUtc)
    {
        if (!MayEdit(nowUtc)) throw new DomainException(new(
            $"Chỉ sửa được đánh giá trong {EditWindow.Days} ngày sau khi viết.",
            $"A review can be changed only within {EditWindow.Days} days of writing it."));
    }

    public void AddPhoto(ReviewPhoto photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        if (_photos.Count >= MaxPhotos) throw new DomainException(new(
            $"Mỗi đánh giá có tối đa {MaxPhotos} ảnh.",
            $"A review can have at most {MaxPhotos} photos."));
        photo.Position = _photos.Count == 0 ? 0 : _photos.Max(p => p.Position) + 1;
        _photos.Add(photo);
    }

    public ReviewPhoto RemovePhoto(int photoId)
    {
        var photo = _photos.FirstOrDefault(p => p.Id == photoId) ?? throw new NotFoundException(new("Không tìm thấy ảnh.", "Photo not found."));
        _photos.Remove(photo);
        return photo;
    }

    /// <summary>What an anonymised review shows as its author (its text stays, its author is gone).</summary>
    public const string DeletedAuthorName = "Người mua đã xoá tài khoản / Deleted buyer";

    /// <summary>
    /// The author deleted their account and chose to leave the review: it keeps its score, text, photos and reply,
    /// and no longer names or links anyone.
    /// </summary>
    public void Anonymise()
    {
        AuthorUserId = null;
        AuthorName = DeletedAuthorName;
    }

    /// <summary>The author corrected their name: the review shows the new one (its short form).</summary>
    public void RenameAuthor(string displayName)
    {
        if (AuthorUserId is not null) AuthorName = ShortName(displayName);
    }

    /// <summary>One person's helpful vote or report no longer counts (the person deleted their account).</summary>
    public void Uncount(bool helpful, bool report)
    {
        if (helpful && HelpfulCount > 0) HelpfulCount--;
        if (report && ReportCount > 0) ReportCount--;
    }

    /// <summary>An officer hides a review (published or held), with the reason its author will read.</summary>
    public void Hide(string reason, DateTime nowUtc)
    {
        ModerationReason = CheckReason(reason);
        ModeratedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        Status = ReviewStatus.Hidden;
    }

    /// <summary>
    /// An officer publishes a held or hidden review, or keeps a reported one shown, saying why (the author sees it
    /// too); either way it leaves the officers' queue.
    /// </summary>
    public void Restore(string reason, DateTime nowUtc)
    {
        ModerationReason = CheckReason(reason);
        ModeratedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        Publish(nowUtc);
    }

    /// <summary>The product's producer answers once, in public.</summary>
    public void Answer(int producerId, string text, DateTime nowUtc)
    {
        // Another producer's review: the same answer as a review that does not exist.
        if (producerId != ProducerId) throw new NotFoundException(new("Không tìm thấy đánh giá.", "Review not found."));
        if (Reply is not null) throw new DomainException(new("Bạn đã trả lời đánh giá này.", "You have already replied to this review."));
        var reply = (text ?? "").Trim();
        if (reply.Length == 0) throw new DomainException(new("Hãy viết câu trả lời.", "Please write the reply."));
        if (reply.Length > MaxReplyLength) throw new DomainException(new(
            $"Câu trả lời tối đa {MaxReplyLength} ký tự.", $"A reply is at most {MaxReplyLength} characters."));
        Reply = reply;
        RepliedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
    }

    private void Screen(ReviewContentFilter filter, DateTime nowUtc)
    {
        HeldBecause = filter.ReasonToHold(Text);
        if (HeldBecause is null) Publish(nowUtc);
        else Status = ReviewStatus.AwaitingModeration;
    }

    private void Publish(DateTime nowUtc)
    {
        if (Status != ReviewStatus.Published) PublishedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        Status = ReviewStatus.Published;
    }

    private static int CheckRating(int rating) => rating is >= 1 and <= 5 ? rating : throw new DomainException(new(
        "Hãy chọn mức đánh giá từ 1 đến 5.", "Please choose a rating from 1 to 5."));

    private static string CheckText(string? text)
    {
        var trimmed = (text ?? "").Trim().ReplaceLineEndings("\n");
        if (trimmed.Length > MaxTextLength) throw new DomainException(new(
            $"Nội dung đánh giá tối đa {MaxTextLength} ký tự (bạn đã viết {trimmed.Length}).",
            $"A review is at most {MaxTextLength} characters (yours has {trimmed.Length})."));
        return trimmed;
    }

    private static string CheckReason(string? reason)
    {
        var trimmed = (reason ?? "").Trim();
        if (trimmed.Length == 0) throw new DomainException(new("Hãy ghi lý do để người viết biết.", "Please give the reason, so the author knows."));
        if (trimmed.Length > MaxReasonLength) throw new DomainException(new(
            $"Lý do tối đa {MaxReasonLength} ký tự.", $"A reason is at most {MaxReasonLength} characters."));
        return trimmed;
    }

    /// <summary>
    /// The public name of an author: a Vietnamese full name ("Nguyễn Thị Mai") as the given name and the family
    /// name's initial ("Mai N."); a single word as it is; an email (a display name never set) by its local part only.
    /// </summary>
    public static string ShortName(string? displayName)
    {
        var name = (displayName ?? "").Trim();
        if (name.Contains('@', StringComparison.Ordinal)) name = name[..name.IndexOf('@', StringComparison.Ordinal)];
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var shown = words.Length switch
        {
            0 => "Người mua",
            1 => words[0],
            _ => $"{words[^1]} {char.ToUpperInvariant(words[0][0])}.",
        };
        return shown.Length > MaxAuthorNameLength ? shown[..MaxAuthorNameLength] : shown;
    }
}

/// <summary>One signed-in person's report of a review (once per person and review).</summary>
public sealed class ReviewReport
{
    public const int MaxReasonLength = 300;

    private ReviewReport() { }

    public ReviewReport(int reviewId, string userId, string? reason, DateTime atUtc)
    {
        ReviewId = reviewId;
        UserId = userId;
        var trimmed = (reason ?? "").Trim();
        Reason = trimmed.Length == 0 ? null : trimmed.Length > MaxReasonLength ? trimmed[..MaxReasonLength] : trimmed;
        At = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
    }

    public long Id { get; private set; }
    public int ReviewId { get; private set; }
    public string UserId { get; private set; } = "";
    public string? Reason { get; private set; }
    public DateTime At { get; private set; }
}

/// <summary>One signed-in person found a review helpful (once per person and review).</summary>
public sealed class ReviewVote
{
    private ReviewVote() { }

    public ReviewVote(int reviewId, string userId, DateTime atUtc)
    {
        ReviewId = reviewId;
        UserId = userId;
        At = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
    }

    public long Id { get; private set; }
    public int ReviewId { get; private set; }
    public string UserId { get; private set; } = "";
    public DateTime At { get; private set; }
}
