using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Webhooks.Domain;

namespace OcopMarket.Core.Webhooks;

/// <summary>
/// Queues a <see cref="WebhookDelivery"/> for every order event a producer's endpoints asked for, inside the
/// SaveChanges that writes the event (as <c>OrderEventOutbox</c> queues the emails), so the delivery commits or rolls
/// back with the change. Whatever made the change (checkout, portal, producer API, Stripe webhook, expiry worker),
/// the same events give the same deliveries.
/// </summary>
public sealed class WebhookQueue(TimeProvider clock) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is OcopDbContext db) await QueueAsync(db, cancellationToken);
        return result;
    }

    // Order changes are saved asynchronously everywhere; a synchronous save must not skip the deliveries either.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is OcopDbContext db) QueueAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    private async Task QueueAsync(OcopDbContext db, CancellationToken ct)
    {
        var happened = new List<(Order Order, WebhookEvents Event, DateTime At)>();
        foreach (var entry in db.ChangeTracker.Entries<Order>())
        {
            var order = entry.Entity;
            if (entry.State == EntityState.Added) happened.Add((order, WebhookEvents.OrderPlaced, order.PlacedAt));
            else
                foreach (var e in order.Events.Where(e => db.Entry(e).State == EntityState.Added))
                    if (EventOf(e.Status) is { } kind) happened.Add((order, kind, e.AtUtc));
        }
        if (happened.Count == 0) return;

        var producers = happened.Select(h => h.Order.ProducerId).Distinct().ToList();
        // One indexed read per save that changes orders; most producers have no endpoint and it finds nothing.
        var endpoints = await db.Set<WebhookEndpoint>().AsNoTracking()
            .Where(w => producers.Contains(w.ProducerId) && w.DeletedAt == null).ToListAsync(ct);
        if (endpoints.Count == 0) return;

        foreach (var (order, kind, at) in happened)
        {
            var wanting = endpoints.Where(w => w.ProducerId == order.ProducerId && w.Wants(kind)).ToList();
            if (wanting.Count == 0) continue;
            // A status change may be saved without the lines loaded; the payload carries them.
            var entry = db.Entry(order);
            if (entry.State != EntityState.Added && !entry.Collection(o => o.Lines).IsLoaded)
                await entry.Collection(o => o.Lines).LoadAsync(ct);
            foreach (var endpoint in wanting)
            {
                var eventId = Guid.NewGuid();
                db.Add(new WebhookDelivery(endpoint.Id, order.ProducerId, WebhookEventNames.Of(kind), eventId,
                    WebhookPayload.ForOrder(eventId, WebhookEventNames.Of(kind), at, order), clock.GetUtcNow().UtcDateTime));
            }
        }
    }

    private static WebhookEvents? EventOf(OrderStatus status) => status switch
    {
        OrderStatus.Confirmed => WebhookEvents.OrderConfirmed,
        OrderStatus.Cancelled => WebhookEvents.OrderCancelled,
        OrderStatus.Delivered => WebhookEvents.OrderDelivered,
        _ => null,
    };
}

/// <summary>
/// The JSON a receiver gets. Field names are stable and documented in docs/webhooks.md. It carries the order as the
/// producer needs it to act (number, status, payment, money, lines) and no buyer's personal data: the name, phone and
/// address stay in the portal, where access is checked and logged, not copied into every receiver's logs.
/// </summary>
public static class WebhookPayload
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public sealed record Envelope(Guid Id, string Type, DateTime CreatedAt, object Data);

    public sealed record OrderData(OrderBody Order);

    public sealed record OrderBody(string Number, OrderStatus Status, PaymentMethod Payment, bool IsPaid, DateTime PlacedAt,
        IReadOnlyList<LineBody> Lines, long SubtotalVnd, long ShippingFeeVnd, long TotalVnd,
        string? Carrier, string? TrackingNumber, string? CancelReason);

    public sealed record LineBody(int ProductId, string ProductName, string Unit, int Quantity, long UnitPriceVnd, long LineTotalVnd);

    public static string ForOrder(Guid eventId, string type, DateTime atUtc, Order order) =>
        JsonSerializer.Serialize(new Envelope(eventId, type, DateTime.SpecifyKind(atUtc, DateTimeKind.Utc), new OrderData(new OrderBody(
            order.Number, order.Status, order.Payment, order.IsPaid, order.PlacedAt,
            [.. order.Lines.Select(l => new LineBody(l.ProductId, l.ProductName, l.Unit, l.Quantity, l.UnitPriceVnd, l.LineTotalVnd))],
            order.SubtotalVnd, order.ShippingFeeVnd, order.TotalVnd, order.Carrier, order.TrackingNumber, order.CancelReason))), Json);

    public sealed record PingData(string Message);

    public static string Ping(Guid eventId, DateTime atUtc) =>
        JsonSerializer.Serialize(new Envelope(eventId, WebhookEventNames.Ping, DateTime.SpecifyKind(atUtc, DateTimeKind.Utc),
            new PingData("Thử nhận sự kiện từ OcopMarket / A test event from OcopMarket")), Json);
}
