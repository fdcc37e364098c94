using System.Net;
using System.Net.Sockets;
using OcopMarket.Core.Common;
using OcopMarket.Core.Webhooks.Domain;

namespace OcopMarket.Core.Webhooks;

/// <summary>
/// Where a webhook may go. A producer types the address, so without these rules the marketplace's servers would post
/// to whatever the producer names, including the database, the cloud's metadata service (169.254.169.254) or an
/// admin port on the same network (server-side request forgery). Checked twice: when the address is saved
/// (<see cref="CheckUrl"/>, a clear message), and at every connection (<see cref="WebhookHttp"/>) against the
/// addresses the name resolves to then, since a name can be pointed at a private address after it was saved.
/// With <c>allowLocal</c> (Development and tests only, <see cref="WebhookOptions.AllowLocalTargets"/>) plain http
/// and local addresses are allowed, so a receiver on the developer's own machine works.
/// </summary>
public static class WebhookTargetPolicy
{
    public static Uri CheckUrl(string? text, bool allowLocal)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
            throw new DomainException(new("Hãy nhập địa chỉ nhận sự kiện (https://…).", "Enter the address that receives the events (https://…)."));
        if (trimmed.Length > WebhookEndpoint.MaxUrlLength)
            throw new DomainException(new($"Địa chỉ dài tối đa {WebhookEndpoint.MaxUrlLength} ký tự.", $"The address is at most {WebhookEndpoint.MaxUrlLength} characters."));
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            throw new DomainException(new("Địa chỉ không hợp lệ; hãy nhập đầy đủ, ví dụ https://kho.example.vn/ocop.",
                "Not a valid address; enter it in full, e.g. https://shop.example.com/ocop."));
        if (url.Scheme != Uri.UriSchemeHttps && !allowLocal)
            throw new DomainException(new("Địa chỉ phải dùng https:// để sự kiện đơn hàng được mã hoá trên đường truyền.",
                "The address must use https:// so order events are encrypted in transit."));
        if (url.UserInfo.Length > 0 || url.Fragment.Length > 0)
            throw new DomainException(new("Địa chỉ không được chứa tên đăng nhập, mật khẩu hay phần “#…”.",
                "The address must not contain a user name, password or a “#…” part."));
        if (!allowLocal && IsLocalName(url))
            throw new DomainException(new("Không gửi được tới địa chỉ nội bộ hay riêng; hãy dùng một địa chỉ công khai trên Internet.",
                "Events cannot go to an internal or private address; use a public address on the Internet."));
        return url;
    }

    /// <summary>A name that is, or can only be, a local or private address: an IP literal that is not public, or localhost.</summary>
    private static bool IsLocalName(Uri url) =>
        url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            ? !IsPublic(IPAddress.Parse(url.IdnHost.Trim('[', ']')))
            : url.IdnHost.Equals("localhost", StringComparison.OrdinalIgnoreCase)
              || url.IdnHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
              || !url.IdnHost.Contains('.');

    /// <summary>
    /// True for an address on the public Internet; false for loopback, private (RFC 1918, IPv6 unique local),
    /// link-local (the metadata services), carrier-grade NAT, unspecified, multicast, reserved and documentation
    /// ranges, and for IPv6 forms that carry such an IPv4 address (mapped, NAT64, 6to4).
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 || b[0] >= 224
                || (b[0] == 100 && b[1] is >= 64 and <= 127)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] is >= 16 and <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
                || (b[0] == 198 && b[1] is 18 or 19)
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                || (b[0] == 203 && b[1] == 0 && b[2] == 113));
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;
        if (IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6Any.Equals(address)) return false;
        var v6 = address.GetAddressBytes();
        if ((v6[0] & 0xfe) == 0xfc) return false;                              // fc00::/7 unique local
        if (v6[0] == 0xfe && (v6[1] & 0xc0) is 0x80 or 0xc0) return false;     // fe80::/10 link-local, fec0::/10 site-local
        if (v6[0] == 0xff) return false;                                       // multicast
        if (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0d && v6[3] == 0xb8) return false; // 2001:db8::/32 documentation
        if (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b)  // 64:ff9b::/96 NAT64: the IPv4 inside
            return IsPublic(new IPAddress(v6[12..16]));
        if (v6[0] == 0x20 && v6[1] == 0x02)                                    // 2002::/16 6to4: the IPv4 inside
            return IsPublic(new IPAddress(v6[2..6]));
        if (v6[..12].All(x => x == 0)) return false;                           // ::/96 IPv4-compatible (deprecated)
        return true;
    }
}

/// <summary>A delivery's address resolved to one that <see cref="WebhookTargetPolicy.IsPublic"/> refuses.</summary>
public sealed class WebhookTargetRefusedException(string host, IPAddress address)
    : Exception($"{host} resolves to {address}, which is not a public address; webhooks are not sent there.");
