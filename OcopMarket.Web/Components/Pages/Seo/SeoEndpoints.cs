using System.Text;
using System.Xml;
using OcopMarket.Core.Catalog;

namespace OcopMarket.Web.Components.Pages.Seo;

public static class SeoEndpoints
{
    public static void MapSeoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/robots.txt", (HttpContext http) =>
            Results.Text($"User-agent: *\nDisallow: /language/\nSitemap: {Routes.Base(http.Request)}/sitemap.xml\n", "text/plain", Encoding.UTF8));

        app.MapGet("/sitemap.xml", async (HttpContext http, StorefrontService storefront, CancellationToken ct) =>
        {
            var entries = await storefront.GetSitemapAsync(ct);
            var site = Routes.Base(http.Request);
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
                Url(Routes.Catalog);
                foreach (var (slug, modified) in entries.Products) Url(Routes.Product(slug), modified);
                foreach (var slug in entries.Producers) Url(Routes.Producer(slug));
                xml.WriteEndElement();
            }
            // XmlWriter over a StringBuilder declares utf-16; the response is UTF-8, so say so.
            var body = sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"");
            return Results.Text(body, "application/xml", Encoding.UTF8);
        });
    }
}
