using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace OcopMarket.Web.Startup;

/// <summary>
/// The shop's public origin ("https://ocopmarket.vn"), the base of every absolute URL it hands out: reset and
/// confirmation links, order links in emails, printed QR labels, linksets, the sitemap, canonical and Open Graph
/// URLs, Stripe's return addresses. It is Site:PublicUrl (required outside Development), never the request's Host
/// header, which anyone can set: a forged Host must not turn a genuine reset email into a link to another site.
/// In Development without Site:PublicUrl it is the address this server listens on.
/// </summary>
public sealed class PublicAddress(SiteOptions site, IServer server)
{
    private string? _origin;

    /// <summary>
    /// The configured public URL, else the address the server listens on. That address is only remembered once it is
    /// real: the Development seed writes order emails (links included) before Kestrel has bound its port, when a
    /// dynamic port still reads ":0", and remembering that broke every later link.
    /// </summary>
    public string Origin
    {
        get
        {
            if (_origin is not null) return _origin;
            if (site.PublicUrl is { } configured) return _origin = configured;
            var listening = ListeningAddress();
            if (listening is null || listening.EndsWith(":0", StringComparison.Ordinal)) return listening ?? "http://localhost";
            return _origin = listening;
        }
    }

    /// <summary>An absolute URL of a path on this site ("/san-pham/x" → "https://ocopmarket.vn/san-pham/x").</summary>
    public string Absolute(string path) => Origin + (path.StartsWith('/') ? path : "/" + path);

    private string? ListeningAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .OrderBy(a => a.StartsWith("https://", StringComparison.Ordinal) ? 1 : 0) // http first: dev certs aside
            .FirstOrDefault();
        if (address is null) return null;
        // Kestrel reports wildcard bindings as they were given ("http://[::]:5032"); a link needs a host name.
        var uri = new Uri(address.Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://+", "://localhost").Replace("://*", "://localhost"));
        return uri.GetLeftPart(UriPartial.Authority);
    }
}
