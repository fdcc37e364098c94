using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Complaints.Domain;
using OcopMarket.Core.Legal;
using OcopMarket.Core.Media;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Complaints;

public sealed record ComplaintPhotoView(int Id, string DisplayUrl, string ThumbnailUrl);

public sealed record ComplaintEventView(ComplaintStep Step, ComplaintParty By, DateTime AtUtc, string? Note);

/// <summary>A complaint as the buyer, its producer or an officer sees it.</summary>
/// <param name="WithOfficer">Escalated, or past its deadline unanswered (computed on read: every node agrees).</param>
public sealed record ComplaintView(int Id, int OrderId, string OrderNumber, Guid CheckoutId, int ProducerId, string ProducerName,
    ComplaintReason Reason, string Text, ComplaintStatus Status, bool WithOfficer, bool Overdue, DateTime OpenedAt, DateTime AnswerDueAt,
    ComplaintOffer? Offer, string? Answer, DateTime? AnsweredAt, ComplaintParty? EscalatedBy, ComplaintDecision? Decision, string? DecisionNote,
    string? RefundReference, DateTime? ClosedAt, PaymentMethod Payment, long OrderTotalVnd, bool CardRefunded,
    IReadOnlyList<ComplaintPhotoView> Photos, IReadOnlyList<ComplaintEventView> Events, int DaysOpen)
{
    public bool IsOpen => Status is ComplaintStatus.AwaitingProducer or ComplaintStatus.Answered or ComplaintStatus.WithOfficer;
}

/// <summary>The buyer's complaint page of one order: what they may open now, and the complaints so far (newest first).</summary>
/// <param name="WhyNot">Why no complaint can be opened now, when none can.</param>
public sealed record BuyerComplaintPage(int OrderId, string OrderNumber, Guid CheckoutId, string ProducerName, OrderStatus OrderStatus,
    PaymentMethod Payment, long TotalVnd, IReadOnlyList<ComplaintReason> MayOpenFor, UserText? WhyNot, IReadOnlyList<ComplaintView> Complaints)
{
    public ComplaintView? Open => Complaints.FirstOrDefault(c => c.IsOpen);
}

/// <summary>One order's complaint state, for its line on the buyer's order page.</summary>
public sealed record OrderComplaintSummary(int OrderId, ComplaintStatus? Status, bool WithOfficer, bool MayOpen);

/// <summary>A producer's complaints against its delivered orders over the desk's window.</summary>
public sealed record ProducerComplaintRate(int ProducerId, string ProducerName, int Complaints, int DeliveredOrders)
{
    public double? Rate => DeliveredOrders == 0 ? null : (double)Complaints / DeliveredOrders;
}

public sealed record ComplaintDesk(IReadOnlyList<ComplaintView> Open, IReadOnlyList<ComplaintView> RecentlyClosed,
    IReadOnlyList<ProducerComplaintRate> Rates, int RateWindowDays);

/// <summary>
/// Complaints and disputes (Law on E-commerce 122/2025/QH15; Decree 52/2013/NĐ-CP Art. 36 as amended by Decree
/// 85/2021/NĐ-CP: a marketplace receives and handles buyers' complaints). The buyer of an order (signed in, or a guest
/// through the order's secret link) opens one with photos; its producer answers within Legal:ComplaintAnswerDays
/// working days; the buyer accepts or escalates; past the deadline, or escalated, an officer decides: a refund (a
/// card through Stripe, a cash or transfer order by the reference of the transfer the officer made), a replacement,
/// or a rejection with a reason. Every step is a timeline entry and queues the other side's emails in its SaveChanges.
/// </summary>
public sealed class ComplaintService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, ProductImageProcessor processor,
    IMediaStore store, LegalSettings legal, CardPaymentService cards, ComplaintNotifications notifications)
{
    public const string Folder = "complaints";
    public const int RateWindowDays = 90;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static NotFoundException OrderNotFound => new(new("Không tìm thấy đơn hàng.", "Order not found."));

    private static async Task<Order> OrderAsync(OcopDbContext db, Guid checkoutId, int orderId, string? token, Actor? actor, CancellationToken ct)
    {
        var order = await db.Orders.Include(o => o.Lines).Include(o => o.Events)
            .FirstOrDefaultAsync(o => o.Id == orderId && o.CheckoutId == checkoutId, ct);
        // A wrong secret, someone else's order, or none at all: one answer, so ids cannot be probed.
        if (order is null || !OrderAccess.Allows(order, token, actor)) throw OrderNotFound;
        return order;
    }

    private IReadOnlyList<ComplaintReason> MayOpenFor(Order order, DateTime now, out UserText? whyNot)
    {
        whyNot = null;
        var reasons = new List<ComplaintReason>();
        foreach (var reason in Enum.GetValues<ComplaintReason>())
        {
            try
            {
                Complaint.EnsureMayOpen(order, reason, legal.ReturnDays, now);
                reasons.Add(reason);
            }
            catch (DomainException e)
            {
                whyNot ??= e.Text;
            }
        }
        if (reasons.Count > 0) whyNot = null;
        return reasons;
    }

    /// <summary>The buyer's complaint page of one order (same access rule as the order page).</summary>
    /// <exception cref="NotFoundException">Unknown order, wrong secret, or someone else's order.</exception>
    public async Task<BuyerComplaintPage> ForBuyerAsync(Guid checkoutId, int orderId, string? token, Actor? actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await OrderAsync(db, checkoutId, orderId, token, actor, ct);
        var complaints = await db.Set<Complaint>().AsNoTracking().Include(c => c.Photos).Include(c => c.Events)
            .Where(c => c.OrderId == orderId).OrderByDescending(c => c.OpenedAt).AsSplitQuery().ToListAsync(ct);
        var producer = await db.Producers.Where(p => p.Id == order.ProducerId).Select(p => p.Name).SingleAsync(ct);
        var now = Now;
        var views = complaints.Select(c => View(c, producer, order.RefundId is not null, now)).ToList();
        UserText? whyNot = null;
        IReadOnlyList<ComplaintReason> reasons = [];
        if (views.Any(c => c.IsOpen)) whyNot = new("Đơn này đang có một khiếu nại chưa giải quyết.", "This order already has a complaint in progress.");
        // Its money is back already: nothing is left to claim on the order (the buyer can still write to the operator).
        else if (order.RefundId is not null || views.Any(c => c.Decision == ComplaintDecision.Refund))
            whyNot = new("Đơn này đã được hoàn tiền.", "This order has been refunded.");
        else reasons = MayOpenFor(order, now, out whyNot);
        return new BuyerComplaintPage(order.Id, order.Number, order.CheckoutId, producer, order.Status, order.Payment, order.TotalVnd,
            reasons, whyNot, views);
    }

    /// <summary>Each order of a checkout with its complaint state, for the order page (same access rule).</summary>
    public async Task<IReadOnlyList<OrderComplaintSummary>> ForCheckoutAsync(Guid checkoutId, string? token, Actor? actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var orders = await db.Orders.AsNoTracking().Include(o => o.Events).Where(o => o.CheckoutId == checkoutId).ToListAsync(ct);
        if (orders.Count == 0 || !orders.All(o => OrderAccess.Allows(o, token, actor))) return [];
        var ids = orders.Select(o => o.Id).ToList();
        var latest = (await db.Set<Complaint>().AsNoTracking().Where(c => ids.Contains(c.OrderId))
                .Select(c => new { c.OrderId, c.Status, c.AnswerDueAt, c.OpenedAt, c.Id }).ToListAsync(ct))
            .GroupBy(c => c.OrderId).ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.OpenedAt).ThenByDescending(c => c.Id).First());
        var now = Now;
        return [.. orders.Select(o =>
        {
            var c = latest.GetValueOrDefault(o.Id);
            var open = c is not null && c.Status is ComplaintStatus.AwaitingProducer or ComplaintStatus.Answered or ComplaintStatus.WithOfficer;
            var withOfficer = c is not null && (c.Status == ComplaintStatus.WithOfficer || (c.Status == ComplaintStatus.AwaitingProducer && now > c.AnswerDueAt));
            return new OrderComplaintSummary(o.Id, c?.Status, withOfficer, !open && o.RefundId is null && MayOpenFor(o, now, out _).Count > 0);
        })];
    }

    /// <summary>
    /// The buyer opens a complaint about one order of their checkout: a reason, a description and up to
    /// <see cref="Complaint.MaxPhotos"/> photos through the image pipeline. A refused photo refuses the whole
    /// complaint, with nothing kept (no row, no file), so the buyer sends it again with the right photos.
    /// </summary>
    /// <returns>The complaint's id.</returns>
    /// <exception cref="ImageRejectedException">A photo is not a JPEG/PNG/WebP, over 5 MB or 6,000 px, or unreadable.</exception>
    /// <exception cref="DomainException">Too late, too early, already one open, or the text is missing.</exception>
    public async Task<int> OpenAsync(Guid checkoutId, int orderId, string? token, Actor? actor, ComplaintReason reason, string? text,
        IReadOnlyList<Stream>? photos = null, CancellationToken ct = default)
    {
        photos ??= [];
        if (photos.Count > Complaint.MaxPhotos) throw Complaint.TooManyPhotos;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await OrderAsync(db, checkoutId, orderId, token, actor, ct);
        if (await db.Set<Complaint>().AnyAsync(c => c.OpenOrderId == orderId, ct)) throw AlreadyOpen;
        var now = Now;
        var complaint = Complaint.Open(order, reason, text ?? "", legal.ReturnDays, legal.ComplaintAnswerDays, now);

        var saved = new List<string>();
        try
        {
            foreach (var upload in photos)
            {
                var processed = await processor.ProcessAsync(upload, ct);
                var display = await store.SaveAsync(Folder, processed.Extension, processed.Display, ct);
                saved.Add(display);
                var thumbnail = await store.SaveAsync(Folder, processed.Extension, processed.Thumbnail, ct);
                saved.Add(thumbnail);
                complaint.AddPhoto(new ComplaintPhoto(display, thumbnail, processed.Width, processed.Height));
            }
            db.Add(complaint);
            await notifications.QueueAsync(db, complaint, ComplaintStep.Opened, order.BuyerEmail, ct);
            await db.SaveChangesAsync(ct);
            return complaint.Id;
        }
        catch (DbUpdateException)
        {
            await DeleteFilesAsync(saved);
            throw AlreadyOpen; // two posts at once (a double click): the unique open-order index let one through
        }
        catch
        {
            await DeleteFilesAsync(saved);
            throw;
        }
    }

    private static DomainException AlreadyOpen => new(new(
        "Đơn này đang có một khiếu nại chưa giải quyết.", "This order already has a complaint in progress."));

    private async Task DeleteFilesAsync(List<string> paths)
    {
        foreach (var path in paths) await store.DeleteAsync(path, CancellationToken.None);
    }

    /// <summary>
    /// The buyer accepts the producer's answer, which closes the complaint. A refund the producer offered on a card
    /// order is given back through Stripe at once (the marketplace took the payment); a cash or transfer refund is
    /// the producer's to send, which the buyer's acceptance records.
    /// </summary>
    public Task AcceptAsync(Guid checkoutId, int orderId, string? token, Actor? actor, CancellationToken ct = default) =>
        BuyerStepAsync(checkoutId, orderId, token, actor, async (db, complaint, order, now) =>
        {
            complaint.EnsureAcceptable();
            string? refund = null;
            if (complaint.Offer == ComplaintOffer.Refund && order.Payment == PaymentMethod.Card && order.IsPaid)
            {
                await cards.RefundAfterDeliveryAsync(order, CancellationToken.None);
                refund = order.RefundId;
            }
            complaint.AcceptByBuyer(now, refund);
            return ComplaintStep.Accepted;
        }, ct);

    /// <summary>The buyer does not accept the producer's answer: an officer decides.</summary>
    public Task EscalateAsync(Guid checkoutId, int orderId, string? token, Actor? actor, string? note, CancellationToken ct = default) =>
        BuyerStepAsync(checkoutId, orderId, token, actor, (_, complaint, _, now) =>
        {
            complaint.EscalateByBuyer(note, now);
            return Task.FromResult(ComplaintStep.Escalated);
        }, ct);

    private async Task BuyerStepAsync(Guid checkoutId, int orderId, string? token, Actor? actor,
        Func<OcopDbContext, Complaint, Order, DateTime, Task<ComplaintStep>> step, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await OrderAsync(db, checkoutId, orderId, token, actor, ct);
        var complaint = await db.Set<Complaint>().Include(c => c.Events).Include(c => c.Photos)
            .FirstOrDefaultAsync(c => c.OpenOrderId == orderId, ct) ?? throw Complaint.NotFound;
        var done = await step(db, complaint, order, Now);
        await notifications.QueueAsync(db, complaint, done, order.BuyerEmail, ct);
        await SaveStepAsync(db, ct);
    }

    private static async Task SaveStepAsync(OcopDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another step won the race (the deadline on another node, a second officer): nothing of this one was kept.
            throw new DomainException(new(
                "Khiếu nại vừa được cập nhật bởi người khác. Hãy tải lại trang để xem tình trạng mới.",
                "The complaint has just been updated by someone else. Please reload the page to see where it stands."));
        }
    }

    /// <summary>The producer's complaints: open ones first by their deadline, then the last settled ones.</summary>
    public async Task<IReadOnlyList<ComplaintView>> ForProducerAsync(Actor actor, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = await Query(db).Where(c => c.ProducerId == producerId && c.OpenOrderId != null).OrderBy(c => c.AnswerDueAt).ToListAsync(ct);
        var closed = await Query(db).Where(c => c.ProducerId == producerId && c.OpenOrderId == null)
            .OrderByDescending(c => c.ClosedAt).Take(50).ToListAsync(ct);
        return await ViewsAsync(db, [.. open, .. closed], ct);
    }

    /// <summary>The order's producer answers within the deadline: an offer of a refund or a replacement, or a reply.</summary>
    /// <exception cref="NotFoundException">Another producer's complaint (the same answer as none).</exception>
    public async Task AnswerAsync(Actor actor, int complaintId, ComplaintOffer offer, string? text, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var complaint = await db.Set<Complaint>().Include(c => c.Events).SingleOrDefaultAsync(c => c.Id == complaintId, ct)
            ?? throw Complaint.NotFound;
        complaint.AnswerByProducer(producerId, offer, text ?? "", Now);
        var buyerEmail = await db.Orders.Where(o => o.Id == complaint.OrderId).Select(o => o.BuyerEmail).SingleAsync(ct);
        await notifications.QueueAsync(db, complaint, ComplaintStep.Answered, buyerEmail, ct);
        await SaveStepAsync(db, ct);
    }

    /// <summary>
    /// Records every complaint whose producer let the deadline pass as gone to an officer, and tells both sides and
    /// the officers, once: each is saved under its status as a concurrency token, so when several nodes run this at
    /// the same moment only the first save of a complaint succeeds (on PostgreSQL the second UPDATE waits for the first
    /// and finds the status changed), and the others skip it. The desk already treats an overdue complaint as the
    /// officer's on read, so nothing waits for this worker.
    /// </summary>
    /// <returns>How many this run escalated.</returns>
    public async Task<int> EscalateOverdueAsync(int batch = 100, CancellationToken ct = default)
    {
        var now = Now;
        List<int> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            due = await db.Set<Complaint>().Where(c => c.Status == ComplaintStatus.AwaitingProducer && c.AnswerDueAt < now)
                .OrderBy(c => c.AnswerDueAt).Select(c => c.Id).Take(batch).ToListAsync(ct);
        var escalated = 0;
        foreach (var id in due)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var complaint = await db.Set<Complaint>().Include(c => c.Events).SingleAsync(c => c.Id == id, ct);
            if (!complaint.EscalateIfOverdue(now)) continue; // answered or decided since the list was read
            var buyerEmail = await db.Orders.Where(o => o.Id == complaint.OrderId).Select(o => o.BuyerEmail).SingleAsync(ct);
            await notifications.QueueAsync(db, complaint, ComplaintStep.Escalated, buyerEmail, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                escalated++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another node escalated it (or the producer answered) first: its emails are that save's.
            }
        }
        return escalated;
    }

    /// <summary>
    /// The officers' desk: every complaint not settled, oldest first (days open, deadline state), the last settled
    /// ones, and each producer's complaint rate: complaints opened over delivered orders in the last
    /// <see cref="RateWindowDays"/> days.
    /// </summary>
    public async Task<ComplaintDesk> DeskAsync(Actor actor, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = await Query(db).Where(c => c.OpenOrderId != null).OrderBy(c => c.OpenedAt).Take(200).ToListAsync(ct);
        var closed = await Query(db).Where(c => c.OpenOrderId == null).OrderByDescending(c => c.ClosedAt).Take(20).ToListAsync(ct);
        var since = Now.AddDays(-RateWindowDays);
        var delivered = await db.Orders.AsNoTracking()
            .Where(o => o.Status == OrderStatus.Delivered && o.Events.Any(e => e.Status == OrderStatus.Delivered && e.AtUtc >= since))
            .GroupBy(o => o.ProducerId).Select(g => new { ProducerId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.ProducerId, x => x.Count, ct);
        var complained = await db.Set<Complaint>().AsNoTracking().Where(c => c.OpenedAt >= since)
            .GroupBy(c => c.ProducerId).Select(g => new { ProducerId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.ProducerId, x => x.Count, ct);
        var ids = complained.Keys.ToList();
        var names = await db.Producers.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var rates = complained.Select(x => new ProducerComplaintRate(x.Key, names.GetValueOrDefault(x.Key, ""), x.Value, delivered.GetValueOrDefault(x.Key)))
            .OrderByDescending(r => r.Rate ?? double.MaxValue).ThenByDescending(r => r.Complaints).ToList();
        return new ComplaintDesk(await ViewsAsync(db, open, ct), await ViewsAsync(db, closed, ct), rates, RateWindowDays);
    }

    /// <summary>
    /// An officer decides a complaint that is theirs (escalated, or overdue): a refund (a card order through Stripe,
    /// idempotent per order; a cash or transfer order with the reference of the transfer the officer made), a
    /// replacement, or a rejection with the reason the buyer reads.
    /// </summary>
    /// <exception cref="DomainException">Not the officer's yet, a missing reason or reference, or Stripe refused (nothing changed).</exception>
    public async Task DecideAsync(Actor actor, int complaintId, ComplaintDecision decision, string? note, string? transferReference,
        CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var complaint = await db.Set<Complaint>().Include(c => c.Events).SingleOrDefaultAsync(c => c.Id == complaintId, ct)
            ?? throw Complaint.NotFound;
        var order = await db.Orders.Include(o => o.Lines).Include(o => o.Events).SingleAsync(o => o.Id == complaint.OrderId, ct);
        var now = Now;
        var reference = transferReference;
        complaint.EnsureDecidable(decision, note, reference, now);
        if (decision == ComplaintDecision.Refund && order.Payment == PaymentMethod.Card)
        {
            // Once Stripe may be giving money back, finish even if the officer's page goes away.
            await cards.RefundAfterDeliveryAsync(order, CancellationToken.None);
            reference = order.RefundId;
        }
        var wasAwaiting = complaint.Status == ComplaintStatus.AwaitingProducer;
        complaint.Decide(actor.UserId, decision, note, reference, now);
        if (wasAwaiting) await notifications.QueueAsync(db, complaint, ComplaintStep.Escalated, order.BuyerEmail, ct);
        await notifications.QueueAsync(db, complaint, ComplaintStep.Decided, order.BuyerEmail, ct);
        await SaveStepAsync(db, ct);
    }

    private static IQueryable<Complaint> Query(OcopDbContext db) =>
        db.Set<Complaint>().AsNoTracking().Include(c => c.Photos).Include(c => c.Events).AsSplitQuery();

    private async Task<IReadOnlyList<ComplaintView>> ViewsAsync(OcopDbContext db, List<Complaint> complaints, CancellationToken ct)
    {
        if (complaints.Count == 0) return [];
        var producerIds = complaints.Select(c => c.ProducerId).Distinct().ToList();
        var names = await db.Producers.AsNoTracking().Where(p => producerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var orderIds = complaints.Select(c => c.OrderId).Distinct().ToList();
        var refunded = (await db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.Id) && o.RefundId != null).Select(o => o.Id).ToListAsync(ct)).ToHashSet();
        var now = Now;
        return [.. complaints.Select(c => View(c, names.GetValueOrDefault(c.ProducerId, ""), refunded.Contains(c.OrderId), now))];
    }

    private static ComplaintView View(Complaint c, string producerName, bool cardRefunded, DateTime now) => new(c.Id, c.OrderId, c.OrderNumber,
        c.CheckoutId, c.ProducerId, producerName, c.Reason, c.Text, c.Status, c.IsWithOfficer(now), c.IsOverdue(now), c.OpenedAt, c.AnswerDueAt,
        c.Offer, c.Answer, c.AnsweredAt, c.EscalatedBy, c.Decision, c.DecisionNote, c.RefundReference, c.ClosedAt, c.Payment, c.OrderTotalVnd,
        cardRefunded,
        [.. c.Photos.OrderBy(p => p.Position).Select(p => new ComplaintPhotoView(p.Id, Product.MediaUrlPrefix + p.DisplayPath, Product.MediaUrlPrefix + p.ThumbnailPath))],
        [.. c.Events.OrderBy(e => e.AtUtc).ThenBy(e => e.Id).Select(e => new ComplaintEventView(e.Step, e.By, e.AtUtc, e.Note))],
        (int)Math.Floor(((c.ClosedAt ?? now) - c.OpenedAt).TotalDays));
}
