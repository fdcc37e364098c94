using System.Net;
using System.Net.Sockets;

namespace OcopMarket.Core.Webhooks;

/// <summary>
/// The HTTP client deliveries go out on. Its connect step resolves the host itself and refuses the connection
/// when any address the name has is not public (<see cref="WebhookTargetPolicy.IsPublic"/>), then connects to the
/// address it checked: a name re-pointed at a private address after it was saved (DNS rebinding) is caught at the
/// moment it matters. Redirects are not followed and no proxy is used, so nothing but the checked address is reached.
/// </summary>
public static class WebhookHttp
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static SocketsHttpHandler CreateHandler(bool allowLocal) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2), // a changed DNS answer is seen within minutes
        ConnectCallback = async (context, ct) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
            if (addresses.Length == 0) throw new SocketException((int)SocketError.HostNotFound);
            if (!allowLocal && addresses.FirstOrDefault(a => !WebhookTargetPolicy.IsPublic(a)) is { } refused)
                throw new WebhookTargetRefusedException(host, refused);
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    public static HttpClient CreateClient(bool allowLocal) => new(CreateHandler(allowLocal)) { Timeout = Timeout };
}
