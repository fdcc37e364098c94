using Microsoft.Extensions.Configuration;

namespace OcopMarket.Core.Orders;

/// <summary>
/// The "Stripe" section: SecretKey (sk_…), WebhookSecret (whsec_…) and, for tests or a proxy, ApiBase.
/// Card payments are offered only when both secrets are set; one without the other stops the app at start-up,
/// since it would take card payments that are never confirmed, or confirm payments it cannot create.
/// </summary>
public sealed record StripeSettings(string? SecretKey, string? WebhookSecret, string? ApiBase)
{
    public static readonly StripeSettings None = new(null, null, null);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SecretKey) && !string.IsNullOrWhiteSpace(WebhookSecret);

    public static StripeSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Stripe");
        var settings = new StripeSettings(Blank(section["SecretKey"]), Blank(section["WebhookSecret"]), Blank(section["ApiBase"]));
        if ((settings.SecretKey is null) != (settings.WebhookSecret is null))
            throw new InvalidOperationException("Stripe:SecretKey and Stripe:WebhookSecret go together: set both to take card payments, or neither.");
        if (settings.ApiBase is { } apiBase && !Uri.TryCreate(apiBase, UriKind.Absolute, out _))
            throw new InvalidOperationException($"Stripe:ApiBase must be an absolute URL (got '{apiBase}').");
        return settings;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
