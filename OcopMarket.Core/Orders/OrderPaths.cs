namespace OcopMarket.Core.Orders;

/// <summary>The addresses of order pages, for every page, endpoint and email that links to one.</summary>
public static class OrderPaths
{
    /// <summary>The buyer's page of a checkout's orders, with the guest link's secret when there is one.</summary>
    public static string BuyerOrder(Guid checkoutId, string? accessToken) =>
        $"/don-hang/{checkoutId}" + (string.IsNullOrEmpty(accessToken) ? "" : $"?t={Uri.EscapeDataString(accessToken)}");

    public const string MyOrders = "/don-hang";

    /// <summary>The .ics file of a checkout's bookings: its order page's address (and secret) with "/lich.ics" after the id.</summary>
    public static string CalendarFileOf(string orderLink)
    {
        var query = orderLink.IndexOf('?');
        return query < 0 ? orderLink + "/lich.ics" : orderLink[..query] + "/lich.ics" + orderLink[query..];
    }

    /// <summary>The buyer's cancel form posts here.</summary>
    public const string BuyerCancel = "/don-hang/huy";

    public const string ProducerOrders = "/portal/orders";

    public static string ProducerOrder(int orderId) => $"{ProducerOrders}/{orderId}";

    /// <summary>The same portal page found by the order's number: emails about an order being placed know no id yet.</summary>
    public static string ProducerOrderByNumber(string orderNumber) => $"{ProducerOrders}/number/{Uri.EscapeDataString(orderNumber)}";
}
