using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using OcopMarket.Core.Traceability;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Startup;

/// <summary>Brotli and gzip on the public pages and data; nothing on the pages that carry a person's secrets (BREACH).</summary>
public sealed partial class ResponseCompressionHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private const string ProductPage = "/san-pham/mam-ca-me-vinh";

    private async Task<HttpResponseMessage> GetAsync(string path, string? acceptEncoding, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        return await factory.CreateClient(new() { AllowAutoRedirect = false }).SendAsync(request);
    }

    private static async Task<string> DecodeAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Stream decoded = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
        {
            "br" => new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress),
            "gzip" => new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress),
            null => new MemoryStream(bytes),
            var other => throw new InvalidOperationException($"Unexpected Content-Encoding {other}"),
        };
        using var reader = new StreamReader(decoded, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    /// <summary>The page without what is new in every response: the script nonce, the antiforgery token, Blazor's
    /// encrypted component state.</summary>
    private static string WithoutPerResponseValues(string html) =>
        ComponentState().Replace(AntiforgeryValue().Replace(Nonce().Replace(html, "nonce=\"…\""), "$1…\""), "$1…-->");

    [GeneratedRegex("(<!--Blazor-Server-Component-State:)[^-]*-->")]
    private static partial Regex ComponentState();

    [GeneratedRegex("nonce=\"[^\"]*\"")]
    private static partial Regex Nonce();

    [GeneratedRegex("(name=\"__RequestVerificationToken\"[^>]*value=\")[^\"]*\"")]
    private static partial Regex AntiforgeryValue();

    [Theory]
    [InlineData("br", "/")]
    [InlineData("br", ProductPage)]
    [InlineData("gzip", "/")]
    [InlineData("gzip", ProductPage)]
    public async Task A_public_page_comes_compressed_and_decodes_to_the_same_html(string encoding, string path)
    {
        var plain = await GetAsync(path, acceptEncoding: null);
        var compressed = await GetAsync(path, acceptEncoding: encoding);

        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal(encoding, Assert.Single(compressed.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        var plainHtml = await plain.Content.ReadAsStringAsync();
        Assert.True(compressed.Content.Headers.ContentLength is null || compressed.Content.Headers.ContentLength < plainHtml.Length / 2,
            "a page compresses to well under half its size");
        var html = await DecodeAsync(compressed);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Equal(WithoutPerResponseValues(plainHtml), WithoutPerResponseValues(html));
    }

    /// <summary>Issue 12's budget for a phone: the product page's HTML is about 5 KB in Brotli (14 KB as it is), a label's trace page under 10 KB.</summary>
    [Fact]
    public async Task The_product_and_trace_pages_are_small_on_the_wire()
    {
        var product = await (await GetAsync(ProductPage, "br")).Content.ReadAsByteArrayAsync();
        Assert.InRange(product.Length, 1, 8 * 1024);
        var serial = (await factory.Services.GetRequiredService<SerialKeyStore>().SignerAsync()).Serial("KH4N2P8R", 5);
        var trace = await GetAsync($"/t/KH4N2P8R/{serial}", "br", accept: "text/html");
        Assert.Equal("br", Assert.Single(trace.Content.Headers.ContentEncoding));
        Assert.InRange((await trace.Content.ReadAsByteArrayAsync()).Length, 1, 10 * 1024);
    }

    [Fact]
    public async Task Brotli_is_preferred_when_the_browser_takes_both()
    {
        var response = await GetAsync(ProductPage, "gzip, deflate, br, zstd");
        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
    }

    [Fact]
    public async Task Without_accept_encoding_the_page_is_sent_as_it_is()
    {
        var response = await GetAsync(ProductPage, acceptEncoding: null);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.StartsWith("<!DOCTYPE html>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Json_and_the_sitemap_are_compressed_too()
    {
        var serial = (await factory.Services.GetRequiredService<SerialKeyStore>().SignerAsync()).Serial("KH4N2P8R", 3);
        var json = await GetAsync($"/t/KH4N2P8R/{serial}", "br", accept: "application/json");
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal("br", Assert.Single(json.Content.Headers.ContentEncoding));
        Assert.Contains("\"verified\":true", await DecodeAsync(json));

        var sitemap = await GetAsync("/sitemap.xml", "gzip");
        Assert.Equal("gzip", Assert.Single(sitemap.Content.Headers.ContentEncoding));
        Assert.Contains("http://www.sitemaps.org/schemas/sitemap/0.9", await DecodeAsync(sitemap));
    }

    /// <summary>
    /// BREACH: the account, cart, checkout and order pages carry secrets that stay the same from one response to the next
    /// (recovery codes, a buyer's address, what was typed into the login form), so they are never compressed.
    /// </summary>
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/Account/Register")]
    [InlineData("/Account/ForgotPassword")]
    [InlineData("/gio-hang")]
    public async Task Pages_with_a_persons_secrets_are_never_compressed(string path)
    {
        var response = await GetAsync(path, "br, gzip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.StartsWith("<!DOCTYPE html>", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/san-pham", true)]
    [InlineData("/san-pham/mam-ca-me-vinh", true)]
    [InlineData("/nha-san-xuat/hop-tac-xa-van-huong", true)]
    [InlineData("/t/KH4N2P8R", true)]
    [InlineData("/sitemap.xml", true)]
    [InlineData("/index", true)]
    [InlineData("/Account/Manage", false)]
    [InlineData("/account/login", false)]
    [InlineData("/portal/products", false)]
    [InlineData("/admin", false)]
    [InlineData("/_blazor", false)]
    [InlineData("/gio-hang", false)]
    [InlineData("/dat-hang", false)]
    [InlineData("/don-hang/2b0f6a4e-1c1f-4a8e-9d55-0c3f5e4b9a11", false)]
    [InlineData("/in/nhan/12", false)]
    public void Only_public_addresses_may_be_compressed(string path, bool compressed) =>
        Assert.Equal(compressed, OcopMarket.Web.Startup.ResponseCompressionSetup.MayCompress(path));

    /// <summary>
    /// Why public pages may be compressed (BREACH): they carry no secret at all. An anonymous visitor gets the same
    /// bytes as everyone else, with no antiforgery token and no encrypted component state, even with a session cookie.
    /// </summary>
    [Fact]
    public async Task A_compressed_public_page_carries_no_token_and_is_the_same_bytes_every_time()
    {
        var bodies = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, ProductPage);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
            var response = await factory.CreateClient().SendAsync(request);
            Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
            var html = await DecodeAsync(response);
            Assert.Empty(AntiforgeryValue().Matches(html));
            Assert.DoesNotContain("Blazor-Server-Component-State", html);
            bodies.Add(html);
        }
        Assert.Single(bodies.Distinct());
    }

    [Fact]
    public async Task Static_assets_keep_their_precompressed_encoding_and_are_not_compressed_twice()
    {
        var response = await GetAsync("/app.css", "br, gzip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Content.Headers.ContentEncoding.Count <= 1, string.Join(", ", response.Content.Headers.ContentEncoding));
        Assert.Contains(".page", await DecodeAsync(response));
    }
}
