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
public sealed record ErasureCheck(int OpenOrders, int? ProducerId, int OtherProducerAccounts, int ProducerOpenOrders);

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
        if (c.ProducerId is not null && c.OtherProducerAccounts == 0 && c.ProducerOpenOrders > 0)
            return new($"Đây là tài khoản duy nhất của nhà sản xuất và cửa hàng còn {c.ProducerOpenOrders} đơn chưa hoàn tất. Hãy giao hoặc huỷ các đơn đó (hoặc liên hệ cán bộ chương trình) trước khi xoá tài khoản.",
                $"This is the producer's only account and the shop has {c.ProducerOpenOrders} unfinished orders. Deliver or cancel them (or contact a programme officer) before deleting the account.");
        return null;
    }

    /// <summary>A producer's last account going leaves nobody to hold its API tokens: they are revoked.</summary>
    public static bool RevokesProducerTokens(ErasureCheck c) => c.ProducerId is not null && c.OtherProducerAccounts == 0;
}
