using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Common;
using OcopMarket.Core.Email.Domain;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Orders;

/// <summary>The order emails, queued in the outbox of the same DbContext so they commit with the order.</summary>
public static class OrderEmails
{
    public static void Placed(OcopDbContext db, Order order, string? orderLink, IReadOnlyList<string> producerEmails, DateTime nowUtc)
    {
        var lines = string.Join("\n", order.Lines.Select(l => $"- {l.ProductName} × {l.Quantity}: {Money.FormatVnd(l.LineTotalVnd)}"));
        var summary = $"{lines}\nVận chuyển: {Money.FormatVnd(order.ShippingFeeVnd)}\nTổng: {Money.FormatVnd(order.TotalVnd)}";
        if (order.BuyerEmail is { } buyer)
        {
            db.OutboxEmails.Add(new OutboxEmail(buyer, $"Đã nhận đơn {order.Number} / Order received",
                $"Cảm ơn bạn đã đặt hàng trên OcopMarket.\n\nĐơn {order.Number}:\n{summary}\n\n" +
                (orderLink is null ? "" : $"Theo dõi đơn hàng: {orderLink}\n"), nowUtc));
        }
        foreach (var producer in producerEmails)
        {
            db.OutboxEmails.Add(new OutboxEmail(producer, $"Đơn hàng mới {order.Number}",
                $"Bạn có đơn hàng mới {order.Number} ({order.Payment}).\n{summary}\n\nXem trong cổng nhà sản xuất: /portal/orders/{order.Id}\n", nowUtc));
        }
    }

    public static void StatusChanged(OcopDbContext db, Order order, DateTime nowUtc)
    {
        if (order.BuyerEmail is not { } buyer) return;
        var what = order.Status switch
        {
            OrderStatus.Confirmed => "đã được xác nhận",
            OrderStatus.Packed => "đã được đóng gói",
            OrderStatus.Shipped => $"đã giao cho {order.Carrier}, mã vận đơn {order.TrackingNumber}",
            OrderStatus.Delivered => "đã giao tới bạn",
            OrderStatus.Cancelled => $"đã bị huỷ{(order.CancelReason is { } r ? $": {r}" : "")}"
                + (order.RefundId is null ? "" : $". Đã hoàn {Money.FormatVnd(order.TotalVnd)} về thẻ của bạn (thường về tài khoản sau 5–10 ngày)"),
            _ => order.Status.ToString(),
        };
        db.OutboxEmails.Add(new OutboxEmail(buyer, $"Đơn {order.Number}: {what}", $"Đơn hàng {order.Number} {what}.\n", nowUtc));
    }

    public static Task<List<string>> ProducerEmailsAsync(OcopDbContext db, int producerId, CancellationToken ct) =>
        db.Users.Where(u => u.ProducerId == producerId && u.Email != null).Select(u => u.Email!).ToListAsync(ct);
}
