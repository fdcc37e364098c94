namespace OcopMarket.Core.Privacy.Domain;

/// <summary>What erased personal data is replaced with, where a record has to stay (orders for the accounts).</summary>
public static class Anonymous
{
    /// <summary>An order's or a booking's recipient once the buyer's data was erased.</summary>
    public const string Buyer = "Đã ẩn danh / Anonymised";

    /// <summary>A handled request's text once its requester was erased.</summary>
    public const string RequestText = "(đã xoá / erased)";
}
