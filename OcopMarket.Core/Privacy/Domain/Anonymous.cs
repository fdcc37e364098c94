namespace OcopMarket.Core.Privacy.Domain;

/// <summary>What erased personal data is replaced with, where a record has to stay (orders for the accounts).</summary>
public static class Anonymous
{
    /// <summary>An order's or a booking's recipient once the buyer's data was erased.</summary>
    public const string Buyer = "Đã ẩn danh / Anonymised";

    /// <summary>The text of an email about an erased person's order (it named them); not empty, so one still unsent can go.</summary>
    public const string EmailBody = "(Nội dung đã xoá theo yêu cầu của người mua. / Content erased at the buyer's request.)";

    /// <summary>A handled request's text once its requester was erased.</summary>
    public const string RequestText = "(đã xoá / erased)";
}
