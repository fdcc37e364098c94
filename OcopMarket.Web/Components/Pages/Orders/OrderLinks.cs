using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OcopMarket.Core.Orders;
using OcopMarket.Web.Startup;

namespace OcopMarket.Web.Components.Pages.Orders;

/// <summary>
/// Absolute order links for emails, which are written with no request at hand (a worker expiring orders, a
/// webhook): the configured Site:PublicUrl, else the address this server listens on (Development).
/// </summary>
public sealed class OrderLinks(SiteOptions site, IServer server) : IOrderLinks
{
    public string BuyerOrder(Guid checkoutId, string? accessToken) => Base() + OrderPaths.BuyerOrder(checkoutId, accessToken);

    public string ProducerOrder(string orderNumber) => Base() + OrderPaths.ProducerOrderByNumber(orderNumber);

    private string Base() =>
        site.PublicUrl
        ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/')
        ?? "http://localhost";
}
