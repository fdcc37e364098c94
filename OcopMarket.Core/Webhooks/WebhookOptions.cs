namespace OcopMarket.Core.Webhooks;

/// <summary>The "Webhooks" settings.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Allows plain http and local or private addresses (a receiver on the developer's machine). Development and tests
    /// only: the app refuses to start with it anywhere else, as it would let producers reach the servers' own network.
    /// </summary>
    public bool AllowLocalTargets { get; set; }
}
