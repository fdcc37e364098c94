using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OcopMarket.Core.Media;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Traceability;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Startup;

namespace OcopMarket.Tests.Startup;

/// <summary>A bad setting stops the app before it answers anything, with a message that names the setting.</summary>
public sealed class SettingsAtStartTests
{
    private sealed class AppWith((string Key, string Value)[] settings) : OcopWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }

    [Theory]
    [InlineData("Checkout:PaymentWindowHours", "0")]
    [InlineData("Checkout:ShippingFlatFee", "-1")]
    [InlineData("Stripe:SecretKey", "sk_test_only_half")]
    [InlineData("Stripe:ApiBase", "not a url")]
    [InlineData("Site:PublicUrl", "ftp://ocopmarket.vn")]
    [InlineData("Traceability:CopiedScanThreshold", "0")]
    [InlineData("Traceability:SerialKey", "dG9vLXNob3J0")]
    [InlineData("Media:Root", " ")]
    [InlineData("RateLimits:SignInPerIp:Permits", "0")]
    [InlineData("RateLimits:CountedScansPerIp:Window", "00:00:00")]
    [InlineData("RateLimits:ResetEmailsPerAccountPerHour", "0")]
    public void An_invalid_setting_stops_start_up_naming_it(string key, string value)
    {
        using var app = new AppWith([(key, value)]);

        var refused = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        var setting = key.Split(':')[0] == "Stripe" && key.EndsWith("SecretKey", StringComparison.Ordinal) ? "Stripe:WebhookSecret" : key;
        Assert.Contains(setting, refused.Message);
    }

    [Fact]
    public void Valid_settings_reach_the_services_that_use_them()
    {
        var mediaRoot = Path.Combine(Path.GetTempPath(), $"ocop-media-{Guid.NewGuid():N}");
        using var app = new AppWith([
            ("Checkout:PaymentWindowHours", "48"), ("Checkout:ShippingFlatFee", "25000"),
            ("Site:PublicUrl", "https://ocopmarket.example/"), ("Traceability:CopiedScanThreshold", "7"), ("Media:Root", mediaRoot)]);
        app.CreateClient().Dispose();

        var checkout = app.Services.GetRequiredService<CheckoutOptions>();
        Assert.Equal(TimeSpan.FromHours(48), checkout.PaymentWindow);
        Assert.Equal(25_000, checkout.Shipping.FlatFeeVnd);
        Assert.False(checkout.CardPaymentsEnabled);
        Assert.Equal("https://ocopmarket.example", app.Services.GetRequiredService<SiteOptions>().PublicUrl);
        Assert.Equal(7, app.Services.GetRequiredService<TraceabilityOptions>().CopiedScanThreshold);
        Assert.Equal(mediaRoot, app.Services.GetRequiredService<MediaOptions>().Root);
    }
}
