using System.Net;
using System.Net.Sockets;

namespace OcopMarket.Core.Orders;

/// <summary>One text per client address, so what the checkout stores and what an officer types compare equal.</summary>
public static class ClientAddress
{
    /// <summary>IPv4 as dotted quads even when the server listens on IPv6 ("::ffff:203.0.113.7" is 203.0.113.7).</summary>
    public static string Canonical(IPAddress address) =>
        (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    /// <summary>
    /// The address to cap and store for a checkout, or null when the connection comes from this machine or a private
    /// network: that is a reverse proxy whose forwarded address was not applied, and capping it would cap every buyer
    /// behind it at once.
    /// </summary>
    public static string? OfBuyer(IPAddress? remote)
    {
        if (remote is null) return null;
        var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        if (IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || address.IsIPv6UniqueLocal) return null;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            if (b[0] == 10 || b[0] == 172 && b[1] is >= 16 and <= 31 || b[0] == 192 && b[1] == 168 || b[0] == 169 && b[1] == 254) return null;
        }
        return address.ToString();
    }
}
