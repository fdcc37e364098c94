using OcopMarket.Core.Orders;
using OcopMarket.Web.Startup;

namespace OcopMarket.Web.Components.Pages.Orders;

/// <summary>Absolute order links for emails, which are often written with no request at hand (a worker, a webhook).</summary>
public sealed class OrderLinks(PublicAddress site) : IOrderLinks
{
    public string BuyerOrder(Guid checkoutId, string? accessToken) => site.Absolute(OrderPaths.BuyerOrder(checkoutId, accessToken));

    public string ProducerOrder(string orderNumber) => site.Absolute(OrderPaths.ProducerOrderByNumber(orderNumber));
}
