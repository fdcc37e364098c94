using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Privacy;

public sealed record AccountData(string Email, string DisplayName, string? Phone, bool EmailConfirmed, bool TwoFactorEnabled,
    IReadOnlyList<string> Roles, int? ProducerId, bool HasPassword);

public sealed record OrderLineData(string Product, string Unit, long UnitPriceVnd, int Quantity);

public sealed record OrderEventData(DateTime AtUtc, string Status, string? Note);

public sealed record OrderData(string Number, DateTime PlacedAt, string Producer, string Status, string Payment, long TotalVnd,
    string RecipientName, string Phone, string Address, string? Note, string? Email, string? PlacedFromIp,
    IReadOnlyList<OrderLineData> Lines, IReadOnlyList<OrderEventData> Events);

public sealed record ConsentData(DateTime AtUtc, string Purpose, bool Granted, string DocumentVersion, string Source);

public sealed record SavedProductData(string Product, string Slug, DateTime SavedAt, long PriceWhenSavedVnd, bool Alerts);

public sealed record CartData(string Product, int Quantity, long PriceSeenVnd, DateTime SavedAt);

public sealed record ApplicationData(DateTime SubmittedAt, string EntityName, string BusinessRegistrationNumber, string Phone,
    string? StreetAddress, string Status, string? RejectionReason);

/// <summary>An email sent to the person: when and about what (bodies hold one-time links and codes, and are blanked after a week).</summary>
public sealed record EmailData(DateTime QueuedAt, DateTime? SentAt, string Subject);

public sealed record BookingData(string OrderNumber, string Product, DateOnly StartDate, int Nights, int People, string Slot,
    string GuestName, string GuestPhone, DateTime BookedAt, DateTime? ReleasedAt);

public sealed record ReviewData(string Product, int Rating, string Text, string Status, DateTime CreatedAt, DateTime? EditedAt,
    string? ModerationReason, string? Reply, IReadOnlyList<string> Photos);

/// <summary>A review the person found helpful or reported.</summary>
public sealed record ReviewFeedbackData(int ReviewId, string Kind, DateTime At, string? Reason);

/// <summary>A request about the person's data that an officer handles.</summary>
public sealed record DataRequestData(int Id, string Kind, DateTime ReceivedAt, DateTime DueAt, string Text, string Status, string? OfficerNote,
    DateTime? HandledAt);

/// <summary>One step of a complaint the person opened.</summary>
public sealed record ComplaintStepData(DateTime AtUtc, string Step, string By, string? Note);

/// <summary>A complaint the person opened about an order, with every step.</summary>
public sealed record ComplaintData(string OrderNumber, string Reason, string Text, string Status, DateTime OpenedAt, string? ProducerOffer,
    string? ProducerAnswer, string? Decision, string? DecisionNote, string? RefundReference, IReadOnlyList<string> Photos,
    IReadOnlyList<ComplaintStepData> Steps);

/// <summary>A label the person reported as looking copied.</summary>
public sealed record LabelReportData(DateTime ReportedAt, string Product, string LotCode, string Serial, string? Contact, string? Note);

/// <summary>Everything OcopMarket holds about one account, as its owner downloads it.</summary>
public sealed record PersonalDataExport(DateTime GeneratedAtUtc, AccountData Account, IReadOnlyList<OrderData> Orders,
    IReadOnlyList<ConsentData> Consents, IReadOnlyList<SavedProductData> SavedProducts, IReadOnlyList<CartData> Cart,
    IReadOnlyList<ApplicationData> ProducerApplications, IReadOnlyList<EmailData> Emails,
    IReadOnlyList<ReviewData> Reviews, IReadOnlyList<ReviewFeedbackData> ReviewFeedback, IReadOnlyList<BookingData> Bookings,
    IReadOnlyList<ComplaintData> Complaints, IReadOnlyList<LabelReportData> LabelReports, IReadOnlyList<DataRequestData> DataRequests);

/// <summary>
/// The right to be given one's data (Law 91/2025/QH15): a person downloads everything about their account,
/// at once and without asking anyone. Guests' orders (no account) are asked for through the order link.
/// </summary>
public sealed class PersonalDataService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock)
{
    /// <exception cref="NotFoundException">No such account.</exception>
    public async Task<PersonalDataExport> ExportAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct)
            ?? throw new NotFoundException(new("Không tìm thấy tài khoản.", "Account not found."));
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == userId select r.Name!).ToListAsync(ct);

        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Events)
            .Where(o => o.BuyerUserId == userId).OrderByDescending(o => o.PlacedAt).AsSplitQuery().ToListAsync(ct);
        var producerIds = orders.Select(o => o.ProducerId).Distinct().ToList();
        var producers = await db.Producers.AsNoTracking().Where(p => producerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);

        var consents = await db.ConsentRecords.AsNoTracking().Where(r => r.UserId == userId)
            .OrderBy(r => r.AtUtc).ThenBy(r => r.Id).ToListAsync(ct);
        var saved = await (from w in db.Set<Wishlists.Domain.WishlistItem>().AsNoTracking()
                           join p in db.Products on w.ProductId equals p.Id
                           where w.UserId == userId
                           orderby w.SavedAt
                           select new SavedProductData(p.Name, p.Slug, w.SavedAt, w.PriceWhenSavedVnd, w.Alerts)).ToListAsync(ct);
        var cart = await (from c in db.SavedCartItems.AsNoTracking()
                          join p in db.Products on c.ProductId equals p.Id
                          where c.UserId == userId
                          select new CartData(p.Name, c.Quantity, c.PriceSeenVnd, c.SavedAt)).ToListAsync(ct);
        var applications = await db.ProducerApplications.AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.SubmittedAt)
            .Select(a => new ApplicationData(a.SubmittedAt, a.EntityName, a.BusinessRegistrationNumber, a.Phone, a.StreetAddress,
                a.Status.ToString(), a.RejectionReason)).ToListAsync(ct);
        var email = user.Email ?? "";
        var emails = await db.OutboxEmails.AsNoTracking().Where(m => m.To == email).OrderBy(m => m.CreatedAt)
            .Select(m => new EmailData(m.CreatedAt, m.SentAt, m.Subject)).ToListAsync(ct);

        var reviewRows = await (from r in db.Set<Reviews.Domain.Review>().AsNoTracking().Include(r => r.Photos)
                                join p in db.Products on r.ProductId equals p.Id
                                where r.AuthorUserId == userId
                                orderby r.CreatedAt
                                select new { r, p.Name }).ToListAsync(ct);
        var reviews = reviewRows.Select(x => new ReviewData(x.Name, x.r.Rating, x.r.Text, x.r.Status.ToString(), x.r.CreatedAt, x.r.EditedAt,
            x.r.ModerationReason, x.r.Reply, [.. x.r.Photos.OrderBy(ph => ph.Position).Select(ph => ph.DisplayPath)])).ToList();
        var feedback = (await db.Set<Reviews.Domain.ReviewVote>().AsNoTracking().Where(v => v.UserId == userId)
                .Select(v => new ReviewFeedbackData(v.ReviewId, "helpful", v.At, null)).ToListAsync(ct))
            .Concat(await db.Set<Reviews.Domain.ReviewReport>().AsNoTracking().Where(r => r.UserId == userId)
                .Select(r => new ReviewFeedbackData(r.ReviewId, "report", r.At, r.Reason)).ToListAsync(ct));

        var orderIds = orders.Select(o => o.Id).ToList();
        var bookings = await db.Set<Bookings.Domain.Booking>().AsNoTracking().Where(b => orderIds.Contains(b.OrderId)).OrderBy(b => b.BookedAt)
            .Select(b => new BookingData(b.OrderNumber, b.ProductName, b.StartDate, b.Nights, b.People, b.Slot, b.GuestName, b.GuestPhone,
                b.BookedAt, b.ReleasedAt)).ToListAsync(ct);

        // Complaints the account opened (a guest's are asked for through the order link, as their orders are).
        var complaints = (await db.Set<Complaints.Domain.Complaint>().AsNoTracking().Include(c => c.Photos).Include(c => c.Events)
                .Where(c => c.BuyerUserId == userId).OrderBy(c => c.OpenedAt).AsSplitQuery().ToListAsync(ct))
            .Select(c => new ComplaintData(c.OrderNumber, c.Reason.ToString(), c.Text, c.Status.ToString(), c.OpenedAt, c.Offer?.ToString(), c.Answer,
                c.Decision?.ToString(), c.DecisionNote, c.RefundReference, [.. c.Photos.OrderBy(p => p.Position).Select(p => p.DisplayPath)],
                [.. c.Events.OrderBy(e => e.AtUtc).Select(e => new ComplaintStepData(e.AtUtc, e.Step.ToString(), e.By.ToString(), e.Note))])).ToList();
        var labelReports = await db.Set<Complaints.Domain.LabelReport>().AsNoTracking().Where(r => r.ReporterUserId == userId)
            .OrderBy(r => r.ReportedAt).Select(r => new LabelReportData(r.ReportedAt, r.ProductName, r.LotCode, r.Serial, r.Contact, r.Note)).ToListAsync(ct);
        var requests = await db.DataRequests.AsNoTracking().Where(r => r.UserId == userId).OrderBy(r => r.Id)
            .Select(r => new DataRequestData(r.Id, r.Kind.ToString(), r.ReceivedAt, r.DueAt, r.Text, r.Status.ToString(), r.OfficerNote, r.HandledAt))
            .ToListAsync(ct);

        return new PersonalDataExport(clock.GetUtcNow().UtcDateTime,
            new AccountData(email, user.DisplayName, user.PhoneNumber, user.EmailConfirmed, user.TwoFactorEnabled, roles,
                user.ProducerId, user.PasswordHash is not null),
            [.. orders.Select(o => new OrderData(o.Number, o.PlacedAt, producers.GetValueOrDefault(o.ProducerId, ""), o.Status.ToString(),
                o.Payment.ToString(), o.TotalVnd, o.Delivery?.RecipientName ?? "", o.Delivery?.Phone ?? "", o.Delivery is { } d ? Orders.DeliveryAddressText.Line(d) : "",
                o.Delivery?.Note, o.BuyerEmail, o.PlacedFromIp,
                [.. o.Lines.Select(l => new OrderLineData(l.ProductName, l.Unit, l.UnitPriceVnd, l.Quantity))],
                [.. o.Events.OrderBy(e => e.AtUtc).Select(e => new OrderEventData(e.AtUtc, e.Status.ToString(), e.Note))]))],
            [.. consents.Select(r => new ConsentData(r.AtUtc, r.Purpose.ToString(), r.Granted, r.DocumentVersion, r.Source.ToString()))],
            saved, cart, applications, emails, reviews, [.. feedback.OrderBy(f => f.At)], bookings, complaints, labelReports, requests);
    }
}
