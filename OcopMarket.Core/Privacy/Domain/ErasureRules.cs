using OcopMarket.Core.Common;

namespace OcopMarket.Core.Privacy.Domain;

/// <summary>What happens to the person's reviews when their account is deleted: their choice.</summary>
public enum ReviewChoice
{
    /// <summary>The reviews stay, anonymised: score, text, photos and reply, under "Người mua đã xoá tài khoản".</summary>
    KeepAnonymised = 1,
    /// <summary>The reviews and their photos are deleted (the product's score no longer counts them).</summary>
    Delete = 2,
}

/// <param name="OpenOrders">The person's orders not yet delivered or cancelled.</param>
/// <param name="ProducerId">The producer the account acts for, if any.</param>
/// <param name="OtherProducerAccounts">Other accounts acting for the same producer.</param>
/// <param name="ProducerOpenOrders">The producer's orders not yet delivered or cancelled.</param>
/// <param name="OpenComplaints">The person's complaints not yet settled (waiting for the producer, answered, with an officer).</param>
public sealed record ErasureCheck(int OpenOrders, int? ProducerId, int OtherProducerAccounts, int ProducerOpenOrders, int OpenComplaints = 0);

/// <summary>When an account may not be deleted yet, and why, in words for its owner.</summary>
public static class ErasureRules
{
    /// <summary>
    /// Null when the account may go. An order on its way still needs its delivery details, so the buyer waits until it
    /// is delivered or cancels it. A producer's last account with orders to fulfil would leave buyers without a seller,
    /// so it waits too (the officer can suspend the producer, whose open orders are then cancelled or fulfilled).
    /// </summary>
    public static UserText? Refusal(ErasureCheck c)
    {
        if (c.OpenOrders > 0)
            return new($"Bạn còn {c.OpenOrders} đơn hàng đang xử lý. Đơn đang giao cần địa chỉ và số điện thoại của bạn: hãy chờ nhận hàng hoặc huỷ đơn, rồi xoá tài khoản.",
                $"You have {c.OpenOrders} orders in progress. An order on its way needs your address and phone: wait until it arrives or cancel it, then delete the account.");
        if (c.OpenComplaints > 0) return OpenComplaintsRefusal(c.OpenComplaints);
        if (c.ProducerId is not null && c.OtherProducerAccounts == 0 && c.ProducerOpenOrders > 0)
            return new($"Đây là tài khoản duy nhất của nhà sản xuất và cửa hàng còn {c.ProducerOpenOrders} đơn chưa hoàn tất. Hãy giao hoặc huỷ các đơn đó (hoặc liên hệ cán bộ chương trình) trước khi xoá tài khoản.",
                $"This is the producer's only account and the shop has {c.ProducerOpenOrders} unfinished orders. Deliver or cancel them (or contact a programme officer) before deleting the account.");
        return null;
    }

    /// <summary>
    /// A complaint still being handled needs its buyer: the decision, and a refund or a replacement, has to reach them
    /// (Law 122/2025/QH15 gives the buyer the right to have it settled). Deleting would leave it with nobody to answer, so
    /// the person waits for the decision (or accepts the producer's answer), then deletes.
    /// </summary>
    public static UserText OpenComplaintsRefusal(int open) =>
        new($"Bạn còn {open} khiếu nại đang được giải quyết. Quyết định (và khoản hoàn tiền, nếu có) cần đến được với bạn: khi nhà sản xuất đã trả lời, hãy đồng ý hoặc chuyển cán bộ; khi khiếu nại đã xong, bạn xoá được tài khoản.",
            $"You have {open} complaints still being handled. The decision (and any refund) has to reach you: once the producer has answered, accept the answer or take it to an officer; when the complaint is settled, you can delete the account.");

    /// <summary>A producer's last account going leaves nobody to hold its API tokens: they are revoked.</summary>
    public static bool RevokesProducerTokens(ErasureCheck c) => c.ProducerId is not null && c.OtherProducerAccounts == 0;
}
