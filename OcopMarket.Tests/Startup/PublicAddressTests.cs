using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Traceability;
using OcopMarket.Tests.Accounts;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Startup;

/// <summary>
/// Every absolute URL comes from Site:PublicUrl, never from the request's Host header; outside Development the app
/// starts only with a public URL and a serial key of its own, answers only for its host, and believes forwarded
/// headers only from the proxies it was told about.
/// </summary>
public sealed class PublicAddressTests
{
    private const string PublicUrl = "https://ocopmarket.example";

    private sealed class App(string environment, params (string Key, string Value)[] settings) : OcopWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
            // A named operator, which outside Development is required (a test of that refusal sets the demo one back).
            builder.UseSetting("Legal:OperatorName", "Công ty TNHH Kiểm thử OcopMarket");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }

    /// <param name="from">The address the request comes from (a proxy's, say); by default the client's own.</param>
    private static HttpClient Client(OcopWebFactory app, string host, string? from = null)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Host = host;
        if (from is not null)
        {
            client.DefaultRequestHeaders.Remove(OcopWebFactory.ClientIpHeader);
            client.DefaultRequestHeaders.Add(OcopWebFactory.ClientIpHeader, from);
        }
        return client;
    }

    /// <summary>The reset email, from the pickup folder or (when email goes through the outbox) still queued.</summary>
    private static async Task<string> ResetEmailBodyAsync(OcopWebFactory app, string email)
    {
        if (Directory.Exists(app.MailDirectory))
        {
            var sent = Directory.GetFiles(app.MailDirectory, "*.eml").Select(f => MimeMessage.Load(f))
                .FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address == email) && (m.Subject ?? "").Contains("Đặt lại mật khẩu"));
            if (sent is not null) return sent.TextBody ?? "";
        }
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        return (await db.OutboxEmails.Where(m => m.To == email).ToListAsync())
            .Single(m => m.Subject.Contains("Đặt lại mật khẩu")).Body;
    }

    [Fact]
    public async Task A_forged_Host_header_reaches_neither_a_reset_email_nor_a_page()
    {
        using var app = new App("Development", ("Site:PublicUrl", PublicUrl));
        var email = $"host-{Guid.NewGuid():N}@example.test";
        await AccountHttpTests.PostFormAsync(Client(app, "localhost"), "/Account/Register", "register", new()
        {
            ["Input.AcceptTerms"] = "true", ["Input.DisplayName"] = "Lê Hà", ["Input.Email"] = email, ["Input.Password"] = "matkhau2026", ["Input.ConfirmPassword"] = "matkhau2026",
        });

        var attacker = Client(app, "evil.example");
        await AccountHttpTests.PostFormAsync(attacker, "/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = email });

        var body = await ResetEmailBodyAsync(app, email);
        Assert.Matches(new Regex(@"https://ocopmarket\.example/Account/ResetPassword\?code=\S+"), body);
        Assert.DoesNotContain("evil.example", body);

        var product = await (await attacker.GetAsync("/san-pham/che-dinh-tan-cuong")).Content.ReadAsStringAsync();
        Assert.Contains("<link rel=\"canonical\" href=\"https://ocopmarket.example/san-pham/che-dinh-tan-cuong\"", product);
        Assert.DoesNotContain("evil.example", product);
        var robots = await (await attacker.GetAsync("/robots.txt")).Content.ReadAsStringAsync();
        Assert.Contains("Sitemap: https://ocopmarket.example/sitemap.xml", robots);
        var index = await (await attacker.GetAsync("/sitemap.xml")).Content.ReadAsStringAsync();
        Assert.Contains("<loc>https://ocopmarket.example/sitemap-products-1.xml</loc>", index);
        Assert.DoesNotContain("evil.example", index);
        var sitemap = await (await attacker.GetAsync("/sitemap-pages.xml")).Content.ReadAsStringAsync();
        Assert.Contains("<loc>https://ocopmarket.example/san-pham</loc>", sitemap);
        Assert.DoesNotContain("evil.example", sitemap);
        var products = await (await attacker.GetAsync("/sitemap-products-1.xml")).Content.ReadAsStringAsync();
        Assert.Contains("<loc>https://ocopmarket.example/san-pham/che-dinh-tan-cuong</loc>", products);
        Assert.DoesNotContain("evil.example", products);
    }

    [Fact]
    public async Task Without_a_public_url_development_links_use_the_servers_own_address_not_the_host_header()
    {
        using var app = new App("Development");
        var robots = await (await Client(app, "evil.example").GetAsync("/robots.txt")).Content.ReadAsStringAsync();
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots);
    }

    [Fact]
    public void Outside_development_the_app_does_not_start_without_a_public_url()
    {
        using var app = new App("Production");
        var refused = Assert.Throws<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains("Site:PublicUrl is required outside Development", refused.Message);
    }

    [Fact]
    public void Outside_development_the_app_refuses_the_development_serial_key()
    {
        using var app = new App("Production", ("Site:PublicUrl", PublicUrl), ("Traceability:SerialKey", TraceabilityOptions.DevelopmentSerialKey));
        var refused = Assert.Throws<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains("Traceability:SerialKey is the Development key", refused.Message);
    }

    [Fact]
    public void Outside_development_the_app_refuses_webhooks_to_local_addresses()
    {
        using var app = new App("Production", ("Site:PublicUrl", PublicUrl), ("Webhooks:AllowLocalTargets", "true"));
        var refused = Assert.Throws<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains("Webhooks:AllowLocalTargets", refused.Message);
        Assert.Contains("Development only", refused.Message);
    }

    [Fact]
    public void Outside_development_the_app_refuses_to_publish_the_demo_operator_in_its_rules()
    {
        using var app = new App("Production", ("Site:PublicUrl", PublicUrl), ("Legal:OperatorName", OcopMarket.Core.Legal.LegalSettings.DemoOperatorName));
        var refused = Assert.Throws<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains("Legal:OperatorName", refused.Message);
        Assert.Contains("demo operator", refused.Message);
    }

    [Fact]
    public void The_development_key_the_app_refuses_is_the_one_in_the_development_settings() =>
        Assert.Equal(TraceabilityOptions.DevelopmentSerialKey, RepositoryFiles.DevelopmentSerialKey());

    [Fact]
    public async Task In_production_only_the_public_host_is_answered_and_plain_http_is_sent_to_https()
    {
        using var app = new App("Production", ("Site:PublicUrl", PublicUrl));

        Assert.Equal(HttpStatusCode.BadRequest, (await Client(app, "evil.example").GetAsync("https://evil.example/robots.txt")).StatusCode);
        var plain = await Client(app, "ocopmarket.example").GetAsync("http://ocopmarket.example/robots.txt");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
        Assert.Equal("https://ocopmarket.example/robots.txt", plain.Headers.Location!.AbsoluteUri);
        var secure = await Client(app, "ocopmarket.example").GetAsync("https://ocopmarket.example/robots.txt");
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_its_forwarded_https_counts_and_an_unknown_senders_does_not()
    {
        using var behindProxy = new App("Production", ("Site:PublicUrl", PublicUrl), ("Site:TrustedProxies:0", "10.0.0.0/8"));
        var viaProxy = new HttpRequestMessage(HttpMethod.Get, "http://ocopmarket.example/robots.txt");
        viaProxy.Headers.Add("X-Forwarded-Proto", "https");
        viaProxy.Headers.Add("X-Forwarded-For", "203.0.113.9");
        Assert.Equal(HttpStatusCode.OK, (await Client(behindProxy, "ocopmarket.example", from: "10.1.2.3").SendAsync(viaProxy)).StatusCode);

        using var direct = new App("Production", ("Site:PublicUrl", PublicUrl), ("Site:TrustedProxies:0", "10.0.0.0/8"));
        var forged = new HttpRequestMessage(HttpMethod.Get, "http://ocopmarket.example/robots.txt");
        forged.Headers.Add("X-Forwarded-Proto", "https");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, (await Client(direct, "ocopmarket.example", from: "198.51.100.7").SendAsync(forged)).StatusCode);
    }

    [Fact]
    public void Outside_development_without_smtp_start_up_warns_where_mail_goes()
    {
        var logs = new CollectingLoggerProvider();
        using var app = new App("Production", ("Site:PublicUrl", PublicUrl));
        using var started = app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        started.CreateClient().Dispose();

        var warning = Assert.Single(logs.Lines, m => m.Contains("Email:Smtp:Host is not set"));
        Assert.Contains(app.MailDirectory, warning);
    }

    [Fact]
    public void A_trusted_proxy_that_is_not_an_address_stops_start_up_naming_the_setting()
    {
        using var app = new App("Development", ("Site:TrustedProxies:0", "proxy.internal"));
        var refused = Assert.Throws<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains("Site:TrustedProxies", refused.Message);
    }
}
