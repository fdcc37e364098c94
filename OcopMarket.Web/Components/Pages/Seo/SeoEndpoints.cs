using System.Globalization;
using System.Text;
using System.Xml;
using OcopMarket.Core.Catalog;
using OcopMarket.Web.Localization;

namespace OcopMarket.Web.Components.Pages.Seo;

/// <summary>
/// robots.txt and the sitemap. /sitemap.xml is a sitemap index: one file for the home, catalog and producer pages,
/// then the products in files of at most <see cref="SitemapSettings.UrlsPerFile"/> (the protocol allows 50,000 URLs
/// a file). Each file is written to the response as the rows are read, so a large catalog costs no memory. Every
/// address is the public one (<see cref="Routes.Base"/>), never the request's Host.
/// </summary>
public static class SeoEndpoints
{
    private const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public const string PagesFile = "/sitemap-pages.xml";

    public static string ProductsFile(int number) => $"/sitemap-products-{number}.xml";

    public static void MapSeoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/robots.txt", (HttpContext http) =>
            Results.Text($"User-agent: *\nDisallow: /language/\nSitemap: {Routes.Base(http.Request)}/sitemap.xml\n", "text/plain", Encoding.UTF8));

        app.MapGet("/sitemap.xml", async (HttpContext http, StorefrontService storefront, SitemapSettings settings, CancellationToken ct) =>
        {
            var files = ProductFileCount(await storefront.CountPublishedProductsAsync(ct), settings.UrlsPerFile);
            var site = Routes.Base(http.Request);
            await WriteAsync(http, "sitemapindex", async xml =>
            {
                await EntryAsync(xml, "sitemap", site + PagesFile);
                for (var n = 1; n <= files; n++) await EntryAsync(xml, "sitemap", site + ProductsFile(n));
            }, ct);
        });

        app.MapGet(PagesFile, async (HttpContext http, StorefrontService storefront, CancellationToken ct) =>
        {
            var site = Routes.Base(http.Request);
            await WriteAsync(http, "urlset", async xml =>
            {
                await PageAsync(xml, site, "/");
                await PageAsync(xml, site, Routes.Catalog);
                await PageAsync(xml, site, OcopMarket.Web.Components.Pages.Programme.ProgrammeRoutes.Dashboard);
                await foreach (var slug in storefront.SitemapProducersAsync(ct)) await PageAsync(xml, site, Lang.VietnameseUrl(Routes.Producer(slug)));
            }, ct);
        });

        app.MapGet("/sitemap-products-{number:int}.xml", async (int number, HttpContext http, StorefrontService storefront, SitemapSettings settings,
            CancellationToken ct) =>
        {
            if (number < 1 || number > ProductFileCount(await storefront.CountPublishedProductsAsync(ct), settings.UrlsPerFile)) return Results.NotFound();
            var site = Routes.Base(http.Request);
            await WriteAsync(http, "urlset", async xml =>
            {
                await foreach (var (slug, modified) in storefront.SitemapProductsAsync(number, settings.UrlsPerFile, ct))
                    await PageAsync(xml, site, Lang.VietnameseUrl(Routes.Product(slug)), modified);
            }, ct);
            return Results.Empty;
        });
    }

    public static int ProductFileCount(int products, int perFile) => (products + perFile - 1) / perFile;

    /// <summary>An XML document straight onto the response body (UTF-8, asynchronous writes only, as Kestrel wants).</summary>
    private static async Task WriteAsync(HttpContext http, string root, Func<XmlWriter, Task> body, CancellationToken ct)
    {
        http.Response.ContentType = "application/xml; charset=utf-8";
        await using var xml = XmlWriter.Create(http.Response.Body,
            new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) });
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, root, Namespace);
        if (root == "urlset") await xml.WriteAttributeStringAsync("xmlns", "xhtml", null, XhtmlNamespace);
        await body(xml);
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
        ct.ThrowIfCancellationRequested();
    }

    private static async Task EntryAsync(XmlWriter xml, string element, string location, DateTime? lastModified = null,
        Func<XmlWriter, Task>? more = null)
    {
        await xml.WriteStartElementAsync(null, element, Namespace);
        await xml.WriteElementStringAsync(null, "loc", Namespace, location);
        if (lastModified is { } d) await xml.WriteElementStringAsync(null, "lastmod", Namespace, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (more is not null) await more(xml);
        await xml.WriteEndElementAsync();
    }

    private const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";

    /// <summary>
    /// A store page at its Vietnamese address, with its two languages as hreflang alternates (as the page's own head
    /// says): the English URLs are found through these without doubling the URLs a file may hold.
    /// </summary>
    private static Task PageAsync(XmlWriter xml, string site, string vietnamesePath, DateTime? lastModified = null) =>
        EntryAsync(xml, "url", site + vietnamesePath, lastModified, async x =>
        {
            foreach (var (language, path) in new[] { ("vi", vietnamesePath), ("en", Lang.EnglishUrl(vietnamesePath)) })
            {
                await x.WriteStartElementAsync("xhtml", "link", XhtmlNamespace);
                await x.WriteAttributeStringAsync(null, "rel", null, "alternate");
                await x.WriteAttributeStringAsync(null, "hreflang", null, language);
                await x.WriteAttributeStringAsync(null, "href", null, site + path);
                await x.WriteEndElementAsync();
            }
        });
}
