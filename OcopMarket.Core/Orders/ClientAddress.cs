using System.Net;

namespace OcopMarket.Core.Orders;

/// <summary>One text per client address, so what the checkout stores and what an officer types compare equal.</summary>
public static class ClientAddress
{
    /// <summary>IPv4 as dotted quads even when the server listens on IPv6 ("::ffff:203.0.113.7" is 203.0.113.7).</summary>
    public static string Canonical(IPAddress address) =>
        (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
