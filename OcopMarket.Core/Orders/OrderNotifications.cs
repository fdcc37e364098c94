using OcopMarket.Core.Bookings;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OcopMarket.Core.Common;
using OcopMarket.Core.Email.Domain;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Orders;

/// <summary>The absolute addresses that order emails link to (built by the web app from Site:PublicUrl).</summary>
public interface IOrderLinks
{
    /// <summary>The buyer's order page: with the secret of a guest's link, or for a signed-in buyer without it.</summary>
    string BuyerOrder(Guid checkoutId, string? accessToken);

    /// <summary>The order in the producer portal, by its number (an order being placed has no id yet).</summary>
    string ProducerOrder(string orderNumber);
}

/// <summary>
/// What happens after an order changes, decided in one place from the <see cref="OrderEvent"/>s the domain
/// records: whoever or whatever made the change (checkout, producer, buyer, officer, the expiry worker, a Stripe
/// webhook), the same events give the same emails. They are queued in the outbox by <see cref="OrderEventOutbox"/>
/// inside the SaveChanges that writes the events, so they commit, or roll back, with the change itself.
/// </summary>
public sealed class OrderNotifications(IOrderLinks links)
{
    // The guest's secret link exists only in the request that placed the order (the database keeps its hash);
    // the checkout hands it over here for the placement email of that same unit of work.
    private static readonly ConditionalWeakTable<Order, string> BuyerLinks = new();

    /// <summary>The order link to put in the buyer's placement email (the checkout calls this before saving).</summary>
    public static void AttachBuyerLink(Order order, string link) => BuyerLinks.AddOrUpdate(order, link);

    /// <summary>Queues the emails for every event added to the tracked orders of <paramref name="db"/>.</summary>
    public async Task QueueAsync(OcopDbContext db, CancellationToken ct)
    {
        var changed = db.ChangeTracker.Entries<Order>()
            .Select(entry => (entry, added: entry.Entity.Events.Where(e => db.Entry(e).State == EntityState.Added).ToList()))
            .Where(x => x.added.Count > 0)
            .ToList();
        if (changed.Count == 0) return;

        var producerEmails = new Dictionary<int, List<string>>();
        foreach (var (entry, events) in changed)
        {
            var order = entry.Entity;
            if (!producerEmails.TryGetValue(order.ProducerId, out var producer))
            {
                producer = await db.Users.Where(u => u.ProducerId == order.ProducerId && u.Email != null).Select(u => u.Email!).ToListAsync(ct);
                producerEmails[order.ProducerId] = producer;
            }
            foreach (var email in For(order, isNew: entry.State == EntityState.Added, events, producer))
                db.OutboxEmails.Add(email);
        }
    }

    private IEnumerable<OutboxEmail> For(Order order, bool isNew, List<OrderEvent> events, List<string> producerEmails)
    {
        if (isNew)
        {
            foreach (var email in Placed(order, producerEmails)) yield return email;
            yield break;
        }
        foreach (var e in events)
        {
            if (order.BuyerEmail is { } buyer && BuyerNews(order, e.Status) is { } news)
                yield return new OutboxEmail(buyer, $"Đơn {order.Number}: {news}", $"Đơn hàng {order.Number} {news}.\n" + BuyerLinkLine(order), e.AtUtc);
            if (ProducerNews(order, e) is { } notice)
            {
                foreach (var producer in producerEmails)
                    yield return new OutboxEmail(producer, notice.Subject,
                        $"{notice.Body}\n\nXem trong cổng nhà sản xuất / Open in the producer portal: {links.ProducerOrder(order.Number)}\n", e.AtUtc);
            }
        }
    }

    private IEnumerable<OutboxEmail> Placed(Order order, List<string> producerEmails)
    {
        var lines = string.Join("\n", order.Lines.Select(l => $"- {l.ProductName} × {l.Quantity}: {Money.FormatVnd(l.LineTotalVnd)}"
            + (l.Booking is { } b ? $"\n  {BookingText.Describe(b)}" : "")));
        var summary = $"{lines}\nVận chuyển: {Money.FormatVnd(order.ShippingFeeVnd)}\nTổng: {Money.FormatVnd(order.TotalVnd)}";
        if (order.BuyerEmail is { } buyer)
        {
            var link = BuyerLinks.TryGetValue(order, out var guestLink) ? guestLink : order.BuyerUserId is null ? null : links.BuyerOrder(order.CheckoutId, null);
            yield return new OutboxEmail(buyer, $"Đã nhận đơn {order.Number} / Order received",
                $"Cảm ơn bạn đã đặt hàng trên OcopMarket.\n\nĐơn {order.Number}:\n{summary}\n\n" + AwaitingConfirmationLine(order) +
                (link is null ? "" : $"Theo dõi đơn hàng: {link}\n") +
                // The order page's calendar file, by the same link (a guest's secret included), for the phone's calendar.
                (link is null || order.Lines.All(l => l.Booking is null) ? "" : $"Thêm vào lịch / Add to your calendar (.ics): {OrderPaths.CalendarFileOf(link)}\n"),
                order.PlacedAt);
        }
        foreach (var producer in producerEmails)
        {
            yield return new OutboxEmail(producer, $"Đơn hàng mới {order.Number}",
                $"Bạn có đơn hàng mới {order.Number} ({PaymentText(order.Payment)}).\n{summary}\n\n" + ConfirmRequestLine(order) +
                $"Xem trong cổng nhà sản xuất: {links.ProducerOrder(order.Number)}\n",
                order.PlacedAt);
        }
    }

    /// <summary>A cash-on-delivery buyer learns the order is not yet on its way: the shop will call to confirm it.</summary>
    private static string AwaitingConfirmationLine(Order order) => order.Status != OrderStatus.AwaitingConfirmation ? "" :
        "Đang chờ cửa hàng xác nhận: cửa hàng sẽ gọi cho bạn để xác nhận đơn trước khi gửi hàng.\n" +
        "Waiting for the shop to confirm: the shop will call you to confirm the order before sending it.\n\n";

    /// <summary>The producer must confirm a cash-on-delivery order in time, or it is cancelled and its stock returned.</summary>
    private static string ConfirmRequestLine(Order order) => order.ConfirmationDueAt is not { } due || order.Status != OrderStatus.AwaitingConfirmation ? "" :
        $"Hãy gọi người mua ({order.Delivery?.Phone}) rồi bấm “Xác nhận đơn” trước {due.AddHours(7):HH:mm dd/MM/yyyy}; nếu không, đơn tự huỷ và hàng trở lại kho.\n\n";

    /// <summary>A signed-in buyer can follow every email to the order; a guest's secret link is only in the first.</summary>
    private string BuyerLinkLine(Order order) =>
        order.BuyerUserId is null ? "" : $"Theo dõi đơn hàng: {links.BuyerOrder(order.CheckoutId, null)}\n";

    private static string? BuyerNews(Order order, OrderStatus status) => status switch
    {
        OrderStatus.Confirmed when order.Payment == PaymentMethod.CashOnDelivery =>
            "đã được cửa hàng xác nhận và sẽ sớm được gửi đi / was confirmed by the shop and will be sent soon",
        OrderStatus.Confirmed => "đã được xác nhận",
        OrderStatus.Packed => "đã được đóng gói",
        OrderStatus.Shipped => $"đã giao cho {order.Carrier}, mã vận đơn {order.TrackingNumber}",
        OrderStatus.Delivered => "đã giao tới bạn",
        OrderStatus.Cancelled => $"đã bị huỷ{(order.CancelReason is { } r ? $": {r}" : "")}"
            + (order.RefundId is null ? "" : $". Đã hoàn {Money.FormatVnd(order.TotalVnd)} về thẻ của bạn (thường về tài khoản sau 5–10 ngày)"),
        _ => null,
    };

    /// <summary>The producer hears what changes their work: money arrived (start packing), or the order is off.</summary>
    private static (string Subject, string Body)? ProducerNews(Order order, OrderEvent e) => e.Status switch
    {
        OrderStatus.Confirmed when order.IsPaid =>
            ($"Đơn {order.Number} đã thanh toán — hãy chuẩn bị hàng",
             $"Người mua đã thanh toán đơn {order.Number} ({Money.FormatVnd(order.TotalVnd)}). Hãy đóng gói và giao hàng."),
        OrderStatus.Cancelled =>
            ($"Đơn {order.Number} đã huỷ",
             $"Đơn {order.Number} đã huỷ ({CancelledByText(order)}){(order.CancelReason is { } r ? $": {r}" : "")}. Không cần giao đơn này; hàng đã trở lại kho."),
        _ => null,
    };

    private static string PaymentText(PaymentMethod payment) => payment switch
    {
        PaymentMethod.CashOnDelivery => "thanh toán khi nhận hàng",
        PaymentMethod.BankTransfer => "chuyển khoản, chờ tiền về",
        PaymentMethod.Card => "thẻ, chờ Stripe xác nhận",
        _ => payment.ToString(),
    };

    private static string CancelledByText(Order order) => order.CancelledBy switch
    {
        CancelledBy.Expiry when order.Payment == PaymentMethod.CashOnDelivery => "quá hạn xác nhận",
        CancelledBy.Buyer => "người mua huỷ",
        CancelledBy.Producer => "bạn huỷ",
        CancelledBy.Officer => "cán bộ chương trình huỷ",
        CancelledBy.Expiry => "quá hạn thanh toán",
        _ => "đã huỷ",
    };
}

/// <summary>
/// Runs <see cref="OrderNotifications"/> inside every SaveChanges of the app's contexts, before the rows are
/// written, so an order change and the emails it causes are one transaction (the transactional outbox).
/// </summary>
public sealed class OrderEventOutbox(OrderNotifications notifications) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is OcopDbContext db) await notifications.QueueAsync(db, cancellationToken);
        return result;
    }

    // Order changes are saved asynchronously everywhere; a synchronous save must not skip the outbox either.
    public override InterceptionResult<int> SavingChanges(
        DbContextEventData eventData,
        InterceptionResult<int> result)
    {
        if (eventData.Context is OcopDbContext db) notifications.QueueAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }
}

/// <summary>Links against a fixed base address: for tools and tests that run Core without the web app.</summary>
public sealed class FixedOrderLinks(string baseUrl) : IOrderLinks
{
    public static readonly FixedOrderLinks Localhost = new("http://localhost");

    private readonly string _base = baseUrl.TrimEnd('/');

    public string BuyerOrder(Guid checkoutId, string? accessToken) => _base + OrderPaths.BuyerOrder(checkoutId, accessToken);

    public string ProducerOrder(string orderNumber) => _base + OrderPaths.ProducerOrderByNumber(orderNumber);
}
