using System.Net;
using System.Security.Cryptography;
using System.Text;
using AngleSharp.Html.Parser;
using OcopMarket.Core.Seeding;
using OcopMarket.Tests.Accounts;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Security;

/// <summary>The headers each kind of response carries: public pages, the portal, the account pages, the trace page, media.</summary>
public sealed class SecurityHeadersHttpTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    private HttpClient NewBrowser() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    private static string Policy(HttpResponseMessage response) =>
        string.Join(", ", response.Headers.GetValues("Content-Security-Policy"));

    /// <summary>The policy's directives by name, e.g. "style-src" → "'self' 'unsafe-inline'".</summary>
    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        Policy(response).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2)).ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");

    private static void AssertCommonHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        var permissions = Assert.Single(response.Headers.GetValues("Permissions-Policy"));
        foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()", "payment=()" }) Assert.Contains(feature, permissions);
    }

    private static void AssertNotFramable(HttpResponseMessage response)
    {
        Assert.Equal("'none'", Directives(response)["frame-ancestors"]);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    /// <summary>The strict policy: scripts from the site and this response's nonce, styles from the site, nothing inline.</summary>
    private static string AssertStrictStaticPolicy(HttpResponseMessage response)
    {
        var directives = Directives(response);
        Assert.Equal("'self'", directives["default-src"]);
        var script = directives["script-src"].Split(' ');
        Assert.Equal("'self'", script[0]);
        var nonce = Assert.Single(script, s => s.StartsWith("'nonce-", StringComparison.Ordinal));
        Assert.Equal(2, script.Length);
        Assert.DoesNotContain("'unsafe-inline'", directives["style-src"]);
        Assert.Equal("'self' data:", directives["img-src"]);
        Assert.Equal("'self'", directives["connect-src"]);
        Assert.Equal("'none'", directives["object-src"]);
        return nonce["'nonce-".Length..^1];
    }

    /// <summary>
    /// A public page is the same bytes for everyone (and cached), so it carries no nonce: its policy allows its one
    /// inline script, the import map, by the hash of its text, and the JSON-LD is data no policy runs.
    /// </summary>
    [Fact]
    public async Task A_product_page_allows_only_its_own_scripts_and_its_import_map_by_its_hash()
    {
        var response = await NewBrowser().GetAsync("/san-pham/mam-ca-me-vinh");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response);
        AssertNotFramable(response);
        var directives = Directives(response);
        Assert.Equal("'self'", directives["default-src"]);
        var script = directives["script-src"].Split(' ');
        Assert.Equal(2, script.Length);
        Assert.Equal("'self'", script[0]);
        Assert.DoesNotContain("'unsafe-inline'", directives["style-src"]);

        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var inlineScripts = page.QuerySelectorAll("script:not([src])").ToList();
        Assert.Equal(["importmap", "application/ld+json"], inlineScripts.Select(s => s.GetAttribute("type")));
        Assert.All(inlineScripts, s => Assert.Null(s.GetAttribute("nonce")));
        var importMap = inlineScripts[0].TextContent;
        Assert.Equal(OcopMarket.Web.Security.ContentSecurityPolicy.HashSource(importMap), script[1]);
        // No inline event handler either: the policy would block it.
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Each_response_of_a_page_with_a_nonce_has_a_new_one()
    {
        var client = NewBrowser();
        var first = AssertStrictStaticPolicy(await client.GetAsync("/Account/Login"));
        var second = AssertStrictStaticPolicy(await client.GetAsync("/Account/Login"));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task The_sign_in_page_has_the_strict_policy_and_cannot_be_framed()
    {
        var response = await NewBrowser().GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response);
        AssertNotFramable(response);
        AssertStrictStaticPolicy(response);
        Assert.Equal("'self'", Directives(response)["form-action"]);
    }

    [Fact]
    public async Task The_portal_allows_the_circuit_and_inline_styles_but_no_inline_script_and_cannot_be_framed()
    {
        var client = NewBrowser();
        await AccountHttpTests.SignInAsync(client, "haodat@ocopmarket.test", AccountSeeder.DemoPassword);
        var response = await client.GetAsync("/portal");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response);
        AssertNotFramable(response);
        var directives = Directives(response);
        Assert.Equal("'self' 'unsafe-inline'", directives["style-src"]);
        Assert.Equal("'self' ws://localhost", directives["connect-src"]);
        Assert.DoesNotContain("'unsafe-inline'", directives["script-src"]);
        Assert.DoesNotContain("'unsafe-eval'", directives["script-src"]);
        Assert.Equal("'self'", directives["form-action"]);
    }

    [Fact]
    public async Task The_trace_page_allows_its_one_stylesheet_by_hash_and_no_script()
    {
        var response = await NewBrowser().GetAsync("/t/TC7K3M9Q");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response);
        AssertNotFramable(response);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Empty(page.QuerySelectorAll("script"));
        var style = Assert.Single(page.QuerySelectorAll("style")).TextContent;
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)));
        var directives = Directives(response);
        Assert.Equal("'none'", directives["default-src"]);
        Assert.Equal($"'sha256-{hash}'", directives["style-src"]);
        Assert.False(directives.ContainsKey("script-src")); // default-src 'none' covers it
    }

    [Fact]
    public async Task A_pdf_in_media_is_a_sandboxed_download()
    {
        var path = WriteMedia("certificates/scan-test.pdf", "%PDF-1.4\n%test\n"u8.ToArray());
        var response = await NewBrowser().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("scan-test.pdf", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("sandbox", Policy(response));
        AssertCommonHeaders(response);
    }

    [Fact]
    public async Task An_image_in_media_is_shown_inline_and_never_sniffed()
    {
        var path = WriteMedia("products/photo-test.png", TestImages.Make(8, 8, SkiaSharp.SKEncodedImageFormat.Png));
        var response = await NewBrowser().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
        AssertCommonHeaders(response);
    }

    private string WriteMedia(string relativePath, byte[] bytes)
    {
        // The factory creates the app (and its media folder) on first use.
        _ = factory.Services;
        var file = Path.Combine(factory.MediaDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, bytes);
        return "/media/" + relativePath;
    }
}
