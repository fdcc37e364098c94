using OcopMarket.Core.Common;
using OcopMarket.Core.Complaints.Domain;
using OcopMarket.Core.Orders.Domain;

namespace OcopMarket.Tests.Complaints;

/// <summary>Working days, who may complain when, and every step of a complaint: plain C#, no database.</summary>
public sealed class ComplaintDomainTests
{
    private static readonly TimeSpan Vn = VietnamClock.Offset;

    /// <summary>A Vietnamese wall-clock time as UTC.</summary>
    private static DateTime At(int y, int m, int d, int h = 10, int min = 0) =>
        DateTime.SpecifyKind(new DateTime(y, m, d, h, min, 0) - Vn, DateTimeKind.Utc);

    private static readonly DateTime Shipped = At(2026, 11, 2);
    private static readonly DateTime Delivered = At(2026, 11, 4);

    private static Order Order(bool deliver = true, PaymentMethod payment = PaymentMethod.CashOnDelivery)
    {
        var order = new Order("OCM-1", Guid.NewGuid(), 2, payment, [new OrderLine(3, "Chè Tân Cương", "hộp", 150_000, 1)], 30_000,
            Shipped.AddDays(-2), paymentWindow: payment == PaymentMethod.CashOnDelivery ? null : TimeSpan.FromDays(3),
            buyerUserId: "buyer-1", buyerEmail: "mai@example.test");
        if (payment == PaymentMethod.CashOnDelivery) order.ConfirmByProducer(Shipped.AddDays(-1));
        else if (payment == PaymentMethod.Card) order.MarkPaidByCard("pi_1", Shipped.AddDays(-1));
        else order.MarkPaid(Shipped.AddDays(-1));
        order.Pack(Shipped.AddHours(-2));
        order.Ship("Viettel Post", "VTP1", Shipped);
        if (deliver) order.Deliver(Delivered);
        return order;
    }

    private static Complaint Opened(DateTime at, ComplaintReason reason = ComplaintReason.Damaged, Order? order = null) =>
        Complaint.Open(order ?? Order(), reason, "Hộp chè bị móp, túi bên trong rách.", returnDays: 7, answerDays: 3, at);

    [Theory]
    // Opened on a weekday: the next three weekdays, the whole last day in time.
    [InlineData(2026, 12, 2, 10, 2026, 12, 7)]   // Wednesday → Thu, Fri, Mon
    [InlineData(2026, 12, 4, 16, 2026, 12, 9)]   // Friday afternoon → Mon, Tue, Wed
    [InlineData(2026, 12, 5, 9, 2026, 12, 9)]    // Saturday → Mon, Tue, Wed
    [InlineData(2026, 12, 6, 23, 2026, 12, 9)]   // Sunday late → Mon, Tue, Wed
    [InlineData(2026, 12, 7, 0, 2026, 12, 10)]   // Monday just after midnight → Tue, Wed, Thu
    public void Three_working_days_end_at_the_end_of_the_third_weekday_after_the_opening_day(int y, int m, int d, int h, int dy, int dm, int dd)
    {
        var due = WorkingDays.DeadlineAfter(At(y, m, d, h), 3);
        var local = due + Vn;
        Assert.Equal(new DateTime(dy, dm, dd), local.Date);
        Assert.Equal(new TimeSpan(23, 59, 59), new TimeSpan(local.Hour, local.Minute, local.Second));
        Assert.Equal(DateTimeKind.Utc, due.Kind);
        Assert.True(WorkingDays.IsWorkingDay(DateOnly.FromDateTime(local)));
    }

    [Fact]
    public void The_day_in_Vietnam_decides_not_the_UTC_day()
    {
        // 23:30 on Friday 4 December in Vietnam is still Friday there (16:30 UTC): due Wednesday, not Thursday.
        var due = WorkingDays.DeadlineAfter(At(2026, 12, 4, 23, 30), 3) + Vn;
        Assert.Equal(new DateTime(2026, 12, 9), due.Date);
        Assert.Equal(5, WorkingDays.Between(At(2026, 12, 4), At(2026, 12, 11)));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDays.DeadlineAfter(At(2026, 12, 4), 0));
    }

    [Fact]
    public void A_buyer_opens_a_complaint_about_delivered_goods_within_the_return_days_and_not_after()
    {
        var c = Opened(Delivered.AddDays(7));
        Assert.Equal(ComplaintStatus.AwaitingProducer, c.Status);
        Assert.Equal(c.OrderId, c.OpenOrderId);
        Assert.Equal(WorkingDays.DeadlineAfter(Delivered.AddDays(7), 3), c.AnswerDueAt);
        var opened = Assert.Single(c.Events);
        Assert.Equal((ComplaintStep.Opened, ComplaintParty.Buyer), (opened.Step, opened.By));

        var late = Assert.Throws<DomainException>(() => Opened(Delivered.AddDays(7).AddMinutes(1)));
        Assert.Contains("7 ngày", late.Text.Vi);
        Assert.Contains("7 days", late.Text.En);
    }

    [Fact]
    public void Goods_not_yet_delivered_can_only_be_complained_about_as_not_received_a_week_after_shipping()
    {
        var inTransit = Order(deliver: false);
        Assert.Throws<DomainException>(() => Opened(Shipped.AddDays(1), ComplaintReason.Damaged, inTransit));
        var tooSoon = Assert.Throws<DomainException>(() => Opened(Shipped.AddDays(6), ComplaintReason.NotReceived, inTransit));
        Assert.Contains("09/11/2026", tooSoon.Text.Vi);
        var c = Opened(Shipped.AddDays(7), ComplaintReason.NotReceived, inTransit);
        Assert.Equal(ComplaintReason.NotReceived, c.Reason);
        // Marked delivered but never came: as goods that arrived, within the return days of the mark.
        Opened(Delivered.AddDays(3), ComplaintReason.NotReceived);
    }

    [Fact]
    public void A_complaint_needs_a_description_and_at_most_three_photos()
    {
        Assert.Throws<DomainException>(() => Complaint.Open(Order(), ComplaintReason.Damaged, "móp", 7, 3, Delivered.AddDays(1)));
        var c = Opened(Delivered.AddDays(1));
        for (var i = 0; i < Complaint.MaxPhotos; i++) c.AddPhoto(new ComplaintPhoto($"c/{i}.webp", $"c/{i}-t.webp", 800, 600));
        Assert.Throws<DomainException>(() => c.AddPhoto(new ComplaintPhoto("c/x.webp", "c/x-t.webp", 800, 600)));
        Assert.Equal([0, 1, 2], c.Photos.Select(p => p.Position));
    }

    [Fact]
    public void The_producer_answers_in_time_and_the_buyer_accepts_which_settles_it()
    {
        var c = Opened(Delivered.AddDays(1));
        Assert.Throws<NotFoundException>(() => c.AnswerByProducer(99, ComplaintOffer.Refund, "Xin lỗi", c.AnswerDueAt));
        Assert.Throws<DomainException>(() => c.AnswerByProducer(2, ComplaintOffer.Refund, " ", c.AnswerDueAt));
        Assert.Throws<DomainException>(() => c.AcceptByBuyer(c.AnswerDueAt)); // nothing to accept yet

        c.AnswerByProducer(2, ComplaintOffer.Replacement, "Chúng tôi gửi hộp mới ngay.", c.AnswerDueAt);

        Assert.Equal(ComplaintStatus.Answered, c.Status);
        Assert.False(c.IsWithOfficer(c.AnswerDueAt.AddDays(30))); // answered: the deadline no longer matters
        c.AcceptByBuyer(c.AnswerDueAt.AddHours(1));
        Assert.Equal(ComplaintStatus.Resolved, c.Status);
        Assert.Null(c.OpenOrderId); // another complaint about the order may be opened now
        Assert.NotNull(c.ClosedAt);
        Assert.Equal([ComplaintStep.Opened, ComplaintStep.Answered, ComplaintStep.Accepted], c.Events.Select(e => e.Step));
        Assert.Throws<DomainException>(() => c.EscalateByBuyer(null, c.AnswerDueAt.AddHours(2)));
    }

    [Fact]
    public void Past_the_deadline_unanswered_it_is_the_officers_on_read_and_once_recorded()
    {
        var c = Opened(Delivered.AddDays(1));
        Assert.False(c.IsWithOfficer(c.AnswerDueAt));
        Assert.False(c.EscalateIfOverdue(c.AnswerDueAt));
        var late = c.AnswerDueAt.AddTicks(1);
        Assert.True(c.IsOverdue(late));
        Assert.True(c.IsWithOfficer(late));
        Assert.Throws<DomainException>(() => c.AnswerByProducer(2, ComplaintOffer.Refund, "Xin lỗi", late));

        Assert.True(c.EscalateIfOverdue(late));
        Assert.False(c.EscalateIfOverdue(late.AddHours(1))); // once
        Assert.Equal(ComplaintStatus.WithOfficer, c.Status);
        Assert.Equal(ComplaintParty.Deadline, c.EscalatedBy);
        var escalated = c.Events[^1];
        Assert.Equal((ComplaintStep.Escalated, c.AnswerDueAt), (escalated.Step, escalated.AtUtc));
    }

    [Fact]
    public void The_buyer_escalates_an_answer_and_the_officer_decides_with_a_reason_or_a_reference()
    {
        var c = Opened(Delivered.AddDays(1));
        Assert.Throws<DomainException>(() => c.EscalateByBuyer("Không đồng ý", Delivered.AddDays(1))); // only after an answer
        Assert.Throws<DomainException>(() => c.Decide("officer", ComplaintDecision.Rejected, "Không đủ bằng chứng", null, Delivered.AddDays(1)));
        c.AnswerByProducer(2, ComplaintOffer.ReplyOnly, "Hàng rời kho còn nguyên.", Delivered.AddDays(2));
        c.EscalateByBuyer("Ảnh cho thấy hộp rách từ trước.", Delivered.AddDays(2));
        Assert.Equal((ComplaintStatus.WithOfficer, ComplaintParty.Buyer), (c.Status, c.EscalatedBy));

        Assert.Throws<DomainException>(() => c.EnsureDecidable(ComplaintDecision.Rejected, " ", null, Delivered.AddDays(3)));
        // Cash on delivery: the refund is a transfer the officer made, named by its reference.
        var noReference = Assert.Throws<DomainException>(() => c.EnsureDecidable(ComplaintDecision.Refund, null, null, Delivered.AddDays(3)));
        Assert.Contains("transfer", noReference.Text.En);

        c.Decide("officer-1", ComplaintDecision.Refund, "Ảnh cho thấy hàng hỏng khi giao.", "VCB 123456789", Delivered.AddDays(3));

        Assert.Equal(ComplaintStatus.Decided, c.Status);
        Assert.Equal(("VCB 123456789", "officer-1"), (c.RefundReference, c.DecidedByUserId));
        Assert.Null(c.OpenOrderId);
        Assert.Equal([ComplaintStep.Opened, ComplaintStep.Answered, ComplaintStep.Escalated, ComplaintStep.Decided], c.Events.Select(e => e.Step));
        Assert.Throws<DomainException>(() => c.Decide("officer-2", ComplaintDecision.Rejected, "x", null, Delivered.AddDays(4)));
    }

    [Fact]
    public void An_officer_decides_an_overdue_complaint_before_the_worker_recorded_it_and_the_timeline_says_so()
    {
        var c = Opened(Delivered.AddDays(1), order: Order(payment: PaymentMethod.Card));
        var late = c.AnswerDueAt.AddHours(2);
        // A card refund's reference is Stripe's refund id, which the service passes; no typed reference is needed first.
        c.EnsureDecidable(ComplaintDecision.Refund, null, null, late);
        c.Decide("officer-1", ComplaintDecision.Refund, null, "re_1", late);
        Assert.Equal([ComplaintStep.Opened, ComplaintStep.Escalated, ComplaintStep.Decided], c.Events.Select(e => e.Step));
        Assert.Equal(ComplaintParty.Deadline, c.EscalatedBy);
    }

    [Fact]
    public void A_card_order_refunded_after_delivery_keeps_its_status_and_is_refunded_once()
    {
        var order = Order(payment: PaymentMethod.Card);
        order.RecordRefundAfterDelivery("re_1", Delivered.AddDays(2));
        order.RecordRefundAfterDelivery("re_2", Delivered.AddDays(3));
        Assert.Equal(("re_1", OrderStatus.Delivered), (order.RefundId, order.Status));
        Assert.Throws<DomainException>(() => Order().RecordRefundAfterDelivery("re_3", Delivered)); // cash on delivery
    }

    [Fact]
    public void Erasing_the_buyer_keeps_what_was_decided_and_refunded_and_loses_every_word_and_photo()
    {
        var complaint = Opened(Delivered.AddDays(1));
        complaint.AddPhoto(new ComplaintPhoto("complaints/a.webp", "complaints/a-t.webp", 800, 600));
        Assert.Throws<InvalidOperationException>(() => complaint.Anonymise("x")); // open: its buyer is still needed
        complaint.AnswerByProducer(2, ComplaintOffer.ReplyOnly, "Chị Mai ơi, hàng đã kiểm kỹ", Delivered.AddDays(2));
        complaint.EscalateByBuyer("Gọi 0912345678", Delivered.AddDays(3));
        complaint.Decide("officer-1", ComplaintDecision.Refund, "Hoàn cho chị Mai", "CK-889", Delivered.AddDays(4));

        var files = complaint.Anonymise("(erased)");

        Assert.Equal(["complaints/a.webp", "complaints/a-t.webp"], files);
        Assert.Empty(complaint.Photos);
        Assert.Equal((null, "(erased)", "(erased)", "(erased)"), (complaint.BuyerUserId, complaint.Text, complaint.Answer, complaint.DecisionNote));
        Assert.Equal((ComplaintDecision.Refund, "CK-889", 180_000L, ComplaintStatus.Decided),
            (complaint.Decision, complaint.RefundReference, complaint.OrderTotalVnd, complaint.Status));
        Assert.Equal([ComplaintStep.Opened, ComplaintStep.Answered, ComplaintStep.Escalated, ComplaintStep.Decided], complaint.Events.Select(e => e.Step));
        Assert.All(complaint.Events, e => Assert.True(e.Note is null or "(erased)", e.Note));
    }

    [Fact]
    public void Erasing_a_label_reporter_keeps_the_scan_and_drops_their_contact_and_words()
    {
        var report = new LabelReport(1, "TC-1", "ABCDEFGH", 3, "Chè", 2, "1ABCDEFGH", 1, 40, Delivered, "0912345678", "Tôi là Mai", "buyer-1", Delivered);
        report.Unlink("(erased)");
        Assert.Equal((null, null, "(erased)", "1ABCDEFGH", 40L), (report.ReporterUserId, report.Contact, report.Note, report.Serial, report.ScanCount));
    }
}
