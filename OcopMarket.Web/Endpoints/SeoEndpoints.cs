using System.Text;
using System.Xml;
using OcopMarket.Core.Services.Catalog;

namespace OcopMarket.Web.Endpoints;

public static class SeoEndpoints
{
    public static void MapSeoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/robots.txt", (HttpContext http) =>
            Results.Text($"User-agent: *\nDisallow: /language/\nSitemap: {SiteUrl.Base(http.Request)}/sitemap.xml\n", "text/plain", Encoding.UTF8));

        app.MapGet("/sitemap.xml", async (HttpContext http, StorefrontService storefront, CancellationToken ct) =>
        {
            var entries = await storefront.GetSitemapAsync(ct);
            var site = SiteUrl.Base(http.Request);
            var sb = new StringBuilder();
            using (var xml = XmlWriter.Create(sb, new XmlWriterSettings { Indent = false, Encoding = Encoding.UTF8 }))
            {
                const string ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
                xml.WriteStartElement("urlset", ns);
                void Url(string path, DateTime? lastModified = null)
                {
                    xml.WriteStartElement("url", ns);
                    xml.WriteElementString("loc", ns, site + path);
                    if (lastModified is { } d) xml.WriteElementString("lastmod", ns, d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                    xml.WriteEndElement();
                }
                Url("/");
                Url(SiteUrl.Catalog);
                foreach (var (slug, modified) in entries.Products) Url(SiteUrl.Product(slug), modified);
                foreach (var slug in entries.Producers) Url(SiteUrl.Producer(slug));
                xml.WriteEndElement();
            }
            // XmlWriter over a StringBuilder declares utf-16; the response is UTF-8, so say so.
            var body = sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"");
            return Results.Text(body, "application/xml", Encoding.UTF8);
        });
    }
}

/// <summary>The public URLs of the shop, in one place so links, canonical tags and the sitemap agree.</summary>
public static class SiteUrl
{
    public const string Catalog = "/san-pham";

    public static string Product(string slug) => $"/san-pham/{Uri.EscapeDataString(slug)}";

    public static string Producer(string slug) => $"/nha-san-xuat/{Uri.EscapeDataString(slug)}";

    /// <summary>
    /// The site's public origin: "Site:PublicUrl" when set (behind a proxy, or so printed QR labels always carry the
    /// real address), otherwise the one this request came to.
    /// </summary>
    public static string Base(HttpRequest request) =>
        request.HttpContext.RequestServices.GetService<SiteOptions>()?.PublicUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
}

/// <param name="PublicUrl">"https://ocopmarket.vn", or null to use each request's own origin.</param>
public sealed record SiteOptions(string? PublicUrl)
{
    public static SiteOptions From(IConfiguration configuration)
    {
        var url = configuration["Site:PublicUrl"];
        if (string.IsNullOrWhiteSpace(url)) return new((string?)null);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"Site:PublicUrl must be an absolute http(s) URL (got '{url}').");
        return new(url.TrimEnd('/'));
    }
}
