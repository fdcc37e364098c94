using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Privacy.Domain;

namespace OcopMarket.Core.Privacy;

/// <param name="Who">The account's email, or "Khách / Guest" with the order number.</param>
public sealed record DataRequestRow(int Id, DataRequestKind Kind, DataRequestStatus Status, string Who, string? ContactEmail,
    string? UserId, Guid? CheckoutId, string? OrderNumber, string Text, DateTime ReceivedAt, DateTime DueAt, string? OfficerNote,
    DateTime? HandledAt)
{
    public bool IsGuest => CheckoutId is not null;
}

/// <summary>
/// Requests about personal data that an officer handles (Law 91/2025/QH15 Art. 4): a signed-in person's from their
/// account, a guest's from their orders' page (its secret link proves who they are). Each is acknowledged by email at
/// once, has a deadline of Legal:DataRequestDays, waits on the officers' desk most urgent first, and its answer is
/// emailed to the person.
/// </summary>
public sealed class DataRequestService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, AccountErasureService erasure,
    Legal.LegalSettings? legal = null)
{
    private readonly TimeSpan _answerWithin = (legal ?? new Legal.LegalSettings()).DataRequestTime;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    internal static NotFoundException RequestNotFound => new(new("Không tìm thấy yêu cầu.", "Request not found."));

    private static DomainException TooMany => new(new(
        $"Bạn đã có {DataRequest.MaxOpenPerSubject} yêu cầu đang chờ xử lý. Vui lòng chờ cán bộ trả lời.",
        $"You already have {DataRequest.MaxOpenPerSubject} requests waiting. Please wait for an officer's answer."));

    /// <summary>A signed-in person asks for what they cannot do themselves (correct their email, a past order's details; object).</summary>
    public async Task<int> SubmitFromAccountAsync(Actor actor, DataRequestKind kind, string? text, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var email = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Email).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException(new("Không tìm thấy tài khoản.", "Account not found."));
        if (await db.DataRequests.CountAsync(r => r.UserId == actor.UserId && r.Status == DataRequestStatus.Open, ct) >= DataRequest.MaxOpenPerSubject)
            throw TooMany;
        var request = DataRequest.FromAccount(kind, actor.UserId, email, text, Now, _answerWithin);
        return await SaveAndAcknowledgeAsync(db, request, ct);
    }

    /// <summary>A guest asks for their orders' data to be deleted or corrected, from the page their secret link opens.</summary>
    /// <exception cref="NotFoundException">Unknown checkout, a wrong secret, or an account's orders (the account asks from its own pages).</exception>
    public async Task<int> SubmitFromGuestAsync(Guid checkoutId, string? accessToken, DataRequestKind kind, string? text, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var orders = await db.Orders.AsNoTracking().Where(o => o.CheckoutId == checkoutId).OrderBy(o => o.Id).ToListAsync(ct);
        if (orders.Count == 0 || !orders.All(o => o.BuyerUserId is null && OrderAccess.Matches(accessToken, o.AccessTokenHash)))
            throw new NotFoundException(new("Không tìm thấy đơn hàng.", "Order not found."));
        if (await db.DataRequests.CountAsync(r => r.CheckoutId == checkoutId && r.Status == DataRequestStatus.Open, ct) >= DataRequest.MaxOpenPerSubject)
            throw TooMany;
        var request = DataRequest.FromGuest(kind, checkoutId, string.Join(", ", orders.Select(o => o.Number)) is { Length: <= 30 } numbers ? numbers : orders[0].Number,
            orders[0].BuyerEmail, text, Now, _answerWithin);
        return await SaveAndAcknowledgeAsync(db, request, ct);
    }

    private static async Task<int> SaveAndAcknowledgeAsync(OcopDbContext db, DataRequest request, CancellationToken ct)
    {
        db.DataRequests.Add(request);
        await db.SaveChangesAsync(ct); // the id, which the acknowledgement names
        if (request.ContactEmail is not null)
        {
            db.OutboxEmails.Add(DataRequestMail.Received(request, request.ReceivedAt));
            await db.SaveChangesAsync(ct);
        }
        return request.Id;
    }

    /// <summary>The signed-in person's own requests, newest first.</summary>
    public async Task<IReadOnlyList<DataRequestRow>> MineAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.DataRequests.AsNoTracking().Where(r => r.UserId == actor.UserId).OrderByDescending(r => r.Id).Take(50).ToListAsync(ct);
        return [.. rows.Select(r => Row(r, r.ContactEmail ?? ""))];
    }

    /// <summary>Whether the secret opens a guest's checkout (placed without an account): the orders page then offers the request form.</summary>
    public async Task<bool> IsGuestCheckoutAsync(Guid checkoutId, string? accessToken, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var orders = await db.Orders.AsNoTracking().Where(o => o.CheckoutId == checkoutId).Select(o => new { o.BuyerUserId, o.AccessTokenHash }).ToListAsync(ct);
        return orders.Count > 0 && orders.All(o => o.BuyerUserId is null && OrderAccess.Matches(accessToken, o.AccessTokenHash));
    }

    /// <summary>A guest's requests about one checkout (same secret as the orders' page).</summary>
    public async Task<IReadOnlyList<DataRequestRow>> ForGuestAsync(Guid checkoutId, string? accessToken, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hashes = await db.Orders.AsNoTracking().Where(o => o.CheckoutId == checkoutId && o.BuyerUserId == null).Select(o => o.AccessTokenHash).ToListAsync(ct);
        if (hashes.Count == 0 || !hashes.All(h => OrderAccess.Matches(accessToken, h))) return [];
        var rows = await db.DataRequests.AsNoTracking().Where(r => r.CheckoutId == checkoutId).OrderByDescending(r => r.Id).Take(20).ToListAsync(ct);
        return [.. rows.Select(r => Row(r, r.OrderNumber ?? ""))];
    }

    /// <summary>The officers' desk: every open request, the most urgent (overdue) first, and the last ones handled.</summary>
    public async Task<(IReadOnlyList<DataRequestRow> Open, IReadOnlyList<DataRequestRow> Handled)> DeskAsync(Actor officer, CancellationToken ct = default)
    {
        officer.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = await db.DataRequests.AsNoTracking().Where(r => r.Status == DataRequestStatus.Open).OrderBy(r => r.DueAt).ThenBy(r => r.Id)
            .Take(500).ToListAsync(ct);
        var handled = await db.DataRequests.AsNoTracking().Where(r => r.Status != DataRequestStatus.Open).OrderByDescending(r => r.HandledAt)
            .Take(20).ToListAsync(ct);
        var ids = open.Concat(handled).Select(r => r.UserId).OfType<string>().Distinct().ToList();
        var emails = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, ct);
        string Who(DataRequest r) => r.UserId is { } id ? emails.GetValueOrDefault(id, id)
            : r.CheckoutId is not null ? $"Khách / Guest · {r.OrderNumber}" : "—";
        return ([.. DataRequestDeadline.MostUrgentFirst(open).Select(r => Row(r, Who(r)))], [.. handled.Select(r => Row(r, Who(r)))]);
    }

    /// <summary>
    /// The officer carries out a deletion request: the account erased as its owner would (the same service), or a
    /// guest's orders anonymised; the request is closed and the person told, in the same transaction.
    /// </summary>
    public async Task<ErasureSummary> CarryOutDeletionAsync(Actor officer, int requestId, ReviewChoice reviews, CancellationToken ct = default)
    {
        officer.RequireAdmin();
        DataRequest request;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            request = await db.DataRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, ct) ?? throw RequestNotFound;
        if (request.Kind != DataRequestKind.Deletion) throw new DomainException(new("Yêu cầu này không phải yêu cầu xoá.", "This is not a deletion request."));
        if (!request.IsOpen) throw AlreadyHandled;
        var handled = new HandledRequest(requestId, officer.UserId);
        try
        {
            if (request.UserId is { } userId) return await erasure.EraseAccountAsync(userId, reviews, handled, ct);
            if (request.CheckoutId is { } checkoutId) return new(await erasure.EraseGuestCheckoutAsync(checkoutId, handled, ct), 0, 0);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another officer, or the person deleting the account themselves, got there first.
            throw AlreadyHandled;
        }
        throw RequestNotFound;
    }

    /// <summary>The officer did what was asked (a correction made by hand, an objection answered), and says what.</summary>
    public Task CompleteAsync(Actor officer, int requestId, string? note, CancellationToken ct = default) =>
        CloseAsync(officer, requestId, r => r.Complete(officer.UserId, note, Now), ct);

    /// <summary>The officer refuses, with the reason the person is told.</summary>
    public Task RefuseAsync(Actor officer, int requestId, string? reason, CancellationToken ct = default) =>
        CloseAsync(officer, requestId, r => r.Refuse(officer.UserId, reason, Now), ct);

    private async Task CloseAsync(Actor officer, int requestId, Action<DataRequest> close, CancellationToken ct)
    {
        officer.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.DataRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct) ?? throw RequestNotFound;
        close(request);
        if (request.ContactEmail is not null) db.OutboxEmails.Add(DataRequestMail.Handled(request, Now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Two officers at once (the status is the concurrency token): the second is told, nothing is written twice.
            throw AlreadyHandled;
        }
    }

    private static DomainException AlreadyHandled => new(new("Yêu cầu này đã được xử lý.", "This request has already been handled."));

    private static DataRequestRow Row(DataRequest r, string who) => new(r.Id, r.Kind, r.Status, who, r.ContactEmail, r.UserId, r.CheckoutId,
        r.OrderNumber, r.Text, r.ReceivedAt, r.DueAt, r.OfficerNote, r.HandledAt);
}
