using Microsoft.Extensions.Configuration;
using OcopMarket.Core.Common;

namespace OcopMarket.Core.Orders;

/// <summary>
/// The "Stripe" section: SecretKey (sk_…), WebhookSecret (whsec_…) and, for tests or a proxy, ApiBase.
/// Card payments are offered only when both secrets are set; one without the other stops the app at start-up,
/// since it would take card payments that are never confirmed, or confirm payments it cannot create.
/// </summary>
public sealed class StripeSettings : IValidatedSettings
{
    public const string Section = "Stripe";

    public static readonly StripeSettings None = new();

    public StripeSettings() { }

    public StripeSettings(string? secretKey, string? webhookSecret, string? apiBase)
    {
        SecretKey = secretKey;
        WebhookSecret = webhookSecret;
        ApiBase = apiBase;
    }

    // Blank values count as unset: an empty environment variable must not half-configure card payments.
    public string? SecretKey { get; set => field = Blank(value); }
    public string? WebhookSecret { get; set => field = Blank(value); }
    public string? ApiBase { get; set => field = Blank(value); }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SecretKey) && !string.IsNullOrWhiteSpace(WebhookSecret);

    public IEnumerable<string> Problems()
    {
        if ((SecretKey is null) != (WebhookSecret is null))
            yield return "Stripe:SecretKey and Stripe:WebhookSecret go together: set both to take card payments, or neither.";
        if (ApiBase is not null && !Uri.TryCreate(ApiBase, UriKind.Absolute, out _))
            yield return $"Stripe:ApiBase must be an absolute URL (got '{ApiBase}').";
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static StripeSettings From(IConfiguration configuration) =>
        SettingsServiceCollectionExtensions.Read<StripeSettings>(configuration, Section);
}
