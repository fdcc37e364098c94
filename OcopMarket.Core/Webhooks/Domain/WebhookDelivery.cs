namespace OcopMarket.Core.Webhooks.Domain;

public enum WebhookDeliveryState
{
    Pending = 1,
    Delivered = 2,

    /// <summary>Every attempt failed; the producer can send it again from the portal.</summary>
    GaveUp = 3,
}

/// <summary>
/// One event for one endpoint: the outbox row a sender claims, posts and records. It is written in the same
/// transaction as the order change it reports (<see cref="WebhookQueue"/>), so a receiver that is down delays the
/// event but never loses it, and an order change that rolls back never announces itself. The payload is fixed when
/// queued: a retry sends the same bytes with the same event id, so a receiver can drop a repeat by that id.
/// </summary>
public sealed class WebhookDelivery
{
    public const int MaxAttempts = 15;
    public const int ClaimedByMaxLength = 100;
    public const int MaxErrorLength = 300;

    private WebhookDelivery() { }

    public WebhookDelivery(int endpointId, int producerId, string eventType, Guid eventId, string payload, DateTime createdAtUtc)
    {
        EndpointId = endpointId;
        ProducerId = producerId;
        EventType = eventType;
        EventId = eventId;
        Payload = payload;
        CreatedAt = NextAttemptAt = DateTime.SpecifyKind(createdAtUtc, DateTimeKind.Utc);
        State = WebhookDeliveryState.Pending;
    }

    public long Id { get; private set; }
    public int EndpointId { get; private set; }
    public int ProducerId { get; private set; }
    public string EventType { get; private set; } = "";
    public Guid EventId { get; private set; }
    public string Payload { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public WebhookDeliveryState State { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTime? DeliveredAt { get; private set; }

    /// <summary>The receiver's HTTP status on the last attempt (null: no answer, e.g. refused or timed out).</summary>
    public int? LastStatusCode { get; private set; }
    public string? LastError { get; private set; }
    public DateTime? ClaimedUntil { get; private set; }
    public string? ClaimedBy { get; private set; }

    public void MarkDelivered(int statusCode, DateTime atUtc)
    {
        Attempts++;
        State = WebhookDeliveryState.Delivered;
        DeliveredAt = atUtc;
        LastStatusCode = statusCode;
        LastError = null;
        ClaimedUntil = null;
    }

    /// <summary>
    /// Backs off 1, 2, 4 … minutes, at most four hours, and gives up after <see cref="MaxAttempts"/>: about 28 hours in
    /// all, so a receiver that is down overnight still gets every event.
    /// </summary>
    public void MarkFailed(int? statusCode, string error, DateTime atUtc)
    {
        Attempts++;
        LastStatusCode = statusCode;
        LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        ClaimedUntil = null;
        if (Attempts >= MaxAttempts) State = WebhookDeliveryState.GaveUp;
        else NextAttemptAt = atUtc.AddMinutes(Math.Min(240, Math.Pow(2, Attempts - 1)));
    }

    /// <summary>Nothing more will be tried (its endpoint is gone).</summary>
    public void GiveUp() => State = WebhookDeliveryState.GaveUp;

    /// <summary>
    /// The producer asks for another try (after fixing their receiver, or because it lost a delivered one): due now,
    /// with a fresh set of attempts, the same event id and bytes.
    /// </summary>
    public void Retry(DateTime atUtc)
    {
        State = WebhookDeliveryState.Pending;
        Attempts = 0;
        NextAttemptAt = atUtc;
    }
}
