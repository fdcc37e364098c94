using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Complaints.Domain;
using OcopMarket.Core.Email.Domain;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Complaints;

/// <summary>
/// The emails of each complaint step, queued in the outbox in the same SaveChanges as the step (so they commit or roll
/// back with it), each in Vietnamese then English, to the other side: the producer hears of an opening, an
/// escalation and a decision; the buyer of an answer, an escalation and a decision; the officers of an escalation.
/// Links are absolute (Site:PublicUrl). A guest's order secret is kept only as a hash, so a guest's email tells them
/// to open the link of their order email instead.
/// </summary>
public sealed class ComplaintNotifications(IComplaintLinks links)
{
    public async Task QueueAsync(OcopDbContext db, Complaint c, ComplaintStep step, string? buyerEmail, CancellationToken ct)
    {
        var at = c.Events.Count > 0 ? c.Events[^1].AtUtc : c.OpenedAt;
        var producer = await db.Users.Where(u => u.ProducerId == c.ProducerId && u.Email != null).Select(u => u.Email!).ToListAsync(ct);
        var (vi, en) = (ComplaintTexts.Reason(c.Reason), ComplaintTexts.ReasonEn(c.Reason));
        var buyerLink = c.BuyerUserId is null
            ? "Mở đơn hàng bằng liên kết trong email xác nhận đơn, rồi chọn “Khiếu nại”.\nOpen your order with the link in your order email, then choose “Complaint”."
            : $"Xem khiếu nại / See the complaint: {links.Buyer(c.CheckoutId, c.OrderId)}";
        var producerLink = $"Xem trong cổng nhà sản xuất / Open in the producer portal: {links.Producer()}";
        var due = Local(c.AnswerDueAt);

        void ToBuyer(string subject, string body)
        {
            if (buyerEmail is not null) db.OutboxEmails.Add(new OutboxEmail(buyerEmail, subject, body + "\n\n" + buyerLink + "\n", at));
        }

        void ToProducer(string subject, string body)
        {
            foreach (var to in producer) db.OutboxEmails.Add(new OutboxEmail(to, subject, body + "\n\n" + producerLink + "\n", at));
        }

        switch (step)
        {
            case ComplaintStep.Opened:
                ToProducer($"Khiếu nại mới về đơn {c.OrderNumber} / New complaint",
                    $"Người mua đã khiếu nại đơn {c.OrderNumber}: {vi}.\n“{c.Text}”\nHãy trả lời trước {due} (giờ Việt Nam); nếu không, cán bộ OcopMarket sẽ quyết định.\n\n" +
                    $"The buyer has complained about order {c.OrderNumber}: {en}.\nPlease answer by {due} (Vietnam time); otherwise an OcopMarket officer decides.");
                ToBuyer($"Đã nhận khiếu nại đơn {c.OrderNumber} / Complaint received",
                    $"Chúng tôi đã chuyển khiếu nại của bạn ({vi}) tới nhà sản xuất. Họ trả lời trước {due}; nếu không, cán bộ OcopMarket sẽ quyết định.\n\n" +
                    $"Your complaint ({en}) was passed to the producer. They answer by {due}; otherwise an OcopMarket officer decides.");
                break;
            case ComplaintStep.Answered:
                ToBuyer($"Nhà sản xuất đã trả lời khiếu nại đơn {c.OrderNumber} / The producer answered",
                    $"Nhà sản xuất đề nghị: {ComplaintTexts.Offer(c.Offer)}.\n“{c.Answer}”\nHãy đồng ý hoặc chuyển cho cán bộ OcopMarket quyết định.\n\n" +
                    $"The producer offers: {ComplaintTexts.OfferEn(c.Offer)}.\nAccept it, or take it to an OcopMarket officer to decide.");
                break;
            case ComplaintStep.Accepted:
                ToProducer($"Người mua đã đồng ý cách giải quyết đơn {c.OrderNumber} / The buyer accepted",
                    $"Người mua đã đồng ý: {ComplaintTexts.Offer(c.Offer)}. Khiếu nại đã đóng." +
                    (c.RefundReference is { } r ? $" Đã hoàn {Money.FormatVnd(c.OrderTotalVnd)} về thẻ của người mua ({r})." : "") +
                    $"\n\nThe buyer accepted: {ComplaintTexts.OfferEn(c.Offer)}. The complaint is closed.");
                break;
            case ComplaintStep.Escalated:
                var why = c.EscalatedBy == ComplaintParty.Deadline
                    ? ("nhà sản xuất không trả lời đúng hạn", "the producer did not answer in time")
                    : ("người mua chưa đồng ý với câu trả lời", "the buyer did not accept the answer");
                ToBuyer($"Khiếu nại đơn {c.OrderNumber} đã chuyển cho cán bộ / Gone to an officer",
                    $"Khiếu nại của bạn đã chuyển cho cán bộ OcopMarket quyết định ({why.Item1}).\n\nYour complaint has gone to an OcopMarket officer to decide ({why.Item2}).");
                ToProducer($"Khiếu nại đơn {c.OrderNumber} đã chuyển cho cán bộ / Gone to an officer",
                    $"Khiếu nại đơn {c.OrderNumber} đã chuyển cho cán bộ OcopMarket quyết định ({why.Item1}).\n\nThe complaint about order {c.OrderNumber} has gone to an OcopMarket officer ({why.Item2}).");
                var officers = await (from user in db.Users
                                      join userRole in db.UserRoles on user.Id equals userRole.UserId
                                      join role in db.Roles on userRole.RoleId equals role.Id
                                      where role.Name == Roles.Admin && user.Email != null
                                      select user.Email!).Distinct().ToListAsync(ct);
                foreach (var to in officers)
                    db.OutboxEmails.Add(new OutboxEmail(to, $"[OcopMarket] Khiếu nại đơn {c.OrderNumber} chờ quyết định / Complaint to decide",
                        $"Khiếu nại đơn {c.OrderNumber} ({vi}) cần cán bộ quyết định: {why.Item1}.\nComplaint about order {c.OrderNumber} ({en}) needs a decision: {why.Item2}.\n\n{links.Officer()}\n", at));
                break;
            case ComplaintStep.Decided:
                var decision = ComplaintTexts.Decision(c);
                var decisionEn = ComplaintTexts.DecisionEn(c);
                ToBuyer($"Quyết định về khiếu nại đơn {c.OrderNumber} / Decision on your complaint",
                    $"Cán bộ OcopMarket đã quyết định: {decision}.\n\nAn OcopMarket officer decided: {decisionEn}.");
                ToProducer($"Quyết định về khiếu nại đơn {c.OrderNumber} / Decision on a complaint",
                    $"Cán bộ OcopMarket đã quyết định: {decision}.\n\nAn OcopMarket officer decided: {decisionEn}.");
                break;
        }
    }

    private static string Local(DateTime utc) => utc.Add(VietnamClock.Offset).ToString("HH:mm dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The words of complaint values for emails (the pages have their own labels in Web).</summary>
public static class ComplaintTexts
{
    public static string Reason(ComplaintReason r) => r switch
    {
        ComplaintReason.NotReceived => "chưa nhận được hàng",
        ComplaintReason.Damaged => "hàng bị hư hỏng",
        ComplaintReason.NotAsDescribed => "hàng không đúng mô tả",
        ComplaintReason.CounterfeitLabel => "nghi nhãn truy xuất bị làm giả",
        _ => r.ToString(),
    };

    public static string ReasonEn(ComplaintReason r) => r switch
    {
        ComplaintReason.NotReceived => "not received",
        ComplaintReason.Damaged => "damaged",
        ComplaintReason.NotAsDescribed => "not as described",
        ComplaintReason.CounterfeitLabel => "the traceability label looks counterfeit",
        _ => r.ToString(),
    };

    public static string Offer(ComplaintOffer? o) => o switch
    {
        ComplaintOffer.Refund => "hoàn tiền",
        ComplaintOffer.Replacement => "gửi hàng thay thế",
        _ => "trả lời (không đề nghị hoàn tiền hay đổi hàng)",
    };

    public static string OfferEn(ComplaintOffer? o) => o switch
    {
        ComplaintOffer.Refund => "a refund",
        ComplaintOffer.Replacement => "a replacement",
        _ => "a reply (no refund or replacement)",
    };

    public static string Decision(Complaint c) => c.Decision switch
    {
        ComplaintDecision.Refund => $"hoàn {Money.FormatVnd(c.OrderTotalVnd)} cho người mua (mã {c.RefundReference})",
        ComplaintDecision.Replacement => "nhà sản xuất gửi hàng thay thế",
        ComplaintDecision.Rejected => "từ chối khiếu nại",
        _ => "",
    } + (c.DecisionNote is { } n ? $" — {n}" : "");

    public static string DecisionEn(Complaint c) => c.Decision switch
    {
        ComplaintDecision.Refund => $"refund {Money.FormatVnd(c.OrderTotalVnd)} to the buyer (reference {c.RefundReference})",
        ComplaintDecision.Replacement => "the producer sends a replacement",
        ComplaintDecision.Rejected => "the complaint is rejected",
        _ => "",
    } + (c.DecisionNote is { } n ? $" — {n}" : "");
}
