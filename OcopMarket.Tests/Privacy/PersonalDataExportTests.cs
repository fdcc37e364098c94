using System.Collections;
using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Email.Domain;
using OcopMarket.Core.Legal;
using OcopMarket.Core.Legal.Domain;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Privacy;
using OcopMarket.Core.Producers;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Wishlists.Domain;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Privacy;

/// <summary>
/// A person's download of their data, on each provider — and the guard that keeps it complete: every table of the
/// model is classified in <see cref="PersonalDataMap"/>, and every personal table reaches the download.
/// </summary>
public abstract class PersonalDataExportTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : PersonalDataExportTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : PersonalDataExportTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;
    private Actor _buyer = null!, _other = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        (_, _, _other, _buyer) = await PortalTestData.CreateActorsAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [SkippableFact]
    public async Task Every_table_of_the_model_says_whether_it_holds_personal_data()
    {
        await using var db = _db.CreateDbContext();
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().Order().ToList();
        var listed = PersonalDataMap.Entries.Select(e => e.Table).ToHashSet();
        var missing = tables.Where(t => !listed.Contains(t)).ToList();
        Assert.True(missing.Count == 0, "Classify these tables in PersonalDataMap (and export them if they are personal): " + string.Join(", ", missing));
        var gone = listed.Where(t => !tables.Contains(t)).ToList();
        Assert.True(gone.Count == 0, "PersonalDataMap lists tables the model no longer has: " + string.Join(", ", gone));
    }

    [SkippableFact]
    public async Task An_account_with_rows_in_every_personal_table_finds_each_of_them_in_its_download()
    {
        string email;
        int teaId;
        long price;
        await using (var db = _db.CreateDbContext())
        {
            email = (await db.Users.SingleAsync(u => u.Id == _buyer.UserId)).Email!;
            var tea = await db.Products.SingleAsync(p => p.Slug == "che-dinh-tan-cuong");
            tea.SetStock(20);
            await db.SaveChangesAsync();
            (teaId, price) = (tea.Id, tea.PriceVnd);
        }
        await new CheckoutService(_db, _db.Clock, CheckoutOptions.Default).PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(teaId, 2, price)], new DeliveryAddress("Lê Thị Dữ Liệu", "0912000111", "Xóm 7", "05503", "19", "gọi trước"),
            PaymentMethod.CashOnDelivery, _buyer.UserId, email, ClientIp: "203.0.113.9"));
        await new ConsentService(_db, _db.Clock).RecordAsync(_buyer.UserId, null, [(ConsentPurpose.MarketingEmails, true)], ConsentSource.Registration);
        await using (var db = _db.CreateDbContext())
        {
            db.Set<WishlistItem>().Add(new WishlistItem(_buyer.UserId, new WishlistEntry(teaId, price, _db.Clock.GetUtcNow().UtcDateTime)));
            db.SavedCartItems.Add(new SavedCartItem(_buyer.UserId, new CartItem(teaId, 1, price), _db.Clock.GetUtcNow().UtcDateTime));
            db.OutboxEmails.Add(new OutboxEmail(email, "Xác nhận email / Confirm your email", "…", _db.Clock.GetUtcNow().UtcDateTime));
            db.DataRequests.Add(OcopMarket.Core.Privacy.Domain.DataRequest.FromAccount(OcopMarket.Core.Privacy.Domain.DataRequestKind.Objection,
                _buyer.UserId, email, "Không muốn nhận email", _db.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromDays(3)));
            var u = await db.Users.SingleAsync(x => x.Id == _buyer.UserId);
            u.EmailConfirmed = true;
            var buyerRole = await db.Roles.SingleAsync(r => r.Name == Roles.Buyer);
            if (!await db.UserRoles.AnyAsync(r => r.UserId == u.Id && r.RoleId == buyerRole.Id))
                db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = u.Id, RoleId = buyerRole.Id });
            await db.SaveChangesAsync();
        }
        await new ProducerOnboardingService(_db, _db.Clock).ApplyAsync(_buyer, new ProducerApplicationForm("HTX Dữ Liệu",
            ProducerType.Cooperative, "4609999999", "19", "05503", "0912 000 111", "", "Xóm 7", AcceptsSellerRules: true));

        // A review of the delivered order with a photo, and the buyer's helpful vote and report on another's review.
        await using (var db = _db.CreateDbContext())
        {
            var bought = await db.Orders.Include(o => o.Lines).Include(o => o.Events).SingleAsync(o => o.BuyerUserId == _buyer.UserId);
            var now = _db.Clock.GetUtcNow().UtcDateTime;
            bought.ConfirmByProducer(now);
            bought.Pack(now);
            bought.Ship("GHTK", "S1", now);
            bought.Deliver(now);
            await db.SaveChangesAsync();
            var review = OcopMarket.Core.Reviews.Domain.Review.Write(bought, bought.Lines[0].Id, _buyer.UserId, "Lê Thị Dữ Liệu", 5, "Chè thơm, nước xanh.",
                new OcopMarket.Core.Reviews.Domain.ReviewContentFilter([]), now);
            review.AddPhoto(new OcopMarket.Core.Reviews.Domain.ReviewPhoto("/media/reviews/a.webp", "/media/reviews/a-t.webp", 800, 600));
            db.Add(review);
            await db.SaveChangesAsync();
            // A booking row under the same order (a homestay night, as checkout writes it for a bookable line).
            db.Add(new OcopMarket.Core.Bookings.Domain.Booking(bought.Id, bought.Number, bought.ProducerId, bought.Lines[0].ProductId,
                "Homestay thử", OcopMarket.Core.Bookings.Domain.BookingPricing.PerRoomNight,
                new OcopMarket.Core.Bookings.Domain.BookingChoice(new DateOnly(2026, 12, 24), 2, 2, null), 1, "Lê Thị Dữ Liệu", "0912000111", now));
            // A complaint about the delivered order with a photo, and a report of a label the buyer scanned.
            var complaint = OcopMarket.Core.Complaints.Domain.Complaint.Open(bought, OcopMarket.Core.Complaints.Domain.ComplaintReason.Damaged,
                "Hộp chè bị móp, túi rách.", 7, 3, now);
            complaint.AddPhoto(new OcopMarket.Core.Complaints.Domain.ComplaintPhoto("complaints/a.webp", "complaints/a-t.webp", 800, 600));
            db.Add(complaint);
            var lot = await db.Lots.AsNoTracking().FirstOrDefaultAsync();
            db.Add(new OcopMarket.Core.Complaints.Domain.LabelReport(lot?.Id ?? 0, "TC-1", "ABCDEFGH", bought.Lines[0].ProductId, "Chè", bought.ProducerId,
                "1ABCDEFGH", 1, 40, now, "0912000111", "nhãn mờ", _buyer.UserId, now));
            db.Add(new OcopMarket.Core.Reviews.Domain.ReviewVote(review.Id, _buyer.UserId, now));
            db.Add(new OcopMarket.Core.Reviews.Domain.ReviewReport(review.Id, _buyer.UserId, "thử", now));
            await db.SaveChangesAsync();
        }

        var export = await new PersonalDataService(_db, _db.Clock).ExportAsync(_buyer.UserId);

        foreach (var entry in PersonalDataMap.Entries.Where(e => e.Kind == PersonalDataKind.Personal))
        {
            var section = typeof(PersonalDataExport).GetProperty(entry.Where)?.GetValue(export);
            Assert.True(section is not null, $"{entry.Table}: the export has no section {entry.Where}");
            if (section is ICollection rows) Assert.True(rows.Count > 0, $"{entry.Table}: section {entry.Where} is empty");
        }
        var order = Assert.Single(export.Orders);
        Assert.Equal(("Lê Thị Dữ Liệu", "0912000111", "gọi trước", "203.0.113.9"), (order.RecipientName, order.Phone, order.Note, order.PlacedFromIp));
        Assert.Equal("Xóm 7, Xã Tân Cương, Thái Nguyên", order.Address);
        Assert.Equal(2, order.Lines.Single().Quantity);
        Assert.Equal(email, export.Account.Email);
        Assert.Contains(Roles.Buyer, export.Account.Roles);
        Assert.Contains(export.Consents, c => c.Purpose == nameof(ConsentPurpose.SellerRules) && c.Granted);
        Assert.Contains(export.Emails, m => m.Subject.StartsWith("Xác nhận email"));
        Assert.Equal("Xóm 7", export.ProducerApplications.Single().StreetAddress);
        var written = Assert.Single(export.Reviews);
        Assert.Equal((5, "Chè thơm, nước xanh."), (written.Rating, written.Text));
        Assert.Equal(["/media/reviews/a.webp"], written.Photos);
        Assert.Equal(["helpful", "report"], export.ReviewFeedback.Select(f => f.Kind).Order());
        var complained = Assert.Single(export.Complaints);
        Assert.Equal(("Damaged", "Hộp chè bị móp, túi rách.", "complaints/a.webp"), (complained.Reason, complained.Text, complained.Photos.Single()));
        Assert.Equal("Opened", complained.Steps.Single().Step);
        Assert.Equal(("0912000111", "nhãn mờ"), (export.LabelReports.Single().Contact, export.LabelReports.Single().Note));
        Assert.Equal("Không muốn nhận email", Assert.Single(export.DataRequests).Text);
        var booking = Assert.Single(export.Bookings);
        Assert.Equal((new DateOnly(2026, 12, 24), 2, "0912000111"), (booking.StartDate, booking.Nights, booking.GuestPhone));
    }

    [SkippableFact]
    public async Task Nothing_of_another_account_is_in_the_download()
    {
        await new ConsentService(_db, _db.Clock).RecordAsync(_other.UserId, null, [(ConsentPurpose.MarketingEmails, true)], ConsentSource.Registration);
        var export = await new PersonalDataService(_db, _db.Clock).ExportAsync(_buyer.UserId);
        Assert.Empty(export.Consents);
        Assert.Empty(export.Orders);
    }
}
