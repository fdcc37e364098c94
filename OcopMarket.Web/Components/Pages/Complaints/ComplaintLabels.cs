using OcopMarket.Core.Common;
using OcopMarket.Core.Complaints;
using OcopMarket.Core.Complaints.Domain;
using static OcopMarket.Web.Localization.Lang;

namespace OcopMarket.Web.Components.Pages.Complaints;

/// <summary>Complaint values in words, Vietnamese first, for the buyer's page, the portal and the officers' desk.</summary>
public static class ComplaintLabels
{
    public static string Reason(ComplaintReason r) => r switch
    {
        ComplaintReason.NotReceived => T("Chưa nhận được hàng", "Not received"),
        ComplaintReason.Damaged => T("Hàng bị hư hỏng, vỡ", "Damaged or broken"),
        ComplaintReason.NotAsDescribed => T("Không đúng mô tả", "Not as described"),
        ComplaintReason.CounterfeitLabel => T("Nghi nhãn truy xuất bị làm giả", "The traceability label looks counterfeit"),
        _ => r.ToString(),
    };

    public static string Status(ComplaintView c) => c.Status switch
    {
        ComplaintStatus.AwaitingProducer when c.Overdue => T("Quá hạn trả lời — chờ cán bộ quyết định", "Not answered in time — waiting for an officer"),
        ComplaintStatus.AwaitingProducer => T("Chờ nhà sản xuất trả lời", "Waiting for the producer's answer"),
        ComplaintStatus.Answered => T("Nhà sản xuất đã trả lời — chờ người mua", "The producer answered — waiting for the buyer"),
        ComplaintStatus.WithOfficer => T("Chờ cán bộ quyết định", "Waiting for an officer's decision"),
        ComplaintStatus.Resolved => T("Đã giải quyết (người mua đồng ý)", "Settled (the buyer accepted)"),
        ComplaintStatus.Decided => T("Cán bộ đã quyết định", "An officer decided"),
        _ => c.Status.ToString(),
    };

    /// <summary>A complaint's state in a few words, for its line on the order page.</summary>
    public static string Summary(ComplaintStatus status, bool withOfficer) => status switch
    {
        _ when withOfficer && status is ComplaintStatus.AwaitingProducer or ComplaintStatus.WithOfficer => T("chờ cán bộ quyết định", "waiting for an officer"),
        ComplaintStatus.AwaitingProducer => T("chờ nhà sản xuất trả lời", "waiting for the producer"),
        ComplaintStatus.Answered => T("nhà sản xuất đã trả lời", "the producer answered"),
        ComplaintStatus.Resolved => T("đã giải quyết", "settled"),
        ComplaintStatus.Decided => T("cán bộ đã quyết định", "an officer decided"),
        _ => status.ToString(),
    };

    public static string Offer(ComplaintOffer? o) => o switch
    {
        ComplaintOffer.Refund => T("Hoàn tiền", "Refund"),
        ComplaintOffer.Replacement => T("Gửi hàng thay thế", "Send a replacement"),
        _ => T("Chỉ trả lời", "Reply only"),
    };

    public static string Decision(ComplaintDecision? d) => d switch
    {
        ComplaintDecision.Refund => T("Hoàn tiền cho người mua", "Refund the buyer"),
        ComplaintDecision.Replacement => T("Nhà sản xuất gửi hàng thay thế", "The producer sends a replacement"),
        ComplaintDecision.Rejected => T("Từ chối khiếu nại", "Reject the complaint"),
        _ => "",
    };

    public static string Step(ComplaintEventView e) => e.Step switch
    {
        ComplaintStep.Opened => T("Người mua mở khiếu nại", "The buyer opened the complaint"),
        ComplaintStep.Answered => T("Nhà sản xuất trả lời", "The producer answered"),
        ComplaintStep.Escalated when e.By == ComplaintParty.Deadline => T("Quá hạn trả lời, chuyển cho cán bộ", "Not answered in time, passed to an officer"),
        ComplaintStep.Escalated => T("Người mua chuyển cho cán bộ", "The buyer took it to an officer"),
        ComplaintStep.Accepted => T("Người mua đồng ý", "The buyer accepted"),
        ComplaintStep.Decided => T("Cán bộ quyết định", "An officer decided"),
        _ => e.Step.ToString(),
    };

    /// <summary>Where the deadline stands, for the portal and the desk.</summary>
    public static string Deadline(ComplaintView c, DateTime nowUtc)
    {
        if (c.Status != ComplaintStatus.AwaitingProducer) return c.Status == ComplaintStatus.Answered
            ? T($"Đã trả lời lúc {Local(c.AnsweredAt!.Value)}", $"Answered at {Local(c.AnsweredAt!.Value)}") : "";
        if (c.Overdue) return T($"Quá hạn từ {Local(c.AnswerDueAt)}", $"Overdue since {Local(c.AnswerDueAt)}");
        var left = WorkingDays.Between(nowUtc, c.AnswerDueAt);
        return T($"Hạn trả lời {Local(c.AnswerDueAt)} (còn {left} ngày làm việc)", $"Answer by {Local(c.AnswerDueAt)} ({left} working days left)");
    }

    public static string DaysOpen(int days) => T($"{days} ngày", days == 1 ? "1 day" : $"{days} days");

    public static string Local(DateTime utc) => utc.Add(VietnamClock.Offset).ToString("HH:mm dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
