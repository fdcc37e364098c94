using Microsoft.Extensions.Configuration;
using OcopMarket.Core.Orders;

namespace OcopMarket.Tests.Orders;

public sealed class StripeSettingsTests
{
    private static StripeSettings From(params (string Key, string Value)[] values) =>
        StripeSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());

    [Fact]
    public void Cards_are_on_only_with_both_secrets()
    {
        Assert.False(From().IsConfigured);
        Assert.False(From(("Stripe:SecretKey", " "), ("Stripe:WebhookSecret", "")).IsConfigured);
        var on = From(("Stripe:SecretKey", "sk_test_1"), ("Stripe:WebhookSecret", "whsec_1"), ("Stripe:ApiBase", "http://127.0.0.1:12111"));
        Assert.True(on.IsConfigured);
        Assert.Equal("http://127.0.0.1:12111", on.ApiBase);
    }

    [Fact]
    public void One_secret_without_the_other_or_a_bad_api_base_stops_start_up()
    {
        Assert.Contains("go together", Assert.Throws<InvalidOperationException>(() => From(("Stripe:SecretKey", "sk_test_1"))).Message);
        Assert.Throws<InvalidOperationException>(() => From(("Stripe:WebhookSecret", "whsec_1")));
        Assert.Throws<InvalidOperationException>(() => From(("Stripe:SecretKey", "sk_test_1"), ("Stripe:WebhookSecret", "whsec_1"), ("Stripe:ApiBase", "not a url")));
    }
}
