using OcopMarket.Core.Common;
using OcopMarket.Core.Orders.Domain;

namespace OcopMarket.Core.Complaints.Domain;

/// <summary>Why the buyer complains. The first is about delivery; the others about goods that arrived.</summary>
public enum ComplaintReason { NotReceived = 1, Damaged = 2, NotAsDescribed = 3, CounterfeitLabel = 4 }

/// <summary>Where a complaint stands.</summary>
public enum ComplaintStatus
{
    /// <summary>Waiting for the producer's answer, until <see cref="Complaint.AnswerDueAt"/>.</summary>
    AwaitingProducer = 1,
    /// <summary>The producer answered: the buyer accepts it or takes it to an officer.</summary>
    Answered = 2,
    /// <summary>With a programme officer: the buyer escalated, or the producer let the deadline pass.</summary>
    WithOfficer = 3,
    /// <summary>The buyer accepted the producer's answer.</summary>
    Resolved = 4,
    /// <summary>An officer decided.</summary>
    Decided = 5,
}

/// <summary>What the producer offers with their answer.</summary>
public enum ComplaintOffer { ReplyOnly = 0, Refund = 1, Replacement = 2 }

/// <summary>An officer's decision.</summary>
public enum ComplaintDecision { Refund = 1, Replacement = 2, Rejected = 3 }

public enum ComplaintStep { Opened = 1, Answered = 2, Escalated = 3, Accepted = 4, Decided = 5 }

/// <summary>Who took a step: the buyer, the producer, an officer, or the deadline.</summary>
public enum ComplaintParty { Buyer = 1, Producer = 2, Officer = 3, Deadline = 4 }

/// <summary>One step of a complaint's timeline, shown to the buyer and the producer with its time.</summary>
public sealed class ComplaintEvent
{
    public const int MaxNoteLength = 2000;

    private ComplaintEvent() { }

    internal ComplaintEvent(ComplaintStep step, ComplaintParty by, DateTime atUtc, string? note)
    {
        Step = step;
        By = by;
        AtUtc = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
        Note = note;
    }

    /// <summary>The note's words go (an account's erasure); the step, its party and time stay.</summary>
    internal void EraseNote(string erased)
    {
        if (Note is not null) Note = erased;
    }

    public long Id { get; private set; }
    public int ComplaintId { get; private set; }
    public ComplaintStep Step { get; private set; }
    public ComplaintParty By { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string? Note { get; private set; }
}

/// <summary>A photo of what arrived, through the same image pipeline as review photos (re-encoded WebP).</summary>
public sealed class ComplaintPhoto
{
    private ComplaintPhoto() { }

    public ComplaintPhoto(string displayPath, string thumbnailPath, int width, int height)
    {
        DisplayPath = displayPath;
        ThumbnailPath = thumbnailPath;
        Width = width;
        Height = height;
    }

    public int Id { get; private set; }
    public int ComplaintId { get; private set; }
    public string DisplayPath { get; private set; } = "";
    public string ThumbnailPath { get; private set; } = "";
    public int Width { get; private set; }
    public int Height { get; private set; }
    public int Position { get; internal set; }
}

/// <summary>
/// A buyer's complaint about one order, and how it is settled. The marketplace must receive and handle buyers'
/// complaints (Decree 52/2013/NĐ-CP Art. 36, as amended by Decree 85/2021/NĐ-CP; Law on E-commerce 122/2025/QH15, in
/// force 1 July 2026): the producer answers within <see cref="AnswerDueAt"/> (Legal:ComplaintAnswerDays working days),
/// the buyer accepts or escalates, and an officer decides what the two sides did not settle. Where the rules leave a
/// choice, the buyer is protected: a "not received" complaint opens a week after shipping whatever the carrier says,
/// an unanswered complaint goes to an officer by itself, and the officer may refund a card without the producer.
/// </summary>
public sealed class Complaint
{
    public const int MaxPhotos = 3;
    public const int MaxTextLength = 2000;
    public const int MinTextLength = 10;
    public const int MaxAnswerLength = 2000;
    public const int MaxReasonLength = 1000;
    public const int MaxReferenceLength = 100;

    /// <summary>
    /// A shipped order not delivered after this long may be complained about as not received. Vietnamese carriers
    /// deliver within 2–5 days across the country; a week is generous to the carrier and short for a buyer waiting.
    /// </summary>
    public static readonly TimeSpan NotReceivedAfterShipping = TimeSpan.FromDays(7);

    private readonly List<ComplaintPhoto> _photos = [];
    private readonly List<ComplaintEvent> _events = [];

    private Complaint() { }

    public int Id { get; private set; }
    public int OrderId { get; private set; }
    public string OrderNumber { get; private set; } = "";
    public Guid CheckoutId { get; private set; }
    public int ProducerId { get; private set; }

    /// <summary>The signed-in buyer of the order; null for a guest, who acts through the order's secret link.</summary>
    public string? BuyerUserId { get; private set; }

    public PaymentMethod Payment { get; private set; }
    public long OrderTotalVnd { get; private set; }

    public ComplaintReason Reason { get; private set; }
    public string Text { get; private set; } = "";
    public ComplaintStatus Status { get; private set; }

    /// <summary>
    /// The order id while the complaint is not settled, null after: its unique index keeps one open complaint per
    /// order whoever races to open one (a plain unique column works the same on SQLite and PostgreSQL).
    /// </summary>
    public int? OpenOrderId { get; private set; }

    public DateTime OpenedAt { get; private set; }
    public DateTime AnswerDueAt { get; private set; }
    public DateTime? AnsweredAt { get; private set; }
    public ComplaintOffer? Offer { get; private set; }
    public string? Answer { get; private set; }
    public DateTime? EscalatedAt { get; private set; }
    public ComplaintParty? EscalatedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public ComplaintDecision? Decision { get; private set; }

    /// <summary>The officer's reason or note; the buyer and the producer see it.</summary>
    public string? DecisionNote { get; private set; }

    /// <summary>The refund's reference: Stripe's refund id for a card, the bank transfer's reference the officer typed otherwise.</summary>
    public string? RefundReference { get; private set; }
    public string? DecidedByUserId { get; private set; }
    public DateTime? ClosedAt { get; private set; }

    public IReadOnlyList<ComplaintPhoto> Photos => _photos;
    public IReadOnlyList<ComplaintEvent> Events => _events;

    public bool IsOpen => Status is ComplaintStatus.AwaitingProducer or ComplaintStatus.Answered or ComplaintStatus.WithOfficer;

    /// <summary>The producer let the deadline pass: it is the officer's now, even before a worker recorded it.</summary>
    public bool IsOverdue(DateTime nowUtc) => Status == ComplaintStatus.AwaitingProducer && nowUtc > AnswerDueAt;

    /// <summary>With an officer: escalated, or overdue (computed on read, so every node agrees without waiting for the worker).</summary>
    public bool IsWithOfficer(DateTime nowUtc) => Status == ComplaintStatus.WithOfficer || IsOverdue(nowUtc);

    /// <summary>When the order reached the buyer: its last Delivered event.</summary>
    public static DateTime? DeliveredAtOf(Order order) =>
        order.Events.Where(e => e.Status == OrderStatus.Delivered).Select(e => (DateTime?)e.AtUtc).Max();

    public static DateTime? ShippedAtOf(Order order) =>
        order.Events.Where(e => e.Status == OrderStatus.Shipped).Select(e => (DateTime?)e.AtUtc).Max();

    /// <summary>Why this order cannot be complained about now for this reason; nothing when it can.</summary>
    public static void EnsureMayOpen(Order order, ComplaintReason reason, int returnDays, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!Enum.IsDefined(reason)) throw new DomainException(new("Hãy chọn lý do khiếu nại.", "Please choose what went wrong."));
        var delivered = order.Status == OrderStatus.Delivered ? DeliveredAtOf(order) : null;
        if (reason == ComplaintReason.NotReceived)
        {
            // Marked delivered but never came: within the return days of that mark, as for goods that arrived.
            if (delivered is { } d)
            {
                if (nowUtc > d.AddDays(returnDays)) throw TooLate(returnDays);
                return;
            }
            if (order.Status == OrderStatus.Shipped && ShippedAtOf(order) is { } shipped)
            {
                if (nowUtc >= shipped + NotReceivedAfterShipping) return;
                var from = shipped + NotReceivedAfterShipping;
                throw new DomainException(new(
                    $"Đơn đang được vận chuyển. Nếu đến {Local(from)} vẫn chưa nhận được hàng, bạn có thể khiếu nại “chưa nhận được hàng”.",
                    $"The order is on its way. If it has not arrived by {Local(from)}, you can complain that it was not received."));
            }
            throw NotYet;
        }
        if (delivered is not { } at) throw new DomainException(new(
            "Chỉ khiếu nại về hàng hoá được sau khi đơn đã giao tới bạn.",
            "You can complain about the goods once the order has been delivered to you."));
        if (nowUtc > at.AddDays(returnDays)) throw TooLate(returnDays);
    }

    private static DomainException NotYet => new(new(
        "Đơn chưa được giao cho đơn vị vận chuyển nên chưa khiếu nại được; bạn vẫn có thể huỷ đơn.",
        "The order has not been handed to the carrier yet, so it cannot be complained about; you can still cancel it."));

    private static DomainException TooLate(int days) => new(new(
        $"Đã quá {days} ngày kể từ khi nhận hàng nên không mở khiếu nại được nữa. Hãy liên hệ OcopMarket nếu cần.",
        $"It is more than {days} days since delivery, so a complaint can no longer be opened. Please contact OcopMarket if you need help."));

    private static string Local(DateTime utc) => utc.Add(VietnamClock.Offset).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The buyer opens a complaint about their order; the producer has <paramref name="answerDays"/> working days to answer.</summary>
    public static Complaint Open(Order order, ComplaintReason reason, string text, int returnDays, int answerDays, DateTime nowUtc)
    {
        EnsureMayOpen(order, reason, returnDays, nowUtc);
        var complaint = new Complaint
        {
            OrderId = order.Id,
            OrderNumber = order.Number,
            CheckoutId = order.CheckoutId,
            ProducerId = order.ProducerId,
            BuyerUserId = order.BuyerUserId,
            Payment = order.Payment,
            OrderTotalVnd = order.TotalVnd,
            Reason = reason,
            Text = CheckText(text),
            Status = ComplaintStatus.AwaitingProducer,
            OpenOrderId = order.Id,
            OpenedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
            AnswerDueAt = WorkingDays.DeadlineAfter(nowUtc, answerDays),
        };
        complaint._events.Add(new ComplaintEvent(ComplaintStep.Opened, ComplaintParty.Buyer, nowUtc, null));
        return complaint;
    }

    public void AddPhoto(ComplaintPhoto photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        if (_photos.Count >= MaxPhotos) throw TooManyPhotos;
        photo.Position = _photos.Count;
        _photos.Add(photo);
    }

    /// <summary>
    /// The buyer's account is deleted (Law 91/2025/QH15, the right to erasure). The complaint stays as the record of what
    /// was decided and refunded — reason, dates, offer, decision, refund reference, amount, every step's time and party:
    /// a refund is an accounting record, and the producer's complaint rate counts it. Everything written in words goes
    /// (the buyer's text and notes, and the producer's and officer's too, since a reply names the buyer as often as not:
    /// the reading that protects the buyer), with the account link and the photos. Returns the photo files to delete.
    /// Only a settled complaint: an open one still needs its buyer (<see cref="Privacy.Domain.ErasureRules"/>).
    /// </summary>
    public IReadOnlyList<string> Anonymise(string erased)
    {
        if (IsOpen) throw new InvalidOperationException("An open complaint is settled before its buyer is erased.");
        BuyerUserId = null;
        Text = erased;
        if (Answer is not null) Answer = erased;
        if (DecisionNote is not null) DecisionNote = erased;
        foreach (var step in _events) step.EraseNote(erased);
        var files = _photos.SelectMany(p => new[] { p.DisplayPath, p.ThumbnailPath }).ToList();
        _photos.Clear();
        return files;
    }

    public static DomainException TooManyPhotos => new(new(
        $"Mỗi khiếu nại có tối đa {MaxPhotos} ảnh.", $"A complaint can have at most {MaxPhotos} photos."));

    /// <summary>The order's producer answers, before the deadline: an offer (refund, replacement) or a reply.</summary>
    public void AnswerByProducer(int producerId, ComplaintOffer offer, string text, DateTime nowUtc)
    {
        if (producerId != ProducerId) throw NotFound;
        if (Status != ComplaintStatus.AwaitingProducer) throw new DomainException(new(
            "Khiếu nại này đã được trả lời hoặc không còn chờ bạn.", "This complaint has already been answered or no longer waits for you."));
        if (IsOverdue(nowUtc)) throw new DomainException(new(
            "Đã quá hạn trả lời: khiếu nại đã chuyển cho cán bộ OcopMarket quyết định.",
            "The time to answer has passed: the complaint has gone to an OcopMarket officer to decide."));
        if (!Enum.IsDefined(offer)) throw new DomainException(new("Hãy chọn cách giải quyết.", "Please choose what you offer."));
        var answer = (text ?? "").Trim();
        if (answer.Length == 0) throw new DomainException(new("Hãy viết câu trả lời cho người mua.", "Please write your answer to the buyer."));
        if (answer.Length > MaxAnswerLength) throw new DomainException(new(
            $"Câu trả lời tối đa {MaxAnswerLength} ký tự.", $"An answer is at most {MaxAnswerLength} characters."));
        Offer = offer;
        Answer = answer;
        AnsweredAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        Status = ComplaintStatus.Answered;
        _events.Add(new ComplaintEvent(ComplaintStep.Answered, ComplaintParty.Producer, nowUtc, answer));
    }

    /// <summary>The buyer accepts the producer's answer: the complaint is settled.</summary>
    /// <param name="refundReference">Stripe's refund id, when the accepted offer was a refund of a card order.</param>
    public void AcceptByBuyer(DateTime nowUtc, string? refundReference = null)
    {
        EnsureAcceptable();
        Status = ComplaintStatus.Resolved;
        RefundReference = refundReference;
        Close(nowUtc);
        _events.Add(new ComplaintEvent(ComplaintStep.Accepted, ComplaintParty.Buyer, nowUtc, null));
    }

    public void EnsureAcceptable()
    {
        if (Status != ComplaintStatus.Answered) throw new DomainException(new(
            "Chỉ chấp nhận được khi nhà sản xuất đã trả lời.", "You can accept only once the producer has answered."));
    }

    /// <summary>The buyer does not accept the answer and asks an officer to decide.</summary>
    public void EscalateByBuyer(string? note, DateTime nowUtc)
    {
        if (Status != ComplaintStatus.Answered) throw new DomainException(new(
            "Bạn chuyển cho cán bộ được sau khi nhà sản xuất trả lời; nếu họ không trả lời đúng hạn, khiếu nại tự chuyển.",
            "You can take it to an officer once the producer has answered; if they do not answer in time, it goes there by itself."));
        var trimmed = (note ?? "").Trim();
        if (trimmed.Length > MaxReasonLength) trimmed = trimmed[..MaxReasonLength];
        Escalate(ComplaintParty.Buyer, trimmed.Length == 0 ? null : trimmed, nowUtc);
    }

    /// <summary>The deadline passed without an answer: recorded once (the caller claims the row so only one node does).</summary>
    public bool EscalateIfOverdue(DateTime nowUtc)
    {
        if (!IsOverdue(nowUtc)) return false;
        Escalate(ComplaintParty.Deadline, null, AnswerDueAt);
        return true;
    }

    private void Escalate(ComplaintParty by, string? note, DateTime atUtc)
    {
        Status = ComplaintStatus.WithOfficer;
        EscalatedAt = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
        EscalatedBy = by;
        _events.Add(new ComplaintEvent(ComplaintStep.Escalated, by, atUtc, note));
    }

    /// <summary>What an officer's decision needs, checked before any money moves.</summary>
    public void EnsureDecidable(ComplaintDecision decision, string? note, string? refundReference, DateTime nowUtc)
    {
        if (!IsWithOfficer(nowUtc)) throw new DomainException(new(
            "Khiếu nại này chưa (hoặc không còn) chờ cán bộ quyết định.", "This complaint is not (or no longer) waiting for an officer."));
        if (!Enum.IsDefined(decision)) throw new DomainException(new("Hãy chọn quyết định.", "Please choose a decision."));
        var trimmed = (note ?? "").Trim();
        if (decision == ComplaintDecision.Rejected && trimmed.Length == 0) throw new DomainException(new(
            "Hãy ghi lý do từ chối để người mua biết.", "Please give the reason for rejecting, so the buyer knows."));
        if (trimmed.Length > MaxReasonLength) throw new DomainException(new(
            $"Lý do tối đa {MaxReasonLength} ký tự.", $"A reason is at most {MaxReasonLength} characters."));
        if (decision == ComplaintDecision.Refund && Payment != PaymentMethod.Card)
        {
            var reference = (refundReference ?? "").Trim();
            if (reference.Length == 0) throw new DomainException(new(
                "Đơn không trả bằng thẻ: hãy nhập mã giao dịch chuyển khoản hoàn tiền cho người mua.",
                "The order was not paid by card: please enter the reference of the bank transfer that refunds the buyer."));
            if (reference.Length > MaxReferenceLength) throw new DomainException(new(
                $"Mã giao dịch tối đa {MaxReferenceLength} ký tự.", $"A reference is at most {MaxReferenceLength} characters."));
        }
    }

    /// <summary>An officer decides; a refund carries its reference (Stripe's refund id, or the transfer's reference).</summary>
    public void Decide(string officerUserId, ComplaintDecision decision, string? note, string? refundReference, DateTime nowUtc)
    {
        EnsureDecidable(decision, note, refundReference, nowUtc);
        if (decision == ComplaintDecision.Refund && string.IsNullOrWhiteSpace(refundReference))
            throw new InvalidOperationException("A refund is decided with its reference.");
        if (Status == ComplaintStatus.AwaitingProducer) EscalateIfOverdue(nowUtc); // overdue, the worker not there yet
        var trimmed = (note ?? "").Trim();
        Decision = decision;
        DecisionNote = trimmed.Length == 0 ? null : trimmed;
        RefundReference = decision == ComplaintDecision.Refund ? refundReference!.Trim() : null;
        DecidedByUserId = officerUserId;
        DecidedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        Status = ComplaintStatus.Decided;
        Close(nowUtc);
        _events.Add(new ComplaintEvent(ComplaintStep.Decided, ComplaintParty.Officer, nowUtc, DecisionNote));
    }

    private void Close(DateTime nowUtc)
    {
        ClosedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        OpenOrderId = null;
    }

    private static string CheckText(string? text)
    {
        var trimmed = (text ?? "").Trim().ReplaceLineEndings("\n");
        if (trimmed.Length < MinTextLength) throw new DomainException(new(
            $"Hãy mô tả sự việc (ít nhất {MinTextLength} ký tự).", $"Please describe what happened (at least {MinTextLength} characters)."));
        if (trimmed.Length > MaxTextLength) throw new DomainException(new(
            $"Nội dung khiếu nại tối đa {MaxTextLength} ký tự (bạn đã viết {trimmed.Length}).",
            $"A complaint is at most {MaxTextLength} characters (yours has {trimmed.Length})."));
        return trimmed;
    }

    public static NotFoundException NotFound => new(new("Không tìm thấy khiếu nại.", "Complaint not found."));
}
