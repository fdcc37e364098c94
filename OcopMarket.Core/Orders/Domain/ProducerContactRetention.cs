namespace OcopMarket.Core.Orders.Domain;

/// <summary>
/// How long a producer keeps seeing a buyer's phone and address: while the order is open, and for a number of days
/// after it was delivered or cancelled (Legal:ProducerContactDays). After that only the name stays, which is enough to
/// recognise an order and answer a complaint through the marketplace (Law 91/2025/QH15: data kept no longer than its
/// purpose needs; the privacy notice promises it).
/// </summary>
public static class ProducerContactRetention
{
    public static bool Hides(OrderStatus status, IEnumerable<OrderEvent> events, DateTime nowUtc, int days)
    {
        if (status is not (OrderStatus.Delivered or OrderStatus.Cancelled)) return false;
        var closedAt = events.Where(e => e.Status == status).Select(e => (DateTime?)e.AtUtc).Max();
        return closedAt is { } at && nowUtc >= at.AddDays(days);
    }

    /// <summary>The address with the phone, street and note blanked: the commune and province stay, for the producer's figures.</summary>
    public static DeliveryAddress Masked(DeliveryAddress address) => address with { Phone = "", Street = "", Note = null };
}
