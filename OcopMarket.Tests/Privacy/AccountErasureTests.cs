using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Complaints.Domain;
using OcopMarket.Core.Email.Domain;
using OcopMarket.Core.Legal;
using OcopMarket.Core.Legal.Domain;
using OcopMarket.Core.Media;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Privacy;
using OcopMarket.Core.Privacy.Domain;
using OcopMarket.Core.Producers;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reviews.Domain;
using OcopMarket.Core.Wishlists.Domain;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Privacy;

/// <summary>
/// Deleting an account on each provider: after it, no table holds the person's email, name, phone, IP or account id
/// (except the one email telling them it was done), their orders are still there for the accounts, anonymised, and
/// another person's data is untouched. Data requests and the data-set lookup on the same data.
/// </summary>
public abstract class AccountErasureTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : AccountErasureTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : AccountErasureTests(DatabaseProvider.PostgreSql);

    private const string Name = "Lê Thị Dữ Liệu", Phone = "0912000111", Ip = "203.0.113.9";
    private const string OtherName = "Phạm Văn Khác", OtherPhone = "0988777666";
    private TestDatabase _db = null!;
    private Actor _haoDat = null!, _officer = null!, _buyer = null!, _other = null!;
    private string _email = "", _otherEmail = "";
    private readonly string _media = Path.Combine(Path.GetTempPath(), $"ocop-erasure-media-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        (_haoDat, _, _officer, _buyer) = await PortalTestData.CreateActorsAsync(_db);
        await using var db = _db.CreateDbContext();
        var other = new AppUser { Id = Guid.NewGuid().ToString(), UserName = "khac@test", NormalizedUserName = "KHAC@TEST", Email = "khac@test",
            NormalizedEmail = "KHAC@TEST", DisplayName = OtherName, EmailConfirmed = true };
        db.Users.Add(other);
        var buyer = await db.Users.SingleAsync(u => u.Id == _buyer.UserId);
        buyer.DisplayName = Name;
        buyer.PhoneNumber = Phone;
        await db.SaveChangesAsync();
        _other = new Actor(other.Id, null, false);
        (_email, _otherEmail) = (buyer.Email!, other.Email!);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        if (Directory.Exists(_media)) Directory.Delete(_media, recursive: true);
    }

    private DateTime Now => _db.Clock.GetUtcNow().UtcDateTime;
    private AccountErasureService Erasure() => new(_db, _db.Clock, new FileSystemMediaStore(_media));
    private DataRequestService Requests() => new(_db, _db.Clock, Erasure(), new LegalSettings());

    private async Task<PlacedCheckout> PlaceAsync(string? userId, string? email, string name, string phone, string ip, bool deliver = true)
    {
        int teaId;
        long price;
        await using (var db = _db.CreateDbContext())
        {
            var tea = await db.Products.SingleAsync(p => p.Slug == "che-dinh-tan-cuong");
            tea.SetStock(50);
            await db.SaveChangesAsync();
            (teaId, price) = (tea.Id, tea.PriceVnd);
        }
        var placed = await new CheckoutService(_db, _db.Clock, CheckoutOptions.Default).PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(teaId, 2, price)], new DeliveryAddress(name, phone, "Xóm 7 " + name, "05503", "19", "gọi " + name),
            PaymentMethod.CashOnDelivery, userId, email, ClientIp: ip));
        if (!deliver) return placed;
        await using var write = _db.CreateDbContext();
        var order = await write.Orders.Include(o => o.Lines).Include(o => o.Events).SingleAsync(o => o.CheckoutId == placed.CheckoutId);
        order.ConfirmByProducer(Now);
        order.Pack(Now);
        order.Ship("GHTK", "S1", Now);
        order.Deliver(Now);
        await write.SaveChangesAsync();
        return placed;
    }

    /// <summary>A row in every personal table for the person; an order, a review, a consent and a vote for the other.</summary>
    private async Task<(int ReviewId, int OtherReviewId, string OrderNumber)> SeedEverythingAsync()
    {
        var mine = await PlaceAsync(_buyer.UserId, _email, Name, Phone, Ip);
        var theirs = await PlaceAsync(_other.UserId, _otherEmail, OtherName, OtherPhone, "198.51.100.7");
        var consents = new ConsentService(_db, _db.Clock);
        await consents.RecordAsync(_buyer.UserId, null, [(ConsentPurpose.MarketingEmails, true)], ConsentSource.Registration);
        await consents.RecordAsync(_other.UserId, null, [(ConsentPurpose.MarketingEmails, true)], ConsentSource.Registration);
        await new ProducerOnboardingService(_db, _db.Clock).ApplyAsync(_buyer, new ProducerApplicationForm("HTX Dữ Liệu",
            ProducerType.Cooperative, "4609999999", "19", "05503", Phone, "", "Xóm 7 " + Name, AcceptsSellerRules: true));
        await Requests().SubmitFromAccountAsync(_buyer, DataRequestKind.Objection, "Tôi, " + Name + ", không muốn nhận email");
        int reviewId, otherReviewId;
        await using (var db = _db.CreateDbContext())
        {
            var now = Now;
            var tea = await db.Products.SingleAsync(p => p.Slug == "che-dinh-tan-cuong");
            db.Set<WishlistItem>().Add(new WishlistItem(_buyer.UserId, new WishlistEntry(tea.Id, tea.PriceVnd, now)));
            db.SavedCartItems.Add(new SavedCartItem(_buyer.UserId, new CartItem(tea.Id, 1, tea.PriceVnd), now));
            db.OutboxEmails.Add(new OutboxEmail(_email, "Xác nhận email / Confirm your email", "Chào " + Name, now));
            var buyerRole = await db.Roles.SingleAsync(r => r.Name == Roles.Buyer);
            db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = _buyer.UserId, RoleId = buyerRole.Id });
            db.UserClaims.Add(new Microsoft.AspNetCore.Identity.IdentityUserClaim<string> { UserId = _buyer.UserId, ClaimType = "x", ClaimValue = Name });

            var myOrder = await db.Orders.Include(o => o.Lines).Include(o => o.Events).SingleAsync(o => o.CheckoutId == mine.CheckoutId);
            var theirOrder = await db.Orders.Include(o => o.Lines).Include(o => o.Events).SingleAsync(o => o.CheckoutId == theirs.CheckoutId);
            var filter = new ReviewContentFilter([]);
            var review = Review.Write(myOrder, myOrder.Lines[0].Id, _buyer.UserId, Review.ShortName(Name), 5, "Chè thơm, nước xanh.", filter, now);
            review.AddPhoto(new ReviewPhoto("reviews/a.webp", "reviews/a-t.webp", 800, 600));
            var otherReview = Review.Write(theirOrder, theirOrder.Lines[0].Id, _other.UserId, Review.ShortName(OtherName), 3, "Tạm được.", filter, now);
            db.AddRange(review, otherReview);
            await db.SaveChangesAsync();
            (reviewId, otherReviewId) = (review.Id, otherReview.Id);
            db.Add(new OcopMarket.Core.Bookings.Domain.Booking(myOrder.Id, myOrder.Number, myOrder.ProducerId, myOrder.Lines[0].ProductId,
                "Homestay thử", OcopMarket.Core.Bookings.Domain.BookingPricing.PerRoomNight,
                new OcopMarket.Core.Bookings.Domain.BookingChoice(new DateOnly(2026, 12, 24), 2, 2, null), 1, Name, Phone, now));
            db.Add(new ReviewVote(otherReviewId, _buyer.UserId, now));
            db.Add(new ReviewReport(otherReviewId, _buyer.UserId, "thử", now));
            db.Add(new ReviewVote(reviewId, _other.UserId, now));
            // A complaint settled by an officer's refund, every party's words naming the buyer, with a photo; a label report.
            var complaint = Complaint.Open(myOrder, ComplaintReason.Damaged, "Hộp móp, " + Name + " gửi ảnh", 7, 3, now);
            complaint.AddPhoto(new ComplaintPhoto("complaints/c.webp", "complaints/c-t.webp", 800, 600));
            complaint.AnswerByProducer(myOrder.ProducerId, ComplaintOffer.ReplyOnly, "Chào " + Name + ", hàng đã kiểm", now);
            complaint.EscalateByBuyer("Gọi " + Phone, now);
            complaint.Decide(_officer.UserId, ComplaintDecision.Refund, "Hoàn cho " + Name, "CK-889", now);
            db.Add(complaint);
            db.Add(new LabelReport(0, "TC-1", "ABCDEFGH", tea.Id, "Chè", myOrder.ProducerId, "1ABCDEFGH", 1, 40, now, Phone, "Tôi là " + Name,
                _buyer.UserId, now));
            await db.SaveChangesAsync();
            await db.Set<Review>().Where(r => r.Id == otherReviewId).ExecuteUpdateAsync(s => s.SetProperty(r => r.HelpfulCount, 1).SetProperty(r => r.ReportCount, 1));
            await db.Set<Review>().Where(r => r.Id == reviewId).ExecuteUpdateAsync(s => s.SetProperty(r => r.HelpfulCount, 1));
            await db.Products.Where(p => p.Id == tea.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.ReviewCount, 2).SetProperty(p => p.ReviewRatingSum, 8));
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"SalesBuyers\" (\"ProducerId\", \"Buyer\", \"Orders\") VALUES ({0}, {1}, 1)", myOrder.ProducerId, _buyer.UserId);
            return (reviewId, otherReviewId, myOrder.Number);
        }
    }

    /// <summary>Every text column of every table, searched for what names the person: the generic guard over all tables.</summary>
    private async Task<List<string>> TracesAsync(params string[] needles)
    {
        await using var db = _db.CreateDbContext();
        var found = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        foreach (var group in db.Model.GetEntityTypes().Where(t => t.GetTableName() is not null).GroupBy(t => t.GetTableName()!))
        {
            var store = StoreObjectIdentifier.Table(group.Key, group.First().GetSchema());
            var columns = group.SelectMany(t => t.GetProperties()).Where(p => p.ClrType == typeof(string))
                .Select(p => p.GetColumnName(store)).OfType<string>().Distinct().ToList();
            if (columns.Count == 0) continue;
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{group.Key}\"";
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var i = 0; i < columns.Count; i++)
                    if (!reader.IsDBNull(i) && reader.GetValue(i) is string value)
                        foreach (var needle in needles.Where(n => value.Contains(n, StringComparison.OrdinalIgnoreCase)))
                            found.Add($"{group.Key}.{columns[i]} holds {needle}: {(value.Length > 80 ? value[..80] : value)}");
        }
        return found;
    }

    [SkippableFact]
    public async Task Deleting_an_account_leaves_nothing_that_names_the_person_and_keeps_their_orders_anonymised()
    {
        var (reviewId, otherReviewId, number) = await SeedEverythingAsync();
        Assert.NotEmpty(await TracesAsync(_buyer.UserId, Phone, Ip, Name));

        var summary = await Erasure().EraseAccountAsync(_buyer.UserId, ReviewChoice.Delete);

        Assert.Equal((1, 0, 1), (summary.OrdersAnonymised, summary.ReviewsKept, summary.ReviewsDeleted));
        var traces = (await TracesAsync(_buyer.UserId, _email, Phone, Ip, Name, "Liệu L."))
            .Where(t => !t.StartsWith("OutboxEmails.To holds " + _email, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(traces.Count == 0, "Still found after the deletion:\n" + string.Join("\n", traces));

        await using var db = _db.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Id == _buyer.UserId));
        var goodbye = Assert.Single(await db.OutboxEmails.Where(m => m.To == _email).ToListAsync());
        Assert.StartsWith("Tài khoản OcopMarket của bạn đã được xoá", goodbye.Subject);
        var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Number == number);
        Assert.Equal((null, null, Anonymous.Buyer, OrderStatus.Delivered, 2), (order.BuyerUserId, order.BuyerEmail, order.Delivery!.RecipientName, order.Status, order.Lines[0].Quantity));
        Assert.True(order.TotalVnd > 0);
        var consent = await db.ConsentRecords.Where(r => r.SubjectHash == ConsentLedger.SubjectHashOf(_email)).ToListAsync();
        Assert.Contains(consent, c => c.Purpose == ConsentPurpose.MarketingEmails && c.Granted);
        Assert.Contains(consent, c => c.Purpose == ConsentPurpose.SellerRules);
        Assert.False(await db.Set<Review>().AnyAsync(r => r.Id == reviewId));
        Assert.False(await db.Set<ReviewPhoto>().AnyAsync(p => p.ReviewId == reviewId));
        var theirs = await db.Set<Review>().SingleAsync(r => r.Id == otherReviewId);
        Assert.Equal((0, 0), (theirs.HelpfulCount, theirs.ReportCount)); // the person's vote and report no longer count
        var tea = await db.Products.SingleAsync(p => p.Slug == "che-dinh-tan-cuong");
        Assert.Equal((1, 3), (tea.ReviewCount, tea.ReviewRatingSum));
        var request = await db.DataRequests.SingleAsync();
        Assert.Equal((null, null, Anonymous.RequestText), (request.UserId, request.ContactEmail, request.Text));
        Assert.Equal((DataRequestStatus.Done, DataRequest.ClosedByErasureNote), (request.Status, request.OfficerNote)); // not left overdue on the desk
        Assert.Single(await db.SalesBuyers.Where(b => b.Buyer.StartsWith("x:")).ToListAsync());
        // The refund stays on record (the producer's complaint rate still counts it), without words, photos or account.
        var complaint = await db.Set<Complaint>().Include(c => c.Photos).Include(c => c.Events).SingleAsync();
        Assert.Equal((null, ComplaintDecision.Refund, Anonymous.RequestText, Anonymous.RequestText, 0),
            (complaint.BuyerUserId, complaint.Decision, complaint.Text, complaint.DecisionNote, complaint.Photos.Count));
        Assert.Equal(4, complaint.Events.Count);
        var report = await db.Set<LabelReport>().SingleAsync();
        Assert.Equal((null, null, "1ABCDEFGH", 40L), (report.ReporterUserId, report.Contact, report.Serial, report.ScanCount));
    }

    [SkippableFact]
    public async Task Another_persons_data_is_untouched()
    {
        var (_, otherReviewId, _) = await SeedEverythingAsync();
        await Erasure().EraseAccountAsync(_buyer.UserId, ReviewChoice.Delete);

        await using var db = _db.CreateDbContext();
        var theirs = await db.Orders.SingleAsync(o => o.BuyerUserId == _other.UserId);
        Assert.Equal((OtherName, OtherPhone, _otherEmail, "198.51.100.7"), (theirs.Delivery!.RecipientName, theirs.Delivery.Phone, theirs.BuyerEmail, theirs.PlacedFromIp));
        Assert.True(await db.ConsentRecords.AnyAsync(r => r.UserId == _other.UserId));
        Assert.Equal(_other.UserId, (await db.Set<Review>().SingleAsync(r => r.Id == otherReviewId)).AuthorUserId);
        Assert.True(await db.Set<ReviewVote>().AnyAsync(v => v.UserId == _other.UserId) == false); // their vote was on the deleted review
        Assert.NotEmpty(await TracesAsync(_other.UserId, OtherPhone, OtherName));
        var export = await new PersonalDataService(_db, _db.Clock).ExportAsync(_other.UserId);
        Assert.Single(export.Orders);
    }

    [SkippableFact]
    public async Task Kept_reviews_stay_with_their_text_score_and_photos_under_the_deleted_buyer()
    {
        var (reviewId, _, _) = await SeedEverythingAsync();
        var summary = await Erasure().EraseAccountAsync(_buyer.UserId, ReviewChoice.KeepAnonymised);

        Assert.Equal((1, 0), (summary.ReviewsKept, summary.ReviewsDeleted));
        await using var db = _db.CreateDbContext();
        var review = await db.Set<Review>().Include(r => r.Photos).SingleAsync(r => r.Id == reviewId);
        Assert.Equal((null, Review.DeletedAuthorName, "Chè thơm, nước xanh.", 5, 1), (review.AuthorUserId, review.AuthorName, review.Text, review.Rating, review.Photos.Count));
        var tea = await db.Products.SingleAsync(p => p.Slug == "che-dinh-tan-cuong");
        Assert.Equal((2, 8), (tea.ReviewCount, tea.ReviewRatingSum));
        var traces = (await TracesAsync(_buyer.UserId, Phone, Ip, Name, "Liệu L.")).ToList();
        Assert.True(traces.Count == 0, string.Join("\n", traces));
    }

    [SkippableFact]
    public async Task An_order_on_its_way_or_a_producers_last_account_with_orders_to_fulfil_stops_the_deletion()
    {
        await PlaceAsync(_buyer.UserId, _email, Name, Phone, Ip, deliver: false);
        var e = await Assert.ThrowsAsync<DomainException>(() => Erasure().EraseAccountAsync(_buyer.UserId, ReviewChoice.Delete));
        Assert.Contains("1 orders in progress", e.Text.En);
        await using (var db = _db.CreateDbContext()) Assert.True(await db.Users.AnyAsync(u => u.Id == _buyer.UserId));

        // Hảo Đạt's only account, with the buyer's order still open at Hảo Đạt.
        var producer = await Assert.ThrowsAsync<DomainException>(() => Erasure().EraseAccountAsync(_haoDat.UserId, ReviewChoice.Delete));
        Assert.Contains("only account", producer.Text.En);
        Assert.True((await Erasure().CheckAsync(_haoDat.UserId)).ProducerOpenOrders > 0);
    }

    [SkippableFact]
    public async Task Orders_past_the_retention_years_lose_their_buyer_and_younger_or_unfinished_ones_keep_them()
    {
        var old = await PlaceAsync(_buyer.UserId, _email, Name, Phone, Ip);
        var oldOpen = await PlaceAsync(null, "cho@test", "Trần Văn Chờ", "0933444555", "198.51.100.8", deliver: false);
        // A guest's delivered order, with a request about it, their repeat-buyer key (the phone) and the emails it sent.
        const string guestName = "Đỗ Thị Khách", guestPhone = "0977555666";
        var oldGuest = await PlaceAsync(null, "khach@test", guestName, guestPhone, "198.51.100.7");
        await using (var db = _db.CreateDbContext())
        {
            var guestOrder = await db.Orders.SingleAsync(o => o.CheckoutId == oldGuest.CheckoutId);
            db.DataRequests.Add(DataRequest.FromGuest(DataRequestKind.Correction, oldGuest.CheckoutId, guestOrder.Number, "khach@test",
                "Tên đúng là " + guestName, Now, TimeSpan.FromDays(3)));
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"SalesBuyers\" (\"ProducerId\", \"Buyer\", \"Orders\") VALUES ({0}, {1}, 1)", guestOrder.ProducerId, guestPhone);
            Assert.True(await db.OutboxEmails.AnyAsync(m => m.To == "khach@test"));
        }
        await using (var db = _db.CreateDbContext())
        {
            var order = await db.Orders.Include(o => o.Events).SingleAsync(o => o.CheckoutId == old.CheckoutId);
            var complaint = Complaint.Open(order, ComplaintReason.Damaged, "Hộp móp, " + Name + " gửi ảnh", 7, 3, Now);
            complaint.AnswerByProducer(order.ProducerId, ComplaintOffer.Refund, "Hoàn tiền", Now);
            complaint.AcceptByBuyer(Now, "CK-1");
            db.Add(complaint);
            await db.SaveChangesAsync();
        }
        _db.Clock.Now = _db.Clock.Now.AddYears(10).AddDays(-1);
        var young = await PlaceAsync(_buyer.UserId, _email, Name, Phone, Ip);
        Assert.Equal(0, await Erasure().AnonymiseOrdersPastRetentionAsync(10)); // a day short of ten years

        _db.Clock.Now = _db.Clock.Now.AddDays(2);
        Assert.Equal(2, await Erasure().AnonymiseOrdersPastRetentionAsync(10));
        Assert.Equal(0, await Erasure().AnonymiseOrdersPastRetentionAsync(10)); // nothing left to do

        await using var read = _db.CreateDbContext();
        var gone = await read.Orders.SingleAsync(o => o.CheckoutId == old.CheckoutId);
        Assert.Equal((null, null, null, Anonymous.Buyer, ""), (gone.BuyerUserId, gone.BuyerEmail, gone.PlacedFromIp, gone.Delivery!.RecipientName, gone.Delivery.Phone));
        Assert.Equal(Anonymous.RequestText, (await read.Set<Complaint>().SingleAsync()).Text);
        var kept = await read.Orders.SingleAsync(o => o.CheckoutId == young.CheckoutId);
        Assert.Equal((_buyer.UserId, Phone), (kept.BuyerUserId, kept.Delivery!.Phone));
        // Still on its way (placed and never delivered): its address is still needed.
        Assert.True(await read.Users.AnyAsync(u => u.Id == _buyer.UserId)); // the account itself stays
        Assert.Equal("0933444555", (await read.Orders.SingleAsync(o => o.CheckoutId == oldOpen.CheckoutId)).Delivery!.Phone);
        var guestTraces = await TracesAsync(guestName, guestPhone, "khach@test", "198.51.100.7");
        Assert.True(guestTraces.Count == 0, "Still found past the retention years:\n" + string.Join("\n", guestTraces));
        var request = await read.DataRequests.SingleAsync();
        Assert.Equal((DataRequestStatus.Done, Anonymous.RequestText), (request.Status, request.Text));
        Assert.True(await read.OutboxEmails.AnyAsync(m => m.To == _email)); // the young order's emails stay
        var goneShipped = await read.Orders.Include(o => o.Events).SingleAsync(o => o.CheckoutId == oldGuest.CheckoutId);
        Assert.Equal((null, "GHTK"), (goneShipped.TrackingNumber, goneShipped.Carrier));
        Assert.All(goneShipped.Events, e => Assert.Null(e.Note));
    }

    [SkippableFact]
    public async Task A_complaint_still_being_handled_stops_the_deletion_until_it_is_settled()
    {
        var placed = await PlaceAsync(_buyer.UserId, _email, Name, Phone, Ip);
        int complaintId;
        await using (var db = _db.CreateDbContext())
        {
            var order = await db.Orders.Include(o => o.Events).SingleAsync(o => o.CheckoutId == placed.CheckoutId);
            var complaint = Complaint.Open(order, ComplaintReason.NotAsDescribed, "Không giống ảnh trên trang", 7, 3, Now);
            db.Add(complaint);
            await db.SaveChangesAsync();
            complaintId = complaint.Id;
        }

        Assert.Equal(1, (await Erasure().CheckAsync(_buyer.UserId)).OpenComplaints);
        var e = await Assert.ThrowsAsync<DomainException>(() => Erasure().EraseAccountAsync(_buyer.UserId, ReviewChoice.Delete));
        Assert.Contains("1 complaints still being handled", e.Text.En);
        Assert.Contains("1 khiếu nại", e.Text.Vi);
        await using (var db = _db.CreateDbContext())
        {
            Assert.True(await db.Users.AnyAsync(u => u.Id == _buyer.UserId));
            Assert.Equal("Không giống ảnh trên trang", (await db.Set<Complaint>().SingleAsync()).Text);
            var complaint = await db.Set<Complaint>().Include(c => c.Events).SingleAsync(c => c.Id == complaintId);
            complaint.AnswerByProducer(complaint.ProducerId, ComplaintOffer.Replacement, "Gửi hộp khác", Now);
            complaint.AcceptByBuyer(Now);
            await db.SaveChangesAsync();
        }

        await Erasure().EraseAccountAsync(_buyer.UserId, ReviewChoice.Delete);
        await using var read = _db.CreateDbContext();
        Assert.Equal((null, Anonymous.RequestText), await read.Set<Complaint>().Select(c => new ValueTuple<string?, string>(c.BuyerUserId, c.Text)).SingleAsync());
    }

    [SkippableFact]
    public async Task A_producers_last_account_with_nothing_open_goes_and_its_api_tokens_stop()
    {
        await using (var db = _db.CreateDbContext())
        {
            db.Add(OcopMarket.Core.ProducerApi.Domain.ApiToken.Create(_haoDat.ProducerId!.Value, _haoDat.UserId, "kho", OcopMarket.Core.ProducerApi.Domain.ApiScopes.ReadOrders, Now).Token);
            await db.SaveChangesAsync();
        }
        await Erasure().EraseAccountAsync(_haoDat.UserId, ReviewChoice.KeepAnonymised);
        await using var read = _db.CreateDbContext();
        Assert.All(await read.Set<OcopMarket.Core.ProducerApi.Domain.ApiToken>().ToListAsync(), t => Assert.False(t.IsActive));
        Assert.True(await read.Producers.AnyAsync(p => p.Id == _haoDat.ProducerId)); // the business record stays
    }

    [SkippableFact]
    public async Task A_guest_asks_through_their_secret_link_and_the_officer_anonymises_their_orders_and_tells_them()
    {
        var guest = await PlaceAsync(null, "khach@example.test", "Khách Lạ", "0977111222", "192.0.2.5");
        await Assert.ThrowsAsync<NotFoundException>(() => Requests().SubmitFromGuestAsync(guest.CheckoutId, "wrong", DataRequestKind.Deletion, null));
        await Assert.ThrowsAsync<NotFoundException>(() => Requests().SubmitFromGuestAsync(Guid.NewGuid(), guest.AccessToken, DataRequestKind.Deletion, null));
        var id = await Requests().SubmitFromGuestAsync(guest.CheckoutId, guest.AccessToken, DataRequestKind.Deletion, "Xin xoá thông tin của tôi");
        Assert.Single(await Requests().ForGuestAsync(guest.CheckoutId, guest.AccessToken));
        Assert.Empty(await Requests().ForGuestAsync(guest.CheckoutId, "wrong"));

        await Assert.ThrowsAsync<ForbiddenException>(() => Requests().DeskAsync(_buyer));
        var (open, _) = await Requests().DeskAsync(_officer);
        var row = Assert.Single(open);
        Assert.Equal((id, true, TimeSpan.FromHours(72)), (row.Id, row.IsGuest, row.DueAt - row.ReceivedAt));
        await Assert.ThrowsAsync<ForbiddenException>(() => Requests().CarryOutDeletionAsync(_buyer, id, ReviewChoice.Delete));

        await Requests().CarryOutDeletionAsync(_officer, id, ReviewChoice.Delete);

        await using var db = _db.CreateDbContext();
        var order = await db.Orders.SingleAsync(o => o.CheckoutId == guest.CheckoutId);
        Assert.Equal((Anonymous.Buyer, "", null, null), (order.Delivery!.RecipientName, order.Delivery.Phone, order.BuyerEmail, order.AccessTokenHash));
        var request = await db.DataRequests.SingleAsync(r => r.Id == id);
        Assert.Equal((DataRequestStatus.Done, _officer.UserId), (request.Status, request.HandledByUserId));
        var mail = Assert.Single(await db.OutboxEmails.Where(m => m.To == "khach@example.test").ToListAsync());
        Assert.Contains("đã được thực hiện", mail.Subject);
        Assert.Empty(await TracesAsync("Khách Lạ", "0977111222", "192.0.2.5"));
        await Assert.ThrowsAsync<DomainException>(() => Requests().CarryOutDeletionAsync(_officer, id, ReviewChoice.Delete));
    }

    [SkippableFact]
    public async Task An_account_asks_for_a_correction_and_the_officer_marks_it_done_with_a_note_the_person_is_emailed()
    {
        var id = await Requests().SubmitFromAccountAsync(_buyer, DataRequestKind.Correction, "Email của tôi là mai@example.vn");
        await using (var db = _db.CreateDbContext())
            Assert.Contains("Đã nhận yêu cầu sửa dữ liệu", (await db.OutboxEmails.SingleAsync(m => m.To == _email)).Subject);
        Assert.Single(await Requests().MineAsync(_buyer));
        Assert.Empty(await Requests().MineAsync(_other));
        await Assert.ThrowsAsync<DomainException>(() => Requests().CarryOutDeletionAsync(_officer, id, ReviewChoice.Delete));
        await Assert.ThrowsAsync<DomainException>(() => Requests().CompleteAsync(_officer, id, ""));
        await Requests().CompleteAsync(_officer, id, "Đã đổi email đăng nhập.");
        await using var read = _db.CreateDbContext();
        var mail = await read.OutboxEmails.Where(m => m.To == _email).OrderByDescending(m => m.Id).FirstAsync();
        Assert.Contains("Đã đổi email đăng nhập.", mail.Body);
        var (open, handled) = await Requests().DeskAsync(_officer);
        Assert.Empty(open);
        Assert.Equal(_email, Assert.Single(handled).Who);
    }

    [SkippableFact]
    public async Task A_person_corrects_their_name_and_phone_and_their_reviews_follow()
    {
        var (reviewId, _, _) = await SeedEverythingAsync();
        var service = new PersonalDetailsService(_db);
        await Assert.ThrowsAsync<DomainException>(() => service.CorrectAsync(_buyer, "Mai", "123"));
        await service.CorrectAsync(_buyer, " Nguyễn  Thị Mai ", "+84 912 345 678");
        Assert.Equal(new AccountDetails(_email, "Nguyễn Thị Mai", "0912345678"), await service.GetAsync(_buyer));
        await using var db = _db.CreateDbContext();
        Assert.Equal("Mai N.", (await db.Set<Review>().SingleAsync(r => r.Id == reviewId)).AuthorName);
        Assert.Equal(OtherName, (await db.Users.SingleAsync(u => u.Id == _other.UserId)).DisplayName);
    }

    [SkippableFact]
    public async Task The_officer_finds_whom_a_window_of_orders_concerns_with_their_contacts_and_anonymised_orders_concern_nobody()
    {
        await SeedEverythingAsync();
        await PlaceAsync(null, null, "Khách Không Email", "0977333444", "192.0.2.9");
        var people = new ConcernedPeopleService(_db);
        var today = _db.Clock.Today();
        await Assert.ThrowsAsync<ForbiddenException>(() => people.FindAsync(_buyer, new DataSetQuery(DataSet.OrdersPlaced, today, today)));

        var page = await people.FindAsync(_officer, new DataSetQuery(DataSet.OrdersPlaced, today, today));
        Assert.Equal(3, page.People);
        Assert.Contains(page.Rows, p => p.HasAccount && p.Email == _email && p.Name == Name);
        Assert.Contains(page.Rows, p => !p.HasAccount && p.Email is null && p.Phone == "0977333444");
        Assert.Equal(0, (await people.FindAsync(_officer, new DataSetQuery(DataSet.OrdersPlaced, today.AddDays(1), today.AddDays(2)))).People);
        Assert.Equal(1, (await people.FindAsync(_officer, new DataSetQuery(DataSet.OrdersFromIp, Ip: Ip))).People);
        Assert.Equal(3, (await people.FindAsync(_officer, new DataSetQuery(DataSet.OrdersPlaced, ProducerId: _haoDat.ProducerId))).People);
        var accounts = await people.FindAsync(_officer, new DataSetQuery(DataSet.AccountTable, Table: "WishlistItems"));
        Assert.Equal(_email, Assert.Single(accounts.Rows).Email);
        var csv = System.Text.Encoding.UTF8.GetString(await people.CsvAsync(_officer, new DataSetQuery(DataSet.OrdersPlaced, today, today)));
        Assert.Contains(_email, csv);
        Assert.Equal(4, csv.Trim('\uFEFF', '\n').Split('\n').Length);

        await Erasure().EraseAccountAsync(_buyer.UserId, ReviewChoice.Delete);
        Assert.Equal(2, (await people.FindAsync(_officer, new DataSetQuery(DataSet.OrdersPlaced, today, today))).People);
    }
}
