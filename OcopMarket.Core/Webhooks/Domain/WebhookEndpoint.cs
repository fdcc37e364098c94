using System.Security.Cryptography;
using OcopMarket.Core.Common;

namespace OcopMarket.Core.Webhooks.Domain;

/// <summary>The order events a producer's endpoint can ask for; each has a stable wire name (<see cref="WebhookEventNames"/>).</summary>
[Flags]
public enum WebhookEvents
{
    None = 0,
    OrderPlaced = 1,
    OrderConfirmed = 2,
    OrderCancelled = 4,
    OrderDelivered = 8,
    All = OrderPlaced | OrderConfirmed | OrderCancelled | OrderDelivered,
}

public static class WebhookEventNames
{
    /// <summary>What a receiver gets in the payload's "type" and the Ocop-Event-Type header.</summary>
    public static string Of(WebhookEvents e) => e switch
    {
        WebhookEvents.OrderPlaced => "order.placed",
        WebhookEvents.OrderConfirmed => "order.confirmed",
        WebhookEvents.OrderCancelled => "order.cancelled",
        WebhookEvents.OrderDelivered => "order.delivered",
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    public static readonly IReadOnlyList<WebhookEvents> Each =
        [WebhookEvents.OrderPlaced, WebhookEvents.OrderConfirmed, WebhookEvents.OrderCancelled, WebhookEvents.OrderDelivered];

    /// <summary>The test event a producer sends from the portal to check their receiver; never caused by an order.</summary>
    public const string Ping = "webhook.ping";
}

/// <summary>
/// A producer's https address that hears about their orders. Each delivery is signed with the endpoint's secret
/// (HMAC-SHA256, <see cref="WebhookSignature"/>), so the receiver can tell our calls from anyone else's. Unlike an API
/// token the secret must be kept as it is (signing needs it); it is shown to the producer once, when made or rotated.
/// </summary>
public sealed class WebhookEndpoint
{
    public const int MaxPerProducer = 5;
    public const int MaxUrlLength = 500;
    public const string SecretPrefix = "whsec_";

    private WebhookEndpoint() { }

    private WebhookEndpoint(int producerId, Uri url, WebhookEvents events, string secret, DateTime at)
    {
        ProducerId = producerId;
        Url = url.AbsoluteUri;
        Events = events;
        Secret = secret;
        CreatedAt = at;
    }

    /// <summary>An endpoint for an address that <see cref="WebhookTargetPolicy.CheckUrl"/> accepted.</summary>
    public static WebhookEndpoint Create(int producerId, Uri url, WebhookEvents events, DateTime at)
    {
        RequireEvents(events);
        return new WebhookEndpoint(producerId, url, events, NewSecret(), at);
    }

    public int Id { get; private set; }
    public int ProducerId { get; private set; }
    public string Url { get; private set; } = "";
    public WebhookEvents Events { get; private set; }
    public string Secret { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    /// <summary>Deleted endpoints are kept (their deliveries are the producer's history) but receive nothing more.</summary>
    public DateTime? DeletedAt { get; private set; }

    public bool Wants(WebhookEvents e) => DeletedAt is null && (Events & e) == e;

    public void Change(WebhookEvents events)
    {
        RequireEvents(events);
        Events = events;
    }

    /// <returns>The new secret, to show once; deliveries made from now on are signed with it.</returns>
    public string RotateSecret()
    {
        Secret = NewSecret();
        return Secret;
    }

    public void Delete(DateTime at) => DeletedAt ??= at;

    private static string NewSecret() => SecretPrefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    private static void RequireEvents(WebhookEvents events)
    {
        if (events == WebhookEvents.None || (events & ~WebhookEvents.All) != 0)
            throw new DomainException(new("Hãy chọn ít nhất một sự kiện đơn hàng.", "Choose at least one order event."));
    }
}
