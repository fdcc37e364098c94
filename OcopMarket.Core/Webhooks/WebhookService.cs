using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers;
using OcopMarket.Core.Webhooks.Domain;

namespace OcopMarket.Core.Webhooks;

public sealed record WebhookEndpointRow(int Id, string Url, WebhookEvents Events, DateTime CreatedAt,
    WebhookDeliveryState? LastState, DateTime? LastAttemptAt, int Pending);

public sealed record WebhookDeliveryRow(long Id, int EndpointId, string EventType, Guid EventId, DateTime CreatedAt,
    WebhookDeliveryState State, int Attempts, DateTime NextAttemptAt, DateTime? DeliveredAt, int? LastStatusCode, string? LastError);

/// <summary>
/// A producer's webhook endpoints, as the portal manages them: only their own (another producer's id is not found),
/// never while suspended, and only to addresses <see cref="WebhookTargetPolicy"/> accepts.
/// </summary>
public sealed class WebhookService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, IOptions<WebhookOptions> options)
{
    /// <returns>The new endpoint's id and its signing secret, to show once.</returns>
    public async Task<(int Id, string Secret)> CreateAsync(Actor actor, string? url, WebhookEvents events, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        var target = WebhookTargetPolicy.CheckUrl(url, options.Value.AllowLocalTargets);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ProducerSuspension.RequireNotSuspendedAsync(db, producerId, ct);
        var mine = db.Set<WebhookEndpoint>().Where(e => e.ProducerId == producerId && e.DeletedAt == null);
        if (await mine.CountAsync(ct) >= WebhookEndpoint.MaxPerProducer)
            throw new DomainException(new($"Tối đa {WebhookEndpoint.MaxPerProducer} địa chỉ nhận sự kiện; hãy xoá một địa chỉ cũ.",
                $"At most {WebhookEndpoint.MaxPerProducer} endpoints; delete an old one."));
        if (await mine.AnyAsync(e => e.Url == target.AbsoluteUri, ct))
            throw new DomainException(new("Địa chỉ này đã được đăng ký.", "This address is already registered."));
        var endpoint = WebhookEndpoint.Create(producerId, target, events, clock.GetUtcNow().UtcDateTime);
        db.Add(endpoint);
        await db.SaveChangesAsync(ct);
        return (endpoint.Id, endpoint.Secret);
    }

    public async Task<IReadOnlyList<WebhookEndpointRow>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deliveries = db.Set<WebhookDelivery>();
        return await db.Set<WebhookEndpoint>().AsNoTracking()
            .Where(e => e.ProducerId == producerId && e.DeletedAt == null).OrderBy(e => e.Id)
            .Select(e => new WebhookEndpointRow(e.Id, e.Url, e.Events, e.CreatedAt,
                deliveries.Where(d => d.EndpointId == e.Id && d.Attempts > 0).OrderByDescending(d => d.Id).Select(d => (WebhookDeliveryState?)d.State).FirstOrDefault(),
                deliveries.Where(d => d.EndpointId == e.Id && d.Attempts > 0).OrderByDescending(d => d.Id).Select(d => d.DeliveredAt ?? (DateTime?)d.NextAttemptAt).FirstOrDefault(),
                deliveries.Count(d => d.EndpointId == e.Id && d.State == WebhookDeliveryState.Pending)))
            .ToListAsync(ct);
    }

    public async Task ChangeEventsAsync(Actor actor, int endpointId, WebhookEvents events, CancellationToken ct = default) =>
        await ChangeAsync(actor, endpointId, e => e.Change(events), ct);

    /// <returns>The new secret, to show once.</returns>
    public async Task<string> RotateSecretAsync(Actor actor, int endpointId, CancellationToken ct = default)
    {
        string secret = "";
        await ChangeAsync(actor, endpointId, e => secret = e.RotateSecret(), ct);
        return secret;
    }

    /// <summary>Stops deliveries to it at once: what is still pending is given up when its turn comes.</summary>
    public async Task DeleteAsync(Actor actor, int endpointId, CancellationToken ct = default) =>
        await ChangeAsync(actor, endpointId, e => e.Delete(clock.GetUtcNow().UtcDateTime), ct);

    /// <summary>Queues a <see cref="WebhookEventNames.Ping"/> for the endpoint, so the producer can check their receiver.</summary>
    public async Task PingAsync(Actor actor, int endpointId, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ProducerSuspension.RequireNotSuspendedAsync(db, producerId, ct);
        var endpoint = await FindAsync(db, producerId, endpointId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var eventId = Guid.NewGuid();
        db.Add(new WebhookDelivery(endpoint.Id, producerId, WebhookEventNames.Ping, eventId, WebhookPayload.Ping(eventId, now), now));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The latest deliveries of the producer's endpoints (or of one), newest first.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryRow>> DeliveriesAsync(Actor actor, int? endpointId = null, int take = 30, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.ProducerId == producerId);
        if (endpointId is { } id) q = q.Where(d => d.EndpointId == id);
        return await q.OrderByDescending(d => d.Id).Take(Math.Clamp(take, 1, 200))
            .Select(d => new WebhookDeliveryRow(d.Id, d.EndpointId, d.EventType, d.EventId, d.CreatedAt, d.State, d.Attempts,
                d.NextAttemptAt, d.DeliveredAt, d.LastStatusCode, d.LastError))
            .ToListAsync(ct);
    }

    /// <summary>Sends a delivery again now (same event id and payload), e.g. once the receiver is fixed.</summary>
    public async Task RetryAsync(Actor actor, long deliveryId, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ProducerSuspension.RequireNotSuspendedAsync(db, producerId, ct);
        var delivery = await db.Set<WebhookDelivery>().FirstOrDefaultAsync(d => d.Id == deliveryId && d.ProducerId == producerId, ct)
            ?? throw new NotFoundException(new("Không tìm thấy lần gửi này.", "Delivery not found."));
        await FindAsync(db, producerId, delivery.EndpointId, ct); // not to a deleted endpoint
        delivery.Retry(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    private async Task ChangeAsync(Actor actor, int endpointId, Action<WebhookEndpoint> change, CancellationToken ct)
    {
        var producerId = actor.RequireProducer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ProducerSuspension.RequireNotSuspendedAsync(db, producerId, ct);
        change(await FindAsync(db, producerId, endpointId, ct));
        await db.SaveChangesAsync(ct);
    }

    private static async Task<WebhookEndpoint> FindAsync(OcopDbContext db, int producerId, int endpointId, CancellationToken ct) =>
        await db.Set<WebhookEndpoint>().FirstOrDefaultAsync(e => e.Id == endpointId && e.ProducerId == producerId && e.DeletedAt == null, ct)
        ?? throw new NotFoundException(new("Không tìm thấy địa chỉ nhận sự kiện.", "Endpoint not found."));
}
