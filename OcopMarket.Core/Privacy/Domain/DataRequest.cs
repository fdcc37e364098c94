using OcopMarket.Core.Common;

namespace OcopMarket.Core.Privacy.Domain;

/// <summary>What a person asks of their data (Law 91/2025/QH15 Art. 4: the rights to delete, correct, see and object).</summary>
public enum DataRequestKind
{
    Deletion = 1,
    Correction = 2,
    Access = 3,
    Objection = 4,
}

public enum DataRequestStatus
{
    Open = 1,
    /// <summary>Carried out (deleted, corrected, answered), with the officer's note.</summary>
    Done = 2,
    /// <summary>Not carried out, with the reason the person is told (the law asks the controller to say why).</summary>
    Refused = 3,
}

/// <summary>
/// A person's request about their data that an officer handles: what they asked, who they are (their account, or a
/// guest's checkout reached through its secret link), when it came and by when it must be answered, and what was done.
/// Self-service covers what a person can do alone (download, correct name and phone, delete the account); this is
/// for the rest (an email address, a past order's details, a guest's orders, an objection).
/// </summary>
public sealed class DataRequest
{
    public const int MaxTextLength = 2000;
    public const int MaxNoteLength = 1000;

    /// <summary>Open requests one account or one checkout may have at once: enough for every real need, not a flood.</summary>
    public const int MaxOpenPerSubject = 5;

    private DataRequest() { }

    private DataRequest(DataRequestKind kind, string? userId, Guid? checkoutId, string? orderNumber, string? contactEmail, string text,
        DateTime receivedAtUtc, DateTime dueAtUtc)
    {
        Kind = kind;
        UserId = userId;
        CheckoutId = checkoutId;
        OrderNumber = orderNumber;
        ContactEmail = contactEmail;
        Text = text;
        ReceivedAt = DateTime.SpecifyKind(receivedAtUtc, DateTimeKind.Utc);
        DueAt = DateTime.SpecifyKind(dueAtUtc, DateTimeKind.Utc);
        Status = DataRequestStatus.Open;
    }

    /// <summary>A request from a signed-in account.</summary>
    public static DataRequest FromAccount(DataRequestKind kind, string userId, string? email, string? text, DateTime nowUtc, TimeSpan answerWithin)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return new(kind, userId, null, null, email, CheckText(kind, text), nowUtc, DataRequestDeadline.DueAt(nowUtc, answerWithin));
    }

    /// <summary>A request from a guest, made on their orders' page (whose secret link is the proof of who they are).</summary>
    public static DataRequest FromGuest(DataRequestKind kind, Guid checkoutId, string orderNumber, string? email, string? text, DateTime nowUtc,
        TimeSpan answerWithin)
    {
        if (kind is not (DataRequestKind.Deletion or DataRequestKind.Correction or DataRequestKind.Objection))
            throw new DomainException(new("Loại yêu cầu không hợp lệ.", "Not a kind of request that can be made here."));
        return new(kind, null, checkoutId, orderNumber, email, CheckText(kind, text), nowUtc, DataRequestDeadline.DueAt(nowUtc, answerWithin));
    }

    public int Id { get; private set; }
    public DataRequestKind Kind { get; private set; }

    /// <summary>The account that asked; null for a guest, and once the account was deleted.</summary>
    public string? UserId { get; private set; }

    /// <summary>The guest's checkout (its orders are what the request is about).</summary>
    public Guid? CheckoutId { get; private set; }

    public string? OrderNumber { get; private set; }

    /// <summary>Where the answer is emailed; null when a guest left no email (they read the answer on the orders page).</summary>
    public string? ContactEmail { get; private set; }

    public string Text { get; private set; } = "";
    public DateTime ReceivedAt { get; private set; }
    public DateTime DueAt { get; private set; }
    public DataRequestStatus Status { get; private set; }
    public string? OfficerNote { get; private set; }
    public DateTime? HandledAt { get; private set; }
    public string? HandledByUserId { get; private set; }

    public bool IsOpen => Status == DataRequestStatus.Open;

    /// <summary>The officer did what was asked (or answered it), with a note the person reads.</summary>
    public void Complete(string officerUserId, string? note, DateTime nowUtc)
    {
        EnsureOpen();
        var text = (note ?? "").Trim();
        // A correction or an objection is done in a way only the officer can describe; a deletion says itself.
        if (text.Length == 0 && Kind != DataRequestKind.Deletion)
            throw new DomainException(new("Hãy ghi lại đã làm gì (người yêu cầu sẽ đọc).", "Write down what was done (the person will read it)."));
        Close(DataRequestStatus.Done, officerUserId, text.Length == 0 ? null : CheckNote(text), nowUtc);
    }

    /// <summary>The officer will not do it, and says why (the person is told).</summary>
    public void Refuse(string officerUserId, string? reason, DateTime nowUtc)
    {
        EnsureOpen();
        var text = (reason ?? "").Trim();
        if (text.Length == 0) throw new DomainException(new("Hãy ghi lý do từ chối (người yêu cầu sẽ đọc).", "Give the reason for refusing (the person will read it)."));
        Close(DataRequestStatus.Refused, officerUserId, CheckNote(text), nowUtc);
    }

    /// <summary>
    /// The person's account or orders were erased: the request stays as the record that it was handled, without what
    /// identified them (the answer was emailed before this).
    /// </summary>
    public void Unlink(DateTime nowUtc)
    {
        UserId = null;
        ContactEmail = null;
        Text = Anonymous.RequestText; // a deletion's own note too: it can name the person ("Tôi là …, xin xoá")
        if (!IsOpen) return;
        // Still open (a correction asked before the person deleted the account): nothing is left to correct, and
        // nobody to answer, so it closes rather than turn overdue on the desk.
        Status = DataRequestStatus.Done;
        OfficerNote = ClosedByErasureNote;
        HandledAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
    }

    /// <summary>The note of a request closed because its subject's data was erased.</summary>
    public const string ClosedByErasureNote = "Đã xoá dữ liệu của người yêu cầu; không còn gì để xử lý. / The person's data was erased; nothing is left to handle.";

    private void Close(DataRequestStatus status, string officerUserId, string? note, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrEmpty(officerUserId);
        Status = status;
        OfficerNote = note;
        HandledByUserId = officerUserId;
        HandledAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
    }

    private void EnsureOpen()
    {
        if (!IsOpen) throw new DomainException(new("Yêu cầu này đã được xử lý.", "This request has already been handled."));
    }

    private static string CheckText(DataRequestKind kind, string? text)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0 && kind != DataRequestKind.Deletion)
            throw new DomainException(new("Hãy cho biết thông tin nào cần sửa hoặc điều bạn phản đối.", "Say which details need correcting, or what you object to."));
        if (trimmed.Length > MaxTextLength)
            throw new DomainException(new($"Nội dung tối đa {MaxTextLength} ký tự.", $"Write at most {MaxTextLength} characters."));
        return trimmed;
    }

    private static string CheckNote(string note) => note.Length <= MaxNoteLength ? note
        : throw new DomainException(new($"Ghi chú tối đa {MaxNoteLength} ký tự.", $"A note is at most {MaxNoteLength} characters."));
}

/// <summary>
/// By when a request must be answered. Decree 13/2023 Art. 14–16 gave 72 hours to correct or delete; Decree
/// 356/2025/NĐ-CP (guiding Law 91/2025/QH15 from 1 January 2026) is reported to ask for a reply within 2 working days
/// and the right carried out within 10–20 days. We could not read the decree's own text, so the time is a setting
/// (Legal:DataRequestDays) whose default, 3 days (72 hours), is the stricter of the two readings; the request is
/// acknowledged by email the moment it arrives.
/// </summary>
public static class DataRequestDeadline
{
    public static DateTime DueAt(DateTime receivedAtUtc, TimeSpan answerWithin)
    {
        if (answerWithin <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(answerWithin));
        return DateTime.SpecifyKind(receivedAtUtc, DateTimeKind.Utc) + answerWithin;
    }

    /// <summary>Time left until the deadline; negative once it has passed.</summary>
    public static TimeSpan Left(DateTime dueAtUtc, DateTime nowUtc) => dueAtUtc - nowUtc;

    public static bool IsOverdue(DateTime dueAtUtc, DateTime nowUtc) => nowUtc > dueAtUtc;

    /// <summary>The desk's order: the most urgent first, so an overdue request (least time left) is always on top.</summary>
    public static IEnumerable<DataRequest> MostUrgentFirst(IEnumerable<DataRequest> open) => open.OrderBy(r => r.DueAt).ThenBy(r => r.Id);
}
