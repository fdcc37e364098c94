using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Stripe;
using PaymentMethod = OcopMarket.Core.Orders.Domain.PaymentMethod;
using StripeSession = Stripe.Checkout.Session;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Email.Domain;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Orders;

/// <summary>The signature, its age or its body does not prove the webhook came from Stripe.</summary>
public sealed class WebhookRejectedException(string message, Exception? inner = null) : Exception(message, inner);

public enum WebhookOutcome
{
    Handled = 1,
    /// <summary>An event id seen before (Stripe redelivers; an attacker may replay): nothing changed.</summary>
    AlreadyHandled = 2,
    /// <summary>A genuine event of a type the shop does not act on.</summary>
    Ignored = 3,
}

/// <summary>
/// Card payments through Stripe Checkout. One Checkout Session pays every card order of a checkout (one charge,
/// however many producers). Only Stripe's signed webhook marks an order paid, never the buyer's return to the
/// shop; a paid order that is cancelled is refunded before it is called cancelled.
/// </summary>
public sealed class CardPaymentService(
    IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, StripeSettings settings, ILogger<CardPaymentService> logger)
{
    /// <summary>Stripe lets a Checkout Session live between 30 minutes and 24 hours.</summary>
    private static readonly TimeSpan ShortestSession = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan LongestSession = TimeSpan.FromHours(24);

    /// <summary>
    /// Stripe checks those bounds on its own clock when the request arrives, not on the shop's when it was sent:
    /// the request's travel time and the two clocks' disagreement. A session kept this far inside them is never
    /// refused for a few seconds' difference.
    /// </summary>
    private static readonly TimeSpan ClockAllowance = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The session closes a little before the order's own payment window, so Stripe never takes money for an order
    /// the expiry worker is cancelling at the same moment.
    /// </summary>
    private static readonly TimeSpan SafetyMargin = TimeSpan.FromMinutes(5);

    /// <summary>How old a webhook's signed timestamp may be (Stripe's own default): older ones are replays.</summary>
    public static readonly TimeSpan WebhookTolerance = TimeSpan.FromMinutes(5);

    private readonly StripeClient? _client = settings.IsConfigured
        ? new StripeClient(settings.SecretKey!, apiBase: settings.ApiBase)
        : null;

    public bool IsEnabled => _client is not null;

    /// <summary>
    /// Sends the buyer to pay the card orders of their checkout: the open session they already have, or a new one.
    /// Same access rule as the order page (the link's secret, or the signed-in buyer).
    /// </summary>
    /// <returns>The Stripe-hosted page to redirect the buyer to.</returns>
    /// <exception cref="NotFoundException">Unknown checkout or not the buyer's.</exception>
    /// <exception cref="DomainException">Nothing to pay, the window nearly closed, or Stripe refused.</exception>
    public async Task<string> StartAsync(Guid checkoutId, string? accessToken, Actor? actor, string successUrl, string cancelUrl,
        CancellationToken ct = default)
    {
        var client = _client ?? throw new DomainException(new("Thanh toán thẻ chưa được bật.", "Card payment is not turned on."));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var orders = await db.Orders.Include(o => o.Lines).Where(o => o.CheckoutId == checkoutId).OrderBy(o => o.Id).ToListAsync(ct);
        if (orders.Count == 0 || !orders.All(o => OrderAccess.Allows(o, accessToken, actor)))
            throw new NotFoundException(new("Không tìm thấy đơn hàng.", "Order not found."));
        var due = orders.Where(o => o.Payment == PaymentMethod.Card && o.Status == OrderStatus.AwaitingPayment).ToList();
        if (due.Count == 0) throw new DomainException(new("Không còn đơn nào chờ thanh toán thẻ.", "No order is waiting for card payment any more."));

        var sessions = new Stripe.Checkout.SessionService(client);
        try
        {
            var numbers = string.Join(", ", due.Select(o => o.Number));
            var previousIds = due.Select(o => o.CardSessionId).OfType<string>().Distinct().ToList();
            foreach (var previousId in previousIds)
            {
                var previous = await sessions.GetAsync(previousId, cancellationToken: ct);
                // Paid at Stripe, its webhook not here yet: a second session now would charge the buyer twice.
                if (previous.Status == "complete")
                    throw new DomainException(new(
                        "Stripe đã nhận thanh toán và đang xác nhận. Vui lòng tải lại trang sau ít phút.",
                        "Stripe has received the payment and is confirming it. Please reload the page in a few minutes."));
                if (previous.Status != "open") continue;
                // A buyer who comes back (or double-clicks) goes to the session already open, if it charges exactly
                // the orders still waiting.
                if (previousIds.Count == 1 && due.All(o => o.CardSessionId == previousId) && previous.Url is { } openUrl
                    && previous.Metadata?.GetValueOrDefault("orders") == numbers)
                    return openUrl;
                // Otherwise (an order was cancelled since) it must not be paid any more: detach it first, so its
                // "expired" event finds no order to cancel, then close it at Stripe.
                foreach (var order in due.Where(o => o.CardSessionId == previousId)) order.DetachCardSession();
                await db.SaveChangesAsync(ct);
                await sessions.ExpireAsync(previousId, cancellationToken: ct);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var closesAt = due.Min(o => o.PaymentDueAt!.Value) - SafetyMargin;
            if (closesAt > now + LongestSession - ClockAllowance) closesAt = now + LongestSession - ClockAllowance;
            if (closesAt < now + ShortestSession + ClockAllowance)
                throw new DomainException(new(
                    "Thời hạn thanh toán sắp hết nên không thể mở phiên thanh toán thẻ mới.",
                    "The payment deadline is too close to open a new card payment."));

            var producerNames = await db.Producers.AsNoTracking().Where(p => due.Select(o => o.ProducerId).Contains(p.Id))
                .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
            var lineItems = new List<Stripe.Checkout.SessionLineItemOptions>();
            foreach (var order in due)
            {
                lineItems.AddRange(order.Lines.Select(l => LineItem($"{l.ProductName} ({order.Number})", l.UnitPriceVnd, l.Quantity)));
                if (order.ShippingFeeVnd > 0)
                    lineItems.Add(LineItem($"Phí vận chuyển — {producerNames[order.ProducerId]} ({order.Number})", order.ShippingFeeVnd, 1));
            }
            var sessionOptions = new Stripe.Checkout.SessionCreateOptions
            {
                Mode = "payment",
                LineItems = lineItems,
                SuccessUrl = successUrl,
                CancelUrl = cancelUrl,
                ClientReferenceId = checkoutId.ToString(),
                CustomerEmail = due[0].BuyerEmail,
                ExpiresAt = closesAt,
                Locale = "vi",
                // Which orders this session pays: the webhook reads it back, so a late payment of an older
                // session still finds its orders.
                Metadata = new Dictionary<string, string> { ["checkout_id"] = checkoutId.ToString(), ["orders"] = numbers },
                PaymentIntentData = new Stripe.Checkout.SessionPaymentIntentDataOptions
                {
                    Description = $"OcopMarket {numbers}",
                    Metadata = new Dictionary<string, string> { ["checkout_id"] = checkoutId.ToString() },
                },
            };
            // Cards only: they are paid when the session completes. A delayed method (bank transfer, voucher)
            // completes it unpaid and confirms days later, past the order's payment window. Stripe.net 53 has no
            // typed option for payment_method_types, which Stripe's API still takes.
            sessionOptions.AddExtraParam("payment_method_types", new List<string> { "card" });
            var session = await sessions.CreateAsync(sessionOptions, cancellationToken: ct);

            foreach (var order in due) order.AttachCardSession(session.Id);
            await db.SaveChangesAsync(ct);
            return session.Url;
        }
        catch (StripeException e)
        {
            logger.LogWarning(e, "Stripe refused a Checkout Session for checkout {CheckoutId}", checkoutId);
            throw new DomainException(new(
                "Chưa kết nối được cổng thanh toán thẻ. Đơn hàng vẫn được giữ; vui lòng thử lại sau ít phút.",
                "The card payment gateway could not be reached. Your order is still held; please try again in a few minutes."));
        }
    }

    private static Stripe.Checkout.SessionLineItemOptions LineItem(string name, long unitAmountVnd, long quantity) => new()
    {
        // VND is one of Stripe's zero-decimal currencies: the amount is in đồng, as the shop keeps it.
        PriceData = new Stripe.Checkout.SessionLineItemPriceDataOptions
        {
            Currency = "vnd",
            UnitAmount = unitAmountVnd,
            ProductData = new Stripe.Checkout.SessionLineItemPriceDataProductDataOptions { Name = name },
        },
        Quantity = quantity,
    };

    /// <summary>
    /// Acts on a Stripe webhook: verifies the signature and its age, then handles each event id once.
    /// A failure to apply it (a refund Stripe refused, a write that lost a race) throws, so the endpoint answers
    /// an error and Stripe delivers the event again later; nothing is recorded as handled until it was.
    /// </summary>
    /// <exception cref="WebhookRejectedException">Not provably from Stripe: forged, altered, stale or malformed.</exception>
    public async Task<WebhookOutcome> HandleWebhookAsync(string json, string? signatureHeader, CancellationToken ct = default)
    {
        if (!settings.IsConfigured) throw new WebhookRejectedException("Card payments are not configured.");
        Event stripeEvent;
        try
        {
            // Stripe's clock check uses the shop's clock (TimeProvider), so a replayed old delivery is refused.
            // The endpoint's API version is chosen in Stripe's dashboard and may lag the library's: the fields
            // read here (id, type, session id, payment status, payment intent) are the same in every version.
            stripeEvent = EventUtility.ConstructEvent(json, signatureHeader ?? "", settings.WebhookSecret!,
                (long)WebhookTolerance.TotalSeconds, clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (Exception e) when (e is StripeException or Newtonsoft.Json.JsonException or ArgumentException)
        {
            throw new WebhookRejectedException("The webhook's signature does not verify.", e);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ProcessedWebhookEvents.AnyAsync(e => e.Id == stripeEvent.Id, ct)) return WebhookOutcome.AlreadyHandled;

        var now = clock.GetUtcNow().UtcDateTime;
        var outcome = WebhookOutcome.Handled;
        var cancelled = new List<Order>();
        switch (stripeEvent.Type)
        {
            case EventTypes.CheckoutSessionCompleted when stripeEvent.Data.Object is StripeSession { PaymentStatus: "paid" } paid:
                await PaidAsync(db, paid, now, ct);
                break;
            case EventTypes.CheckoutSessionExpired when stripeEvent.Data.Object is StripeSession expired:
                cancelled = await ExpiredAsync(db, expired, now, ct);
                break;
            default:
                // A completed session that is not yet paid (delayed methods) is confirmed by a later event; cards are
                // paid at completion.
                outcome = WebhookOutcome.Ignored;
                break;
        }

        // The event id, the orders and the stock they give back commit together or not at all.
        db.ProcessedWebhookEvents.Add(new ProcessedWebhookEvent(stripeEvent.Id, stripeEvent.Type, now));
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var order in cancelled) await OrderStock.ReturnAsync(db, order, now, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same event delivered twice at once: the other delivery won and this one changed nothing.
            if (await IsRecordedAsync(stripeEvent.Id, ct)) return WebhookOutcome.AlreadyHandled;
            throw;
        }
        return outcome;
    }

    private async Task<bool> IsRecordedAsync(string eventId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ProcessedWebhookEvents.AnyAsync(e => e.Id == eventId, ct);
    }

    private async Task PaidAsync(OcopDbContext db, StripeSession session, DateTime now, CancellationToken ct)
    {
        // The orders a session pays are in its metadata, not only on the orders: the buyer may have opened a newer
        // session since, and the older one's payment must still find its orders.
        var numbers = session.Metadata?.GetValueOrDefault("orders")?.Split(", ", StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (!Guid.TryParse(session.ClientReferenceId, out var checkoutId) || numbers.Length == 0)
        {
            logger.LogWarning("Stripe session {SessionId} was paid but names no OcopMarket orders; ignored", session.Id);
            return;
        }
        var orders = await db.Orders.Include(o => o.Lines).Include(o => o.Events)
            .Where(o => o.CheckoutId == checkoutId && numbers.Contains(o.Number) && o.Payment == PaymentMethod.Card).ToListAsync(ct);
        if (orders.Count != numbers.Length)
            throw new InvalidOperationException($"Stripe session {session.Id} paid orders {string.Join(", ", numbers)}, but only {orders.Count} exist.");
        var dueVnd = orders.Sum(o => o.TotalVnd);
        if (session.AmountTotal != dueVnd || !string.Equals(session.Currency, "vnd", StringComparison.OrdinalIgnoreCase))
        {
            // The money Stripe took is not what the orders cost (a session altered at Stripe, a bug, a forged
            // metadata): the orders stay unpaid and a person decides, with the payment in Stripe's dashboard.
            logger.LogError("Stripe session {SessionId} was paid {Amount} {Currency} for orders {Orders}, which cost {Due} VND; not marked paid",
                session.Id, session.AmountTotal, session.Currency, string.Join(", ", numbers), dueVnd);
            await AlertOfficersAsync(db, session, numbers, dueVnd, now, ct);
            return;
        }
        foreach (var order in orders)
        {
            if (order.IsPaid && order.CardPaymentId != session.PaymentIntentId)
            {
                // Paid twice (two sessions, two tabs): the second payment goes straight back.
                logger.LogWarning("Order {Number} was paid twice; refunding payment {PaymentIntent}", order.Number, session.PaymentIntentId);
                await CreateRefundAsync(session.PaymentIntentId, order.TotalVnd, order.Number, $"refund-duplicate-{order.Id}-{session.PaymentIntentId}", ct);
                continue;
            }
            order.MarkPaidByCard(session.PaymentIntentId, now);
            if (order.RefundOwed)
            {
                // The money came in after the order had been cancelled: give it back at once.
                logger.LogWarning("Card payment for cancelled order {Number} arrived late; refunding", order.Number);
                await RefundCoreAsync(order, now, ct);
            }
        }
    }

    /// <summary>
    /// An email to every admin account (the programme officers), queued in the webhook's transaction: a payment that
    /// does not match its orders needs a person to refund it or settle it with the buyer.
    /// </summary>
    private static async Task AlertOfficersAsync(OcopDbContext db, StripeSession session, string[] orderNumbers, long dueVnd, DateTime now, CancellationToken ct)
    {
        var officers = await (from user in db.Users
                              join userRole in db.UserRoles on user.Id equals userRole.UserId
                              join role in db.Roles on userRole.RoleId equals role.Id
                              where role.Name == Roles.Admin && user.Email != null
                              select user.Email!).Distinct().ToListAsync(ct);
        var orders = string.Join(", ", orderNumbers);
        var paid = $"{session.AmountTotal?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} {session.Currency?.ToUpperInvariant()}";
        var body = $"""
            Stripe báo phiên thanh toán {session.Id} (payment intent {session.PaymentIntentId}) đã trả {paid} cho các đơn {orders}, nhưng các đơn này tổng cộng {dueVnd} VND.
            Các đơn KHÔNG được đánh dấu đã thanh toán. Vui lòng kiểm tra khoản thanh toán trên Stripe và hoàn tiền hoặc liên hệ người mua.

            Stripe reports that checkout session {session.Id} (payment intent {session.PaymentIntentId}) paid {paid} for orders {orders}, which total {dueVnd} VND.
            The orders were NOT marked paid. Please check the payment in Stripe and refund it or contact the buyer.
            """;
        foreach (var officer in officers)
            db.OutboxEmails.Add(new OutboxEmail(officer, $"[OcopMarket] Thanh toán thẻ không khớp đơn {orders} / Card payment does not match", body, now));
    }

    /// <returns>The orders cancelled, whose stock the caller returns in its transaction.</returns>
    private static async Task<List<Order>> ExpiredAsync(OcopDbContext db, StripeSession session, DateTime now, CancellationToken ct)
    {
        var cancelled = new List<Order>();
        foreach (var order in await OrdersOfAsync(db, session, ct))
        {
            if (!order.CardSessionExpired(session.Id, now)) continue;
            cancelled.Add(order);
        }
        return cancelled;
    }

    private static Task<List<Order>> OrdersOfAsync(OcopDbContext db, StripeSession session, CancellationToken ct) =>
        db.Orders.Include(o => o.Lines).Include(o => o.Events)
            .Where(o => o.CardSessionId == session.Id && o.Payment == PaymentMethod.Card).ToListAsync(ct);

    /// <summary>
    /// Gives a card order's money back through Stripe and records it on the order, which may then be cancelled.
    /// Stripe sees one idempotency key per order, so a retry after a failed save never refunds twice.
    /// </summary>
    /// <exception cref="DomainException">Stripe is not configured or refused the refund; the order is unchanged.</exception>
    public async Task RefundAsync(Order order, CancellationToken ct = default)
    {
        if (!order.NeedsRefundOnCancel && !order.RefundOwed) return;
        await RefundCoreAsync(order, clock.GetUtcNow().UtcDateTime, ct);
    }

    /// <summary>
    /// Gives a sent (shipped or delivered) card order's whole total back through Stripe and records it on the order,
    /// which the caller saves. The idempotency key is the order's one refund key, so a retry after a failed save (or
    /// a second officer's click) gets Stripe's first refund back, never a second one.
    /// </summary>
    /// <exception cref="DomainException">Stripe is not configured or refused; the order is unchanged.</exception>
    public async Task RefundAfterDeliveryAsync(Order order, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.RefundId is not null) return;
        if (order.Payment != PaymentMethod.Card || !order.IsPaid || order.CardPaymentId is null) throw new DomainException(new(
            "Chỉ hoàn tiền được đơn đã thanh toán bằng thẻ.", "Only orders paid by card can be refunded."));
        var refundId = await CreateRefundAsync(order.CardPaymentId, order.TotalVnd, order.Number, $"refund-order-{order.Id}", ct,
            new("Cổng thanh toán chưa hoàn tiền được; chưa có gì thay đổi. Vui lòng thử lại sau.",
                "The payment gateway could not refund yet; nothing has changed. Please try again later."));
        order.RecordRefundAfterDelivery(refundId, clock.GetUtcNow().UtcDateTime);
    }

    private async Task RefundCoreAsync(Order order, DateTime now, CancellationToken ct)
    {
        // One payment may cover every card order of the checkout: each order gives back its own total.
        var refundId = await CreateRefundAsync(order.CardPaymentId!, order.TotalVnd, order.Number, $"refund-order-{order.Id}", ct);
        order.RecordRefund(refundId, now);
    }

    /// <summary>Stripe sees one idempotency key per refund reason and order, so a retry never refunds twice.</summary>
    private async Task<string> CreateRefundAsync(string paymentIntentId, long amountVnd, string orderNumber, string idempotencyKey, CancellationToken ct,
        UserText? refused = null)
    {
        var client = _client ?? throw new DomainException(new(
            "Không hoàn tiền thẻ được vì thanh toán thẻ chưa được cấu hình.",
            "Card refunds are not possible because card payment is not configured."));
        try
        {
            var refund = await new RefundService(client).CreateAsync(new RefundCreateOptions
            {
                PaymentIntent = paymentIntentId,
                Amount = amountVnd,
                Reason = "requested_by_customer",
                Metadata = new Dictionary<string, string> { ["order"] = orderNumber },
            }, new RequestOptions { IdempotencyKey = idempotencyKey }, ct);
            return refund.Id;
        }
        catch (StripeException e)
        {
            logger.LogError(e, "Stripe refused the refund of order {Number}", orderNumber);
            throw new DomainException(refused ?? new(
                "Cổng thanh toán chưa hoàn tiền được; đơn chưa bị huỷ. Vui lòng thử lại sau.",
                "The payment gateway could not refund yet; the order has not been cancelled. Please try again later."));
        }
    }
}
