using System.Net;
using OcopMarket.Core.Common;

namespace OcopMarket.Web.Startup;

/// <summary>
/// The "Site" section. PublicUrl: the address people reach the shop at ("https://ocopmarket.vn"); every absolute
/// URL is built from it (<see cref="PublicAddress"/>), and outside Development it is required. TrustedProxies: the
/// reverse proxies (IP addresses or networks such as 10.0.0.0/8) whose X-Forwarded-For and X-Forwarded-Proto are
/// believed, so a proxy that terminates TLS yields https, Secure cookies and the client's own IP.
/// </summary>
public sealed class SiteOptions : IValidatedSettings
{
    public const string Section = "Site";

    public string? PublicUrl { get; set => field = string.IsNullOrWhiteSpace(value) ? null : value.Trim().TrimEnd('/'); }

    public List<string> TrustedProxies { get; set; } = [];

    public Uri? PublicUri => PublicUrl is null ? null : new Uri(PublicUrl);

    public IEnumerable<string> Problems()
    {
        if (PublicUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            yield return $"Site:PublicUrl must be an absolute http(s) URL (got '{url}').";
        foreach (var proxy in TrustedProxies)
        {
            if (!IPAddress.TryParse(proxy, out _) && !IPNetwork.TryParse(proxy, out _))
                yield return $"Site:TrustedProxies: '{proxy}' is neither an IP address nor a network like 10.0.0.0/8.";
        }
    }
}
