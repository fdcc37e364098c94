using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Traceability;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Startup;

namespace OcopMarket.Tests.Startup;

/// <summary>The site's icon is there to be found, and a file that is not gets a few bytes, not the HTML page.</summary>
public sealed class MissingStaticFileHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    [Fact]
    public async Task Favicon_ico_is_a_small_icon()
    {
        var response = await factory.CreateClient().GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.InRange(bytes.Length, 23, 1024);
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]); // an ICO header
    }

    [Fact]
    public async Task The_trace_page_links_the_svg_icon_which_is_served()
    {
        var serial = (await factory.Services.GetRequiredService<SerialKeyStore>().SignerAsync()).Serial("KH4N2P8R", 4);
        var client = factory.CreateClient();
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync($"/t/KH4N2P8R/{serial}"));
        var href = page.QuerySelector("link[rel=icon]")?.GetAttribute("href");
        Assert.NotNull(href);
        Assert.Matches(@"^brand/favicon\.[a-z0-9]+\.svg$", href);
        var icon = await client.GetAsync("/" + href);
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/apple-touch-icon.png")]
    [InlineData("/_content/MudBlazor/nothing.css")]
    [InlineData("/_framework/missing.js")]
    [InlineData("/images/sets/x-9.svg")]
    [InlineData("/brand/old-logo.svg")]
    [InlineData("/en/favicon-32x32.png")]
    public async Task A_missing_static_file_is_a_small_plain_404(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.InRange((await response.Content.ReadAsByteArrayAsync()).Length, 1, 64);
    }

    [Theory]
    [InlineData("/khong-co-trang-nay")]
    [InlineData("/san-pham/khong-co-san-pham-nay")]
    public async Task A_missing_page_still_gets_the_html_not_found_page(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/favicon.ico", true)]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css", true)]
    [InlineData("/brand/logo", false)] // no extension: could be a page
    [InlineData("/images/sets/i-5a.svg", true)]
    [InlineData("/nha-san-xuat/htx.v2", false)] // a dot, but no file's extension, outside the static folders
    [InlineData("/_framework/blazor.web.js", true)]
    [InlineData("/san-pham", false)]
    public void Static_file_paths_are_recognised_by_folder_or_extension(string path, bool isFile) =>
        Assert.Equal(isFile, MissingStaticFiles.IsStaticFilePath(path));
}
