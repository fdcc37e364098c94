using System.Net;
using System.Xml.Linq;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Catalog;

/// <summary>The app with 100 product URLs to a sitemap file, so the 256 seeded products make three files.</summary>
public sealed class SmallSitemapWebFactory : OcopWebFactory
{
    public SmallSitemapWebFactory() => Settings["Sitemap:UrlsPerFile"] = "100";
}

/// <summary>/sitemap.xml is an index of a pages file and product files of at most Sitemap:UrlsPerFile URLs.</summary>
public sealed class SitemapHttpTests(SmallSitemapWebFactory factory) : IClassFixture<SmallSitemapWebFactory>
{
    private static readonly XNamespace Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private readonly HttpClient _client = factory.CreateClient();

    private async Task<XDocument> GetXmlAsync(string path)
    {
        var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", body);
        return XDocument.Parse(body); // throws unless well-formed
    }

    [Fact]
    public async Task The_index_points_at_the_pages_file_and_three_product_files()
    {
        var index = await GetXmlAsync("/sitemap.xml");
        Assert.Equal(Ns + "sitemapindex", index.Root!.Name);
        var locations = index.Root.Elements(Ns + "sitemap").Select(s => s.Element(Ns + "loc")!.Value).ToList();
        Assert.All(locations, l => Assert.StartsWith("http://localhost/", l)); // the public address, absolute
        Assert.Equal(["/sitemap-pages.xml", "/sitemap-products-1.xml", "/sitemap-products-2.xml", "/sitemap-products-3.xml"],
            locations.Select(l => new Uri(l).AbsolutePath));
    }

    [Fact]
    public async Task Every_product_is_in_exactly_one_file_with_its_last_modification_date()
    {
        var urls = new List<XElement>();
        var sizes = new List<int>();
        for (var n = 1; n <= 3; n++)
        {
            var file = await GetXmlAsync($"/sitemap-products-{n}.xml");
            Assert.Equal(Ns + "urlset", file.Root!.Name);
            var entries = file.Root.Elements(Ns + "url").ToList();
            sizes.Add(entries.Count);
            urls.AddRange(entries);
        }
        Assert.Equal([100, 100, 56], sizes);
        var locations = urls.Select(u => u.Element(Ns + "loc")!.Value).ToList();
        Assert.All(locations, l => Assert.StartsWith("http://localhost/san-pham/", l));
        Assert.Equal(256, locations.Distinct().Count());
        Assert.All(urls, u => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", u.Element(Ns + "lastmod")!.Value));
    }

    [Fact]
    public async Task The_pages_file_has_the_home_catalog_programme_and_producer_pages()
    {
        var file = await GetXmlAsync("/sitemap-pages.xml");
        var locations = file.Root!.Elements(Ns + "url").Select(u => new Uri(u.Element(Ns + "loc")!.Value).AbsolutePath).ToList();
        Assert.Equal(["/", "/san-pham", "/chuong-trinh"], locations.Take(3));
        Assert.Contains("/nha-san-xuat/hop-tac-xa-van-huong", locations);
        Assert.All(locations.Skip(3), l => Assert.StartsWith("/nha-san-xuat/", l));
        Assert.Equal(locations.Count, locations.Distinct().Count());
    }

    [Theory]
    [InlineData("/sitemap-products-0.xml")]
    [InlineData("/sitemap-products-4.xml")]
    [InlineData("/sitemap-products-99999999999.xml")]
    public async Task A_product_file_past_the_last_is_not_found(string path)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(path)).StatusCode);
    }
}
