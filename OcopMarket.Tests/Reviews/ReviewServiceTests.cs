using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Common;
using OcopMarket.Core.Media;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.PublicPages.Domain;
using OcopMarket.Core.Reviews;
using OcopMarket.Core.Reviews.Domain;
using OcopMarket.Tests.Support;
using SkiaSharp;

namespace OcopMarket.Tests.Reviews;

/// <summary>
/// Reviews on each provider: only the buyer of a delivered line, once, in time; photos through the image pipeline;
/// the product's counts moved with each change and its pages evicted; reports and votes once; moderation, replies,
/// invitations and the catalog's sort and filter.
/// </summary>
public abstract class ReviewServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : ReviewServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : ReviewServiceTests(DatabaseProvider.PostgreSql);

    private const string Tea = "che-dinh-tan-cuong";
    private TestDatabase _db = null!;
    private Actor _haoDat = null!, _vanHuong = null!, _officer = null!, _buyer = null!, _otherBuyer = null!;
    private readonly string _media = Path.Combine(Path.GetTempPath(), $"ocop-review-media-{Guid.NewGuid():N}");
    private readonly List<string> _changedPages = [];

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        (_haoDat, _vanHuong, _officer, _buyer) = await PortalTestData.CreateActorsAsync(_db);
        await using var db = _db.CreateDbContext();
        var other = new AppUser { Id = Guid.NewGuid().ToString(), UserName = "other@test", NormalizedUserName = "OTHER@TEST", Email = "other@test", DisplayName = "Trần Văn Hùng" };
        db.Users.Add(other);
        (await db.Users.SingleAsync(u => u.Id == _buyer.UserId)).DisplayName = "Nguyễn Thị Mai";
        await db.SaveChangesAsync();
        _otherBuyer = new Actor(other.Id, null, false);
        _db.PageChanges.Changed += tags => { lock (_changedPages) _changedPages.AddRange(tags); };
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        if (Directory.Exists(_media)) Directory.Delete(_media, recursive: true);
    }

    private ReviewService Service() => new(_db, _db.Clock, new ProductImageProcessor(), new FileSystemMediaStore(_media),
        new ReviewSettings { HeldWords = ["hàng giả"] });

    private ReviewModerationService Moderation() => new(_db, _db.Clock);

    private DateTime Now => _db.Clock.GetUtcNow().UtcDateTime;

    /// <summary>Places an order of the tea for <paramref name="buyer"/> (null: a guest) and, unless told otherwise, delivers it now.</summary>
    private async Task<(Order Order, int LineId)> BoughtAsync(Actor? buyer, bool deliver = true, string slug = Tea)
    {
        int id;
        long price;
        await using (var db = _db.CreateDbContext())
        {
            var p = await db.Products.SingleAsync(x => x.Slug == slug);
            p.SetStock(100);
            await db.SaveChangesAsync();
            (id, price) = (p.Id, p.PriceVnd);
        }
        var placed = await new CheckoutService(_db, _db.Clock, CheckoutOptions.Default).PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(id, 1, price)], new DeliveryAddress("Mai", "0912345678", "Số 5", "05503", "19", null),
            PaymentMethod.CashOnDelivery, buyer?.UserId, "mai@example.test"));
        await using var write = _db.CreateDbContext();
        var order = await write.Orders.Include(o => o.Lines).Include(o => o.Events).SingleAsync(o => o.Id == placed.Orders[0].Id);
        order.ConfirmByProducer(Now);
        order.Pack(Now);
        order.Ship("Viettel Post", "VTP123", Now);
        if (deliver) order.Deliver(Now);
        await write.SaveChangesAsync();
        return (order, order.Lines[0].Id);
    }

    private async Task<(int Count, int Sum)> CountsAsync(string slug = Tea)
    {
        await using var db = _db.CreateDbContext();
        var p = await db.Products.AsNoTracking().SingleAsync(x => x.Slug == slug);
        return (p.ReviewCount, p.ReviewRatingSum);
    }

    private async Task<int> ProductIdAsync(string slug = Tea)
    {
        await using var db = _db.CreateDbContext();
        return await db.Products.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync();
    }

    private static MemoryStream Png() => new(TestImages.Make(800, 600, SKEncodedImageFormat.Png));

    private int MediaFiles() => Directory.Exists(_media) ? Directory.GetFiles(_media, "*", SearchOption.AllDirectories).Length : 0;

    [SkippableFact]
    public async Task A_delivered_buyer_reviews_with_a_photo_the_product_counts_it_and_its_pages_are_evicted()
    {
        var (_, line) = await BoughtAsync(_buyer);
        lock (_changedPages) _changedPages.Clear();

        var (id, status) = await Service().SaveAsync(_buyer, line, 5, "Chè thơm, nước xanh.", [Png()]);

        Assert.Equal(ReviewStatus.Published, status);
        Assert.Equal((1, 5), await CountsAsync());
        Assert.Equal(2, MediaFiles()); // display and thumbnail, re-encoded
        var productId = await ProductIdAsync();
        lock (_changedPages)
        {
            Assert.Contains(PageTags.Product(productId), _changedPages);
            Assert.Contains(PageTags.Listings, _changedPages);
        }
        var page = await new ProductReviewsService(_db).PageAsync(productId, ReviewSort.Newest, 1);
        var shown = Assert.Single(page.Reviews);
        Assert.Equal(id, shown.Id);
        Assert.Equal("Mai N.", shown.AuthorName);
        Assert.StartsWith("/media/reviews/", Assert.Single(shown.Photos).ThumbnailUrl);
        Assert.Equal([0, 0, 0, 0, 1], page.Summary.Distribution);
        Assert.Equal(5, page.Summary.Average);
    }

    [SkippableFact]
    public async Task Another_buyers_line_a_guests_and_an_undelivered_one_are_refused()
    {
        var (_, line) = await BoughtAsync(_buyer);
        await Assert.ThrowsAsync<NotFoundException>(() => Service().SaveAsync(_otherBuyer, line, 5, "Hay"));
        await Assert.ThrowsAsync<NotFoundException>(() => Service().DraftAsync(_otherBuyer, line));
        var (_, guestLine) = await BoughtAsync(null);
        await Assert.ThrowsAsync<NotFoundException>(() => Service().SaveAsync(_buyer, guestLine, 5, "Hay"));
        var (_, shipped) = await BoughtAsync(_buyer, deliver: false);
        var e = await Assert.ThrowsAsync<DomainException>(() => Service().SaveAsync(_buyer, shipped, 5, "Hay"));
        Assert.Contains("delivered", e.Text.En);
        Assert.Equal((0, 0), await CountsAsync());
    }

    [SkippableFact]
    public async Task After_90_days_no_review_and_after_7_days_no_edit()
    {
        var (_, late) = await BoughtAsync(_buyer);
        var (_, line) = await BoughtAsync(_buyer);
        await Service().SaveAsync(_buyer, line, 4, "Ngon");
        _db.Clock.Now += TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1);
        var edit = await Assert.ThrowsAsync<DomainException>(() => Service().SaveAsync(_buyer, line, 2, "Đổi ý"));
        Assert.Contains("7 days", edit.Text.En);
        Assert.False((await Service().DraftAsync(_buyer, line)).Review!.MayEdit);
        _db.Clock.Now += TimeSpan.FromDays(83);
        await Assert.ThrowsAsync<DomainException>(() => Service().SaveAsync(_buyer, late, 5, "Muộn"));
        Assert.Equal((1, 4), await CountsAsync());
    }

    [SkippableFact]
    public async Task A_second_post_changes_the_one_review_and_the_database_refuses_a_second_row_for_the_line()
    {
        var (order, line) = await BoughtAsync(_buyer);
        var (first, _) = await Service().SaveAsync(_buyer, line, 5, "Ngon");
        var (second, _) = await Service().SaveAsync(_buyer, line, 3, "Bình thường");
        Assert.Equal(first, second);
        Assert.Equal((1, 3), await CountsAsync());

        await using var db = _db.CreateDbContext();
        var loaded = await db.Orders.Include(o => o.Lines).Include(o => o.Events).SingleAsync(o => o.Id == order.Id);
        db.Add(Review.Write(loaded, line, _buyer.UserId, "Mai", 5, "", ReviewContentFilter.LinksAndPhonesOnly, Now));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [SkippableFact]
    public async Task An_oversized_or_forged_photo_is_refused_and_leaves_no_review_and_no_file()
    {
        var (_, line) = await BoughtAsync(_buyer);
        var forged = new MemoryStream("<?php echo 'not a photo'; ?>"u8.ToArray());
        await Assert.ThrowsAsync<ImageRejectedException>(() => Service().SaveAsync(_buyer, line, 5, "Ảnh", [Png(), forged]));
        var oversized = new MemoryStream(new byte[ProductImageProcessor.MaxUploadBytes + 1]);
        await Assert.ThrowsAsync<ImageRejectedException>(() => Service().SaveAsync(_buyer, line, 5, "Ảnh", [oversized]));
        await Assert.ThrowsAsync<DomainException>(() => Service().SaveAsync(_buyer, line, 5, "Ảnh", [Png(), Png(), Png(), Png()]));
        Assert.Equal(0, MediaFiles()); // the good photo stored before the forged one was removed
        await using var db = _db.CreateDbContext();
        Assert.False(await db.Set<Review>().AnyAsync());
        Assert.Equal((0, 0), await CountsAsync());
    }

    [SkippableFact]
    public async Task Photos_are_added_up_to_three_and_removed_with_their_files()
    {
        var (_, line) = await BoughtAsync(_buyer);
        await Service().SaveAsync(_buyer, line, 5, "Ảnh", [Png(), Png()]);
        var draft = await Service().DraftAsync(_buyer, line);
        await Assert.ThrowsAsync<DomainException>(() => Service().SaveAsync(_buyer, line, 5, "Ảnh", [Png(), Png()]));
        await Service().SaveAsync(_buyer, line, 5, "Ảnh", [Png()], [draft.Review!.Photos[0].Id]);
        Assert.Equal(2, (await Service().DraftAsync(_buyer, line)).Review!.Photos.Count);
        Assert.Equal(4, MediaFiles());
    }

    [SkippableFact]
    public async Task Votes_and_reports_count_once_per_person_and_nobody_votes_for_their_own()
    {
        var (_, line) = await BoughtAsync(_buyer);
        var (id, _) = await Service().SaveAsync(_buyer, line, 5, "Ngon");
        await Service().VoteHelpfulAsync(_otherBuyer, id);
        await Assert.ThrowsAsync<DomainException>(() => Service().VoteHelpfulAsync(_otherBuyer, id));
        var own = await Assert.ThrowsAsync<DomainException>(() => Service().VoteHelpfulAsync(_buyer, id));
        Assert.Equal(ReviewService.OwnReviewVote, own.Text);
        await Service().ReportAsync(_otherBuyer, id, "Quảng cáo");
        var twice = await Assert.ThrowsAsync<DomainException>(() => Service().ReportAsync(_otherBuyer, id, "Lần hai"));
        Assert.Contains("already reported", twice.Text.En);
        await Assert.ThrowsAsync<NotFoundException>(() => Service().ReportAsync(_otherBuyer, 999_999, null));

        var page = await new ProductReviewsService(_db).PageAsync(await ProductIdAsync(), ReviewSort.MostHelpful, 1);
        Assert.Equal(1, Assert.Single(page.Reviews).HelpfulCount);
        var queued = Assert.Single(await Moderation().QueueAsync(_officer, ModerationQueue.NeedsAttention));
        Assert.Equal(1, queued.ReportCount);
    }

    [SkippableFact]
    public async Task A_review_with_a_phone_number_waits_for_an_officer_who_publishes_or_hides_it_with_a_reason_the_author_sees()
    {
        var (_, line) = await BoughtAsync(_buyer);
        var (id, status) = await Service().SaveAsync(_buyer, line, 5, "Mua sỉ gọi 0987 654 321");
        Assert.Equal(ReviewStatus.AwaitingModeration, status);
        Assert.Equal((0, 0), await CountsAsync()); // not counted while waiting
        Assert.Equal(0, (await new ProductReviewsService(_db).PageAsync(await ProductIdAsync(), ReviewSort.Newest, 1)).Summary.Count);
        await Assert.ThrowsAsync<ForbiddenException>(() => Moderation().HideAsync(_haoDat, id, "Không phải cán bộ"));
        var held = Assert.Single(await Moderation().QueueAsync(_officer, ModerationQueue.NeedsAttention));
        Assert.Equal(ReviewContentFilter.Phone, held.HeldBecause);

        await Moderation().RestoreAsync(_officer, id, "Số điện thoại của cửa hàng, chấp nhận");
        Assert.Equal((1, 5), await CountsAsync());
        await Moderation().HideAsync(_officer, id, "Quảng cáo bán sỉ");
        Assert.Equal((0, 0), await CountsAsync());
        var own = (await Service().DraftAsync(_buyer, line)).Review!;
        Assert.Equal(ReviewStatus.Hidden, own.Status);
        Assert.Equal("Quảng cáo bán sỉ", own.ModerationReason);
        Assert.Equal("Quảng cáo bán sỉ", Assert.Single(await Service().ForCheckoutAsync((await OrderOfLineAsync(line)).CheckoutId, _buyer)).ModerationReason);
    }

    private async Task<Order> OrderOfLineAsync(int line)
    {
        await using var db = _db.CreateDbContext();
        return await db.Orders.AsNoTracking().SingleAsync(o => o.Lines.Any(l => l.Id == line));
    }

    [SkippableFact]
    public async Task The_products_producer_replies_once_and_another_producer_cannot_see_or_answer_it()
    {
        var (_, line) = await BoughtAsync(_buyer);
        var (id, _) = await Service().SaveAsync(_buyer, line, 4, "Ngon");
        Assert.Empty(await Moderation().ProducerReviewsAsync(_vanHuong, unansweredOnly: false));
        await Assert.ThrowsAsync<NotFoundException>(() => Moderation().ReplyAsync(_vanHuong, id, "Cảm ơn"));
        await Assert.ThrowsAsync<ForbiddenException>(() => Moderation().ReplyAsync(_buyer, id, "Cảm ơn"));
        Assert.Single(await Moderation().ProducerReviewsAsync(_haoDat, unansweredOnly: true));
        await Moderation().ReplyAsync(_haoDat, id, "Cảm ơn chị đã tin dùng!");
        await Assert.ThrowsAsync<DomainException>(() => Moderation().ReplyAsync(_haoDat, id, "Lần hai"));
        Assert.Empty(await Moderation().ProducerReviewsAsync(_haoDat, unansweredOnly: true));
        var month = Assert.Single(await Moderation().RatingOverTimeAsync(_haoDat));
        Assert.Equal((1, 4.0), (month.Count, month.Average));
        var page = await new ProductReviewsService(_db).PageAsync(await ProductIdAsync(), ReviewSort.Newest, 1);
        Assert.Equal("Cảm ơn chị đã tin dùng!", Assert.Single(page.Reviews).Reply);
    }

    [SkippableFact]
    public async Task Delivery_queues_an_invitation_whose_signed_link_stops_the_next_ones()
    {
        await BoughtAsync(null); // a guest: no account to review with, so no invitation
        await BoughtAsync(_buyer); // an account that never said yes: silence is no
        Assert.Empty(await InvitationsAsync());
        await new Core.Legal.ConsentService(_db, _db.Clock).SetAsync(_buyer.UserId, Core.Legal.Domain.ConsentPurpose.ReviewInvitations, true,
            Core.Legal.Domain.ConsentSource.PrivacySettings);
        var (_, line) = await BoughtAsync(_buyer);
        var invitation = Assert.Single(await InvitationsAsync());
        Assert.Equal("mai@example.test", invitation.To);
        Assert.Contains(ReviewPaths.Write(line), invitation.Body);
        Assert.True(invitation.Body.IndexOf("Đánh giá của bạn", StringComparison.Ordinal) < invitation.Body.IndexOf("Your review", StringComparison.Ordinal));
        var token = Uri.UnescapeDataString(invitation.Body.Split(ReviewPaths.Unsubscribe + "?t=")[1].Split('\n')[0].Trim());

        Assert.False(await Service().UnsubscribeAsync(_db.ReviewTokens.Read(token + "x")));
        Assert.False(await Service().UnsubscribeAsync(_db.ReviewTokens.Read(_buyer.UserId))); // a bare account id is no token
        Assert.True(await Service().UnsubscribeAsync(_db.ReviewTokens.Read(token)));
        await BoughtAsync(_buyer);
        Assert.Single(await InvitationsAsync());
        // The link's "no" is a line of the consent ledger, as the privacy page's untick would be.
        Assert.False(await new Core.Legal.ConsentService(_db, _db.Clock).IsGrantedAsync(_buyer.UserId, Core.Legal.Domain.ConsentPurpose.ReviewInvitations));
        await using var db = _db.CreateDbContext();
        Assert.Equal(Core.Legal.Domain.ConsentSource.EmailLink, (await db.ConsentRecords
            .Where(r => r.UserId == _buyer.UserId && r.Purpose == Core.Legal.Domain.ConsentPurpose.ReviewInvitations).OrderByDescending(r => r.Id).FirstAsync()).Source);
    }

    private async Task<List<Core.Email.Domain.OutboxEmail>> InvitationsAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.OutboxEmails.AsNoTracking().Where(e => e.Subject.StartsWith("Đánh giá đơn")).ToListAsync();
    }

    [SkippableFact]
    public async Task The_catalog_filters_buyers_rating_4_and_up_and_sorts_by_it_apart_from_OCOP_stars()
    {
        var (_, teaLine) = await BoughtAsync(_buyer);
        await Service().SaveAsync(_buyer, teaLine, 5, "Ngon");
        const string fishSauce = "nuoc-mam-phu-quoc-khai-hoan-40-do-dam";
        var (_, fishLine) = await BoughtAsync(_buyer, slug: fishSauce);
        await Service().SaveAsync(_buyer, fishLine, 3, "Tạm");
        var (_, fishLine2) = await BoughtAsync(_otherBuyer, slug: fishSauce);
        await Service().SaveAsync(_otherBuyer, fishLine2, 4, "Được"); // 3.5 on average: not "4 and up"

        var catalog = new CatalogService(_db, _db.Clock, new CatalogCache(_db.Clock));
        var wellReviewed = await catalog.SearchAsync(new CatalogQuery { WellReviewedOnly = true });
        var card = Assert.Single(wellReviewed.Items);
        Assert.Equal(Tea, card.Slug);
        Assert.Equal(5, card.ReviewAverage);
        Assert.Equal(1, wellReviewed.Facets.WellReviewed);

        var byRating = await catalog.SearchAsync(new CatalogQuery { Sort = CatalogSort.Rating });
        Assert.Equal([Tea, fishSauce], byRating.Items.Take(2).Select(i => i.Slug));
        Assert.Equal(2, byRating.Items[1].ReviewCount);
        Assert.Null(byRating.Items[2].ReviewAverage); // unreviewed products follow, never mixed in by OCOP stars

        // A search takes the same sort and filter from memory.
        var searched = await catalog.SearchAsync(new CatalogQuery { Search = "nuoc mam", Sort = CatalogSort.Rating });
        Assert.Equal(fishSauce, searched.Items[0].Slug);
        Assert.Empty((await catalog.SearchAsync(new CatalogQuery { Search = "nuoc mam", WellReviewedOnly = true })).Items);
    }
}
