namespace OcopMarket.Core.Orders.Domain;

/// <summary>
/// A payment provider's event already acted on. Providers deliver events at least once; the event id is the key,
/// so a replayed or redelivered event finds itself here and changes nothing.
/// </summary>
public sealed class ProcessedWebhookEvent
{
    private ProcessedWebhookEvent() { }

    public ProcessedWebhookEvent(string id, string type, DateTime receivedAtUtc)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("An event needs its id.", nameof(id));
        Id = id;
        Type = type;
        ReceivedAt = DateTime.SpecifyKind(receivedAtUtc, DateTimeKind.Utc);
    }

    public string Id { get; private set; } = "";
    public string Type { get; private set; } = "";
    public DateTime ReceivedAt { get; private set; }
}
