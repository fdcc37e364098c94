using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Domain.Orders;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Seeding;

namespace OcopMarket.Core.Services.Orders;

public sealed record ProducerOrderRow(int Id, string Number, OrderStatus Status, PaymentMethod Payment, bool IsPaid,
    string RecipientName, long TotalVnd, DateTime PlacedAt);

public sealed record ProducerOrderDetail(int Id, string Number, OrderStatus Status, PaymentMethod Payment, bool IsPaid,
    DeliveryAddress Delivery, string CommuneName, string ProvinceName, IReadOnlyList<OrderLineView> Lines,
    long SubtotalVnd, long ShippingFeeVnd, long TotalVnd, DateTime PlacedAt, string? Carrier, string? TrackingNumber,
    string? CancelReason, IReadOnlyList<OrderEvent> Events);

/// <summary>A producer fulfils their own orders: only theirs, and only along the moves the domain allows.</summary>
public sealed class ProducerOrderService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<ProducerOrderRow>> ListAsync(Actor actor, OrderStatus? status, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.ProducerId == producerId);
        if (status is { } s) q = q.Where(o => o.Status == s);
        var orders = await q.OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id).Take(200).ToListAsync(ct);
        return [.. orders.Select(o => new ProducerOrderRow(o.Id, o.Number, o.Status, o.Payment, o.IsPaid,
            o.Delivery?.RecipientName ?? "", o.TotalVnd, o.PlacedAt))];
    }

    public async Task<ProducerOrderDetail> GetAsync(Actor actor, int orderId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var o = await OwnOrderAsync(db, actor, orderId, ct);
        var d = o.Delivery!;
        return new ProducerOrderDetail(o.Id, o.Number, o.Status, o.Payment, o.IsPaid, d,
            ReferenceData.Communes.FirstOrDefault(c => c.Code == d.CommuneCode)?.Name ?? "",
            ReferenceData.Provinces.FirstOrDefault(p => p.Code == d.ProvinceCode)?.Name ?? "",
            [.. o.Lines.Select(l => new OrderLineView(l.ProductName, l.Unit, l.UnitPriceVnd, l.Quantity, l.LineTotalVnd))],
            o.SubtotalVnd, o.ShippingFeeVnd, o.TotalVnd, o.PlacedAt, o.Carrier, o.TrackingNumber, o.CancelReason,
            [.. o.Events.OrderBy(e => e.AtUtc)]);
    }

    public Task MarkTransferReceivedAsync(Actor actor, int orderId, CancellationToken ct = default) =>
        ChangeAsync(actor, orderId, (o, now) => o.MarkPaid(now), ct);

    public Task PackAsync(Actor actor, int orderId, CancellationToken ct = default) =>
        ChangeAsync(actor, orderId, (o, now) => o.Pack(now), ct);

    public Task ShipAsync(Actor actor, int orderId, string carrier, string trackingNumber, CancellationToken ct = default) =>
        ChangeAsync(actor, orderId, (o, now) => o.Ship(carrier, trackingNumber, now), ct);

    public Task DeliverAsync(Actor actor, int orderId, CancellationToken ct = default) =>
        ChangeAsync(actor, orderId, (o, now) => o.Deliver(now), ct);

    /// <summary>Cancels with a reason the buyer sees; the reserved units go back into stock in the same transaction.</summary>
    public async Task CancelAsync(Actor actor, int orderId, string reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await OwnOrderAsync(db, actor, orderId, ct);
        order.Cancel(CancelledBy.Producer, reason, clock.GetUtcNow().UtcDateTime);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var line in order.Lines)
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE Products SET Stock = Stock + {line.Quantity} WHERE Id = {line.ProductId}", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private async Task ChangeAsync(Actor actor, int orderId, Action<Order, DateTime> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await OwnOrderAsync(db, actor, orderId, ct);
        change(order, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    private static async Task<Order> OwnOrderAsync(OcopDbContext db, Actor actor, int orderId, CancellationToken ct)
    {
        var producerId = actor.RequireProducer();
        return await db.Orders.Include(o => o.Lines).Include(o => o.Events)
                   .FirstOrDefaultAsync(o => o.Id == orderId && o.ProducerId == producerId, ct)
               ?? throw new NotFoundException("Không tìm thấy đơn hàng.");
    }
}
