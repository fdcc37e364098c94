using System.Net;
using AngleSharp.Html.Parser;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Startup;

/// <summary>
/// A repeat visit downloads only the page: every stylesheet, script and image a public page references is a
/// fingerprinted URL that MapStaticAssets serves as immutable for a year.
/// </summary>
public sealed class AssetCachingHttpTests : IClassFixture<OcopWebFactory>
{
    private readonly OcopWebFactory _factory;

    public AssetCachingHttpTests(OcopWebFactory factory)
    {
        // Development serves static assets with "no-cache" so edits show at once; the flag gives them Production's headers.
        factory.Settings["EnableStaticAssetsDevelopmentCaching"] = "true";
        _factory = factory;
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/san-pham")]
    [InlineData("/san-pham/mam-ca-me-vinh")]
    public async Task Every_stylesheet_script_and_image_of_a_public_page_is_cached_as_immutable(string path)
    {
        var client = _factory.CreateClient();
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(path));
        var urls = page.QuerySelectorAll("link[rel=stylesheet], link[rel=icon]").Select(l => l.GetAttribute("href"))
            .Concat(page.QuerySelectorAll("script[src], img[src]").Select(s => s.GetAttribute("src")))
            .Select(u => u!).Distinct().ToList();
        Assert.Contains(urls, u => u.Contains("blazor.web.", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.Contains("app.", StringComparison.Ordinal) && u.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.Contains("logo.", StringComparison.Ordinal));

        foreach (var url in urls)
        {
            var response = await client.GetAsync(new Uri(new Uri("http://localhost/"), url)); // the page's <base href="/">
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            var cache = response.Headers.CacheControl;
            Assert.True(cache?.MaxAge >= TimeSpan.FromDays(365) && cache.Extensions.Any(e => e.Name == "immutable"),
                $"{url} is cached as \"{cache}\"");
        }
    }
}
