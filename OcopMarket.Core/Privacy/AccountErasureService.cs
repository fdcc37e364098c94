using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Common;
using OcopMarket.Core.Complaints.Domain;
using OcopMarket.Core.Email.Domain;
using OcopMarket.Core.Legal.Domain;
using OcopMarket.Core.Media;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Privacy.Domain;
using OcopMarket.Core.Reviews;
using OcopMarket.Core.Reviews.Domain;

namespace OcopMarket.Core.Privacy;

/// <summary>What a deletion did, for the page that confirms it and for the officer.</summary>
public sealed record ErasureSummary(int OrdersAnonymised, int ReviewsKept, int ReviewsDeleted);

/// <summary>The officer's part when a deletion carries out a request: the request closed, and the person told.</summary>
internal sealed record HandledRequest(int RequestId, string OfficerUserId);

/// <summary>
/// Deletes a person's data (Law 91/2025/QH15: the right to erasure), walking <see cref="PersonalDataMap"/>: what the law
/// makes us keep is anonymised, the rest deleted, in one transaction.
/// <list type="bullet">
/// <item>Orders (and their bookings) stay for the accounts for Legal:OrderRetentionYears: number, dates, lines, amounts;
/// the account link, email, IP, guest-link secret, name, phone, street and note go (<see cref="Order.Anonymise"/>).</item>
/// <item>Consent lines stay as the proof of what was agreed and withdrawn, unlinked, under a one-way fingerprint of the
/// email (<see cref="ConsentRecord.Unlink"/>).</item>
/// <item>Reviews: the person's choice (<see cref="ReviewChoice"/>). Their helpful votes and reports are deleted and stop
/// counting.</item>
/// <item>Saved carts, saved products, applications to sell, emails addressed to them, sign-in roles, claims, logins and
/// tokens (the security stamp goes with the account row, so every cookie of the account stops working), and the account.</item>
/// <item>Repeat-buyer keys (the account id, a guest's phone) become a random pseudonym, so counts stay and name no one.</item>
/// <item>Settled complaints stay as the record of refunds and decisions, without the account link, any words or photos
/// (<see cref="Complaint.Anonymise"/>); an open complaint stops the deletion. Label reports keep the scan, not the reporter.</item>
/// <item>Their data requests stay as the record of what was asked and answered, unlinked (<see cref="DataRequest.Unlink"/>).</item>
/// </list>
/// </summary>
public sealed class AccountErasureService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, IMediaStore media)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static NotFoundException AccountNotFound => new(new("Không tìm thấy tài khoản.", "Account not found."));

    /// <summary>Whether the account may be deleted now; the page shows the reason before asking for the password.</summary>
    public async Task<ErasureCheck> CheckAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CheckAsync(db, userId, ct);
    }

    private static async Task<ErasureCheck> CheckAsync(OcopDbContext db, string userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.ProducerId }).FirstOrDefaultAsync(ct)
            ?? throw AccountNotFound;
        var open = await db.Orders.CountAsync(o => o.BuyerUserId == userId && o.Status != OrderStatus.Delivered && o.Status != OrderStatus.Cancelled, ct);
        var openComplaints = await db.Set<Complaint>().CountAsync(c => c.BuyerUserId == userId && c.OpenOrderId != null, ct);
        if (user.ProducerId is not { } producerId) return new(open, null, 0, 0, openComplaints);
        var others = await db.Users.CountAsync(u => u.ProducerId == producerId && u.Id != userId, ct);
        var producerOpen = await db.Orders.CountAsync(o => o.ProducerId == producerId && o.Status != OrderStatus.Delivered && o.Status != OrderStatus.Cancelled, ct);
        return new(open, producerId, others, producerOpen, openComplaints);
    }

    /// <summary>Deletes the account and everything about it, keeping anonymised what must be kept.</summary>
    /// <exception cref="DomainException">Orders still in progress, or a producer's last account with orders to fulfil.</exception>
    /// <exception cref="NotFoundException">No such account.</exception>
    public Task<ErasureSummary> EraseAccountAsync(string userId, ReviewChoice reviews, CancellationToken ct = default) =>
        EraseAccountAsync(userId, reviews, null, ct);

    internal async Task<ErasureSummary> EraseAccountAsync(string userId, ReviewChoice reviews, HandledRequest? handled, CancellationToken ct)
    {
        if (!Enum.IsDefined(reviews)) throw new DomainException(new("Hãy chọn giữ hay xoá đánh giá của bạn.", "Choose whether to keep or delete your reviews."));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw AccountNotFound;
        var check = await CheckAsync(db, userId, ct);
        if (ErasureRules.Refusal(check) is { } why) throw new DomainException(why);
        var now = Now;
        var email = user.Email ?? "";

        // Orders: kept for the accounts, anonymised.
        var orders = await db.Orders.Where(o => o.BuyerUserId == userId).ToListAsync(ct);
        await AnonymiseOrdersAsync(db, orders, ct);
        await PseudonymiseBuyerKeyAsync(db, userId, ct);

        // Reviews: as the person chose; their votes and reports go.
        var (kept, deleted, photoFiles) = await EraseReviewsAsync(db, userId, reviews, ct);

        // Complaints (all settled: an open one refused the deletion above) stay as the record of what was refunded, without
        // words or photos; label reports keep the scan's details, not the reporter.
        photoFiles.AddRange(await AnonymiseComplaintsAsync(db, db.Set<Complaint>().Where(c => c.BuyerUserId == userId), ct));
        foreach (var report in await db.Set<LabelReport>().Where(r => r.ReporterUserId == userId).ToListAsync(ct)) report.Unlink(Anonymous.RequestText);

        // Consent: the proof stays, unlinked.
        var hash = ConsentLedger.SubjectHashOf(email.Length > 0 ? email : userId);
        foreach (var line in await db.ConsentRecords.Where(r => r.UserId == userId).ToListAsync(ct)) line.Unlink(hash);

        await db.SavedCartItems.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        await db.Set<Wishlists.Domain.WishlistItem>().Where(w => w.UserId == userId).ExecuteDeleteAsync(ct);
        await db.ProducerApplications.Where(a => a.UserId == userId).ExecuteDeleteAsync(ct);
        if (email.Length > 0) await db.OutboxEmails.Where(m => m.To == email).ExecuteDeleteAsync(ct);

        // A producer's last account: nobody is left to hold its tools.
        if (ErasureRules.RevokesProducerTokens(check))
            foreach (var token in await db.Set<ProducerApi.Domain.ApiToken>().Where(t => t.ProducerId == check.ProducerId).ToListAsync(ct))
                token.Revoke(now);

        // Requests: the one being carried out is closed and answered; all stay as a record, unlinked.
        var requests = await db.DataRequests.Where(r => r.UserId == userId).ToListAsync(ct);
        if (handled is not null)
        {
            var request = requests.FirstOrDefault(r => r.Id == handled.RequestId) ?? throw DataRequestService.RequestNotFound;
            request.Complete(handled.OfficerUserId, null, now);
        }
        if (email.Length > 0) db.OutboxEmails.Add(DataRequestMail.AccountDeleted(email, orders.Count, now));
        foreach (var request in requests) request.Unlink(now);

        // Identity's own rows, then the account itself: its security stamp goes with it, so no cookie of it validates again.
        await db.UserRoles.Where(r => r.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserClaims.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserLogins.Where(l => l.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
        db.Users.Remove(user);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        await DeleteFilesAsync(photoFiles);
        return new(orders.Count, kept, deleted);
    }

    /// <summary>
    /// A guest's orders (one checkout, placed without an account), anonymised on an officer's decision: the same as an
    /// account's orders, plus the emails sent to the address they gave when no account uses that address.
    /// </summary>
    internal async Task<int> EraseGuestCheckoutAsync(Guid checkoutId, HandledRequest handled, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var orders = await db.Orders.Where(o => o.CheckoutId == checkoutId).ToListAsync(ct);
        if (orders.Count == 0 || orders.Any(o => o.BuyerUserId is not null)) throw new NotFoundException(new("Không tìm thấy đơn của khách.", "Guest orders not found."));
        var open = orders.Count(o => o.IsOpen);
        if (open > 0) throw new DomainException(new(
            $"Còn {open} đơn của khách đang xử lý: cần địa chỉ để giao. Hãy chờ giao xong hoặc huỷ đơn rồi xoá.",
            $"{open} of the guest's orders are still in progress and need the address. Wait until delivered or cancel them, then delete."));
        var now = Now;
        var emails = orders.Select(o => o.BuyerEmail).OfType<string>().Distinct().ToList();
        var phones = orders.Select(o => o.Delivery?.Phone).OfType<string>().Where(p => p.Length > 0).Distinct().ToList();
        await AnonymiseOrdersAsync(db, orders, ct);
        // An open complaint refuses the whole erasure here (AnonymiseComplaintsAsync), before anything is saved.
        var photoFiles = await AnonymiseComplaintsAsync(db, db.Set<Complaint>().Where(c => c.CheckoutId == checkoutId), ct);
        foreach (var phone in phones) await PseudonymiseBuyerKeyAsync(db, phone, ct);
        foreach (var email in emails)
            if (!await db.Users.AnyAsync(u => u.Email == email, ct))
                await db.OutboxEmails.Where(m => m.To == email).ExecuteDeleteAsync(ct);

        var requests = await db.DataRequests.Where(r => r.CheckoutId == checkoutId).ToListAsync(ct);
        var request = requests.FirstOrDefault(r => r.Id == handled.RequestId) ?? throw DataRequestService.RequestNotFound;
        request.Complete(handled.OfficerUserId, null, now);
        if (request.ContactEmail is { } to) db.OutboxEmails.Add(DataRequestMail.Handled(request, now));
        foreach (var r in requests) r.Unlink(now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await DeleteFilesAsync(photoFiles);
        return orders.Count;
    }

    /// <summary>
    /// The end of the retention period (Legal:OrderRetentionYears; the Law on Accounting 88/2015/QH13 keeps accounting
    /// records 10 years): orders placed longer ago and closed lose what names their buyer, as a deleted account's do,
    /// their settled complaints with them. Keeping personal data no longer than its purpose needs is Law 91/2025/QH15's
    /// rule; the anonymised rows still count in the programme's figures. One batch per call, oldest first; the caller
    /// repeats until a batch comes back short. Two nodes racing write the same values, so no claim is needed.
    /// </summary>
    public async Task<int> AnonymiseOrdersPastRetentionAsync(int retentionYears, int batch = 500, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retentionYears, 1);
        var cutoff = Now.AddYears(-retentionYears);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var orders = await db.Orders
            .Where(o => o.PlacedAt < cutoff && (o.Status == OrderStatus.Delivered || o.Status == OrderStatus.Cancelled)
                && (o.BuyerUserId != null || o.BuyerEmail != null || o.PlacedFromIp != null || o.AccessTokenHash != null
                    || (o.Delivery != null && o.Delivery.Phone != "")))
            .OrderBy(o => o.PlacedAt).ThenBy(o => o.Id).Take(batch).ToListAsync(ct);
        // Emails older than the period go whole: their bodies went long ago (Email:SentBodyRetentionDays), but the
        // address and a subject naming the order stayed. Once per run, on its last (short) batch: the outbox has no
        // index on the creation time, so every batch scanning it would repeat the same full scan.
        if (orders.Count < batch) await db.OutboxEmails.Where(m => m.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
        if (orders.Count == 0)
        {
            await tx.CommitAsync(ct);
            return 0;
        }
        var now = Now;
        // A guest's repeat-buyer key is their phone (an account's is its id, which still means only the account).
        var guestPhones = orders.Where(o => o.BuyerUserId is null).Select(o => o.Delivery?.Phone).OfType<string>().Where(p => p.Length > 0).Distinct().ToList();
        var guestCheckouts = orders.Where(o => o.BuyerUserId is null).Select(o => o.CheckoutId).Distinct().ToList();
        await AnonymiseOrdersAsync(db, orders, ct, blankEmails: false);
        foreach (var phone in guestPhones) await PseudonymiseBuyerKeyAsync(db, phone, ct);
        foreach (var request in await db.DataRequests.Where(r => r.CheckoutId != null && guestCheckouts.Contains(r.CheckoutId.Value)).ToListAsync(ct))
            request.Unlink(now);
        var ids = orders.Select(o => o.Id).ToList();
        var files = await AnonymiseComplaintsAsync(db, db.Set<Complaint>().Where(c => ids.Contains(c.OrderId) && c.OpenOrderId == null), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await DeleteFilesAsync(files);
        return orders.Count;
    }

    private static async Task AnonymiseOrdersAsync(OcopDbContext db, List<Order> orders, CancellationToken ct, bool blankEmails = true)
    {
        foreach (var order in orders) order.Anonymise(Anonymous.Buyer);
        var ids = orders.Select(o => o.Id).ToList();
        foreach (var booking in await db.Bookings.Where(b => ids.Contains(b.OrderId)).ToListAsync(ct)) booking.Anonymise(Anonymous.Buyer);
        // Their events' notes (a cancel reason, the tracking number) go with the order's own copies of them.
        await db.Set<OrderEvent>().Where(e => ids.Contains(EF.Property<int>(e, "OrderId")) && e.Note != null)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Note, (string?)null), ct);
        if (!blankEmails) return;
        // The emails about these orders to others (the producer's "new order" names the buyer, their phone and address)
        // keep their subject and times; their text goes, in one pass over the bodies not yet blanked (sent ones are
        // blanked after Email:SentBodyRetentionDays anyway).
        var numbers = orders.Select(o => o.Number).ToList();
        await db.OutboxEmails.Where(m => m.Body != OutboxEmail.PurgedBody && m.Body != Anonymous.EmailBody && numbers.Any(n => m.Body.Contains(n)))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Body, Anonymous.EmailBody), ct);
    }

    private static async Task<List<string>> AnonymiseComplaintsAsync(OcopDbContext db, IQueryable<Complaint> complaints, CancellationToken ct)
    {
        var files = new List<string>();
        var found = await complaints.Include(c => c.Photos).Include(c => c.Events).AsSplitQuery().ToListAsync(ct);
        // One opened on another node since the check above: refused the same way, and the transaction rolls back.
        if (found.Count(c => c.IsOpen) is > 0 and var open) throw new DomainException(ErasureRules.OpenComplaintsRefusal(open));
        foreach (var complaint in found) files.AddRange(complaint.Anonymise(Anonymous.RequestText));
        return files;
    }

    /// <summary>Repeat-buyer counts keep counting one buyer, under a random name nobody can trace back.</summary>
    private static async Task PseudonymiseBuyerKeyAsync(OcopDbContext db, string key, CancellationToken ct)
    {
        var pseudonym = "x:" + Guid.NewGuid().ToString("N");
        await db.Database.ExecuteSqlRawAsync("UPDATE \"SalesBuyers\" SET \"Buyer\" = {0} WHERE \"Buyer\" = {1}", [pseudonym, key], ct);
        await db.Database.ExecuteSqlRawAsync("UPDATE \"BuyerSalesDays\" SET \"Buyer\" = {0} WHERE \"Buyer\" = {1}", [pseudonym, key], ct);
        await db.Database.ExecuteSqlRawAsync("UPDATE \"BuyerDeltas\" SET \"Buyer\" = {0} WHERE \"Buyer\" = {1}", [pseudonym, key], ct);
    }

    private static async Task<(int Kept, int Deleted, List<string> Files)> EraseReviewsAsync(OcopDbContext db, string userId, ReviewChoice choice,
        CancellationToken ct)
    {
        var own = await db.Set<Review>().Include(r => r.Photos).Where(r => r.AuthorUserId == userId).ToListAsync(ct);
        var files = new List<string>();
        foreach (var review in own)
        {
            if (choice == ReviewChoice.KeepAnonymised)
            {
                review.Anonymise();
                Catalog.CatalogCacheInvalidator.ListingsChanged(db);
                PublicPages.PageChangeRecorder.Changed(db, PublicPages.Domain.PageTags.Product(review.ProductId));
                continue;
            }
            await ReviewService.MoveProductAsync(db, review.ProductId, review.ProducerId, (review.IsPublished, review.Rating), (false, 0), ct);
            files.AddRange(review.Photos.SelectMany(p => new[] { p.DisplayPath, p.ThumbnailPath }));
            db.Remove(review);
        }
        var deletedIds = choice == ReviewChoice.Delete ? own.Select(r => r.Id).ToHashSet() : [];

        var votes = await db.Set<ReviewVote>().Where(v => v.UserId == userId).ToListAsync(ct);
        var reports = await db.Set<ReviewReport>().Where(r => r.UserId == userId).ToListAsync(ct);
        var touched = votes.Select(v => v.ReviewId).Concat(reports.Select(r => r.ReviewId)).Where(id => !deletedIds.Contains(id)).Distinct().ToList();
        foreach (var review in await db.Set<Review>().Where(r => touched.Contains(r.Id)).ToListAsync(ct))
        {
            review.Uncount(votes.Any(v => v.ReviewId == review.Id), reports.Any(r => r.ReviewId == review.Id));
            PublicPages.PageChangeRecorder.Changed(db, PublicPages.Domain.PageTags.Product(review.ProductId));
        }
        db.RemoveRange(votes);
        db.RemoveRange(reports);
        return choice == ReviewChoice.KeepAnonymised ? (own.Count, 0, files) : (0, own.Count, files);
    }

    private async Task DeleteFilesAsync(List<string> paths)
    {
        // After the commit: a file left behind by a crash here is unreachable (no row names it), never the other way round.
        foreach (var path in paths)
        {
            try { await media.DeleteAsync(path, CancellationToken.None); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { } // the rows are gone; a stray file names no one
        }
    }
}
