using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers;

namespace OcopMarket.Core.Orders;

public sealed record ProducerOrderRow(int Id, string Number, OrderStatus Status, PaymentMethod Payment, bool IsPaid,
    string RecipientName, long TotalVnd, DateTime PlacedAt);

public sealed record ProducerOrderDetail(int Id, string Number, OrderStatus Status, PaymentMethod Payment, bool IsPaid,
    DeliveryAddress Delivery, string CommuneName, string ProvinceName, IReadOnlyList<OrderLineView> Lines,
    long SubtotalVnd, long ShippingFeeVnd, long TotalVnd, DateTime PlacedAt, string? Carrier, string? TrackingNumber,
    string? CancelReason, IReadOnlyList<OrderEvent> Events, bool IsRefunded, DateTime? ConfirmationDueAt = null,
    bool ContactHidden = false);

/// <summary>
/// A producer fulfils their own orders: only theirs, only along the moves the domain allows, and not while suspended
/// (listing, export, a single order and every change are all refused then).
/// </summary>
public sealed class ProducerOrderService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, CardPaymentService cards,
    Legal.LegalSettings? legal = null)
{
    private readonly int _contactDays = (legal ?? new Legal.LegalSettings()).ProducerContactDays;

    private bool HidesContact(Order o) => ProducerContactRetention.Hides(o.Status, o.Events, clock.GetUtcNow().UtcDateTime, _contactDays);

    public async Task<IReadOnlyList<ProducerOrderRow>> ListAsync(Actor actor, OrderStatus? status, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.ProducerId == producerId);
        if (await ProducerSuspension.SuspendedBecauseAsync(db, producerId, ct) is { } suspended)
        {
            // Suspended: only the orders an officer let them fulfil, and if there are none the portal stays closed.
            q = q.Where(o => o.FulfilmentAllowedWhileSuspended);
            if (!await q.AnyAsync(ct)) throw suspended;
        }
        if (status is { } s) q = q.Where(o => o.Status == s);
        // Orders waiting for the producer's call come first: each one left too long is cancelled and its stock released.
        var orders = await q.OrderBy(o => o.Status == OrderStatus.AwaitingConfirmation ? 0 : 1)
            .ThenByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id).Take(200).ToListAsync(ct);
        return [.. orders.Select(o => new ProducerOrderRow(o.Id, o.Number, o.Status, o.Payment, o.IsPaid,
            o.Delivery?.RecipientName ?? "", o.TotalVnd, o.PlacedAt))];
    }

    /// <summary>The producer's orders as CSV (UTF-8 with a byte-order mark, so spreadsheet apps keep the Vietnamese).</summary>
    public async Task<string> ExportCsvAsync(Actor actor, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ProducerSuspension.RequireNotSuspendedAsync(db, producerId, ct);
        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Events).Where(o => o.ProducerId == producerId)
            .OrderByDescending(o => o.PlacedAt).AsSplitQuery().ToListAsync(ct);
        var csv = new System.Text.StringBuilder("\uFEFF");
        csv.AppendLine("Mã đơn,Ngày đặt,Trạng thái,Thanh toán,Đã thanh toán,Người nhận,Điện thoại,Địa chỉ,Sản phẩm,Tạm tính,Phí vận chuyển,Tổng,Đơn vị vận chuyển,Mã vận đơn");
        foreach (var o in orders)
        {
            var d = HidesContact(o) ? ProducerContactRetention.Masked(o.Delivery!) : o.Delivery!;
            string[] cells =
            [
                o.Number, o.PlacedAt.AddHours(7).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                o.Status.ToString(), o.Payment.ToString(), o.IsPaid ? "1" : "0", d.RecipientName, d.Phone,
                DeliveryAddressText.Line(d), string.Join("; ", o.Lines.Select(l => $"{l.ProductName} x{l.Quantity}")),
                o.SubtotalVnd.ToString(System.Globalization.CultureInfo.InvariantCulture),
                o.ShippingFeeVnd.ToString(System.Globalization.CultureInfo.InvariantCulture),
                o.TotalVnd.ToString(System.Globalization.CultureInfo.InvariantCulture), o.Carrier ?? "", o.TrackingNumber ?? "",
            ];
            csv.AppendLine(string.Join(",", cells.Select(Csv.Cell)));
        }
        return csv.ToString();
    }

    /// <summary>The id of the producer's own order with this number (emails link by number); another's is not found.</summary>
    public async Task<int> FindIdAsync(Actor actor, string orderNumber, CancellationToken ct = default)
    {
        var producerId = actor.RequireProducer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ProducerSuspension.RequireNotSuspendedAsync(db, producerId, ct);
        var id = await db.Orders.Where(o => o.Number == orderNumber && o.ProducerId == producerId).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);
        return id ?? throw new NotFoundException(new("Không tìm thấy đơn hàng.", "Order not found."));
    }

    public async Task<ProducerOrderDetail> GetAsync(Actor actor, int orderId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var o = await OwnOrderAsync(db, actor, orderId, ct);
        var hidden = HidesContact(o);
        var d = hidden ? ProducerContactRetention.Masked(o.Delivery!) : o.Delivery!;
        return new ProducerOrderDetail(o.Id, o.Number, o.Status, o.Payment, o.IsPaid, d,
            DeliveryAddressText.CommuneName(d), DeliveryAddressText.ProvinceName(d),
            [.. o.Lines.Select(l => new OrderLineView(l.ProductName, l.Unit, l.UnitPriceVnd, l.Quantity, l.LineTotalVnd))],
            o.SubtotalVnd, o.ShippingFeeVnd, o.TotalVnd, o.PlacedAt, o.Carrier, o.TrackingNumber, o.CancelReason,
            [.. o.Events.OrderBy(e => e.AtUtc)], o.RefundId is not null, o.ConfirmationDueAt, hidden);
    }

    /// <summary>The producer checked a cash-on-delivery order with the buyer (by phone) and will send it.</summary>
    public Task ConfirmAsync(Actor actor, int orderId, CancellationToken ct = default) =>
        ChangeAsync(actor, orderId, (o, now) => o.ConfirmByProducer(now), ct);

    public Task MarkTransferReceivedAsync(Actor actor, int orderId, CancellationToken ct = default) =>
        ChangeAsync(actor, orderId, (o, now) => o.MarkPaid(now), ct);

    public Task PackAsync(Actor actor, int orderId, CancellationToken ct = default) =>
        ChangeAsync(actor, orderId, (o, now) => o.Pack(now), ct);

    public Task ShipAsync(Actor actor, int orderId, string carrier, string trackingNumber, CancellationToken ct = default) =>
        ChangeAsync(actor, orderId, (o, now) => o.Ship(carrier, trackingNumber, now), ct);

    public Task DeliverAsync(Actor actor, int orderId, CancellationToken ct = default) =>
        ChangeAsync(actor, orderId, (o, now) => o.Deliver(now), ct);

    /// <summary>
    /// Cancels with a reason the buyer sees; the reserved units go back into stock in the same transaction.
    /// A card payment is refunded through Stripe first; if Stripe refuses, the order stays as it was.
    /// </summary>
    public Task CancelAsync(Actor actor, int orderId, string reason, CancellationToken ct = default) =>
        OrderCancellation.CancelAsync(dbFactory, (db, token) => OwnOrderAsync(db, actor, orderId, token),
            CancelledBy.Producer, reason, cards, clock, ct);

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
        var suspended = await ProducerSuspension.SuspendedBecauseAsync(db, producerId, ct);
        var order = await db.Orders.Include(o => o.Lines).Include(o => o.Events)
                        .FirstOrDefaultAsync(o => o.Id == orderId && o.ProducerId == producerId, ct);
        // A suspended producer reaches only the orders an officer let them fulfil.
        if (suspended is not null && order?.FulfilmentAllowedWhileSuspended != true) throw suspended;
        return order ?? throw new NotFoundException(new("Không tìm thấy đơn hàng.", "Order not found."));
    }
}
