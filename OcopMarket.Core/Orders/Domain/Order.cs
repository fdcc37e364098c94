using OcopMarket.Core.Bookings.Domain;
using OcopMarket.Core.Common;

namespace OcopMarket.Core.Orders.Domain;

public enum OrderStatus
{
    AwaitingPayment = 1,
    Confirmed = 2,
    Packed = 3,
    Shipped = 4,
    Delivered = 5,
    Cancelled = 6,

    /// <summary>Cash on delivery: placed, holding its stock, until the producer confirms it with the buyer (usually by phone).</summary>
    AwaitingConfirmation = 7,
}

public enum PaymentMethod
{
    CashOnDelivery = 1,
    BankTransfer = 2,
    Card = 3,
}

public enum CancelledBy
{
    Buyer = 1,
    Producer = 2,
    Expiry = 3,
    Officer = 4,
}

/// <summary>One line of an order: what was bought, at the price shown when the order was placed.</summary>
public sealed class OrderLine
{
    private OrderLine() { }

    public OrderLine(int productId, string productName, string unit, long unitPriceVnd, int quantity, BookingChoice? booking = null)
    {
        Booking = booking;
        if (quantity <= 0) throw new DomainException(new("Số lượng phải lớn hơn 0.", "The quantity must be above 0."));
        if (unitPriceVnd <= 0) throw new ArgumentOutOfRangeException(nameof(unitPriceVnd));
        ProductId = productId;
        ProductName = productName;
        Unit = unit;
        UnitPriceVnd = unitPriceVnd;
        Quantity = quantity;
    }

    public int Id { get; private set; }
    public int ProductId { get; private set; }
    public string ProductName { get; private set; } = "";
    public string Unit { get; private set; } = "";
    public long UnitPriceVnd { get; private set; }
    public int Quantity { get; private set; }
    public long LineTotalVnd => checked(UnitPriceVnd * Quantity);

    /// <summary>For a tourism service booked for a date: the date(s), slot and people. Null for goods that are shipped.</summary>
    public BookingChoice? Booking { get; private set; }
}

/// <summary>A step in an order's life, for the buyer's and the producer's timeline.</summary>
public sealed class OrderEvent
{
    private OrderEvent() { }

    public OrderEvent(OrderStatus status, DateTime atUtc, string? note)
    {
        Status = status;
        AtUtc = atUtc;
        Note = note;
    }

    public int Id { get; private set; }
    public OrderStatus Status { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string? Note { get; private set; }

    /// <summary>Its order's buyer was erased (<see cref="Order.Anonymise"/>): the note can name them or carry the tracking number.</summary>
    internal void EraseNote() => Note = null;
}

/// <summary>Where and to whom a checkout is delivered: street → commune/ward → province (2025 units).</summary>
public sealed record DeliveryAddress(string RecipientName, string Phone, string Street, string CommuneCode, string ProvinceCode, string? Note);

/// <summary>
/// One producer's share of a checkout. The status only moves along
/// awaiting payment (transfer, card) or awaiting confirmation (cash on delivery) → confirmed → packed → shipped
/// → delivered, or to cancelled before shipping;
/// every other move is refused, whoever asks.
/// </summary>
public sealed class Order
{
    private readonly List<OrderLine> _lines = [];
    private readonly List<OrderEvent> _events = [];

    private Order() { }

    public Order(string number, Guid checkoutId, int producerId, PaymentMethod payment, IEnumerable<OrderLine> lines,
        long shippingFeeVnd, DateTime placedAtUtc, TimeSpan? paymentWindow = null, DeliveryAddress? delivery = null,
        string? buyerUserId = null, string? buyerEmail = null, TimeSpan? confirmationWindow = null, string? placedFromIp = null)
    {
        PlacedFromIp = placedFromIp;
        Delivery = delivery;
        BuyerUserId = buyerUserId;
        BuyerEmail = buyerEmail;
        if (string.IsNullOrWhiteSpace(number)) throw new ArgumentException("An order needs a number.", nameof(number));
        if (shippingFeeVnd < 0) throw new ArgumentOutOfRangeException(nameof(shippingFeeVnd));
        _lines.AddRange(lines);
        if (_lines.Count == 0) throw new DomainException(new("Đơn hàng cần ít nhất một sản phẩm.", "An order needs at least one product."));
        if (_lines.Select(l => l.ProductId).Distinct().Count() != _lines.Count)
            throw new ArgumentException("A product appears once per order, with its quantity.", nameof(lines));
        Number = number;
        CheckoutId = checkoutId;
        ProducerId = producerId;
        Payment = payment;
        ShippingFeeVnd = shippingFeeVnd;
        PlacedAt = DateTime.SpecifyKind(placedAtUtc, DateTimeKind.Utc);

        // Cash on delivery costs the buyer nothing up front, so anyone can place it for stock they never mean to take:
        // it waits for the producer to confirm it with the buyer, and gives its stock back if nobody does in time.
        // Transfers and cards wait for the money, and likewise give their reserved stock back if it does not come.
        if (payment == PaymentMethod.CashOnDelivery)
        {
            var window = confirmationWindow ?? DefaultConfirmationWindow;
            if (window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(confirmationWindow));
            ConfirmationDueAt = PlacedAt + window;
            Record(OrderStatus.AwaitingConfirmation, PlacedAt, null);
        }
        else
        {
            if (paymentWindow is not { } window || window <= TimeSpan.Zero)
                throw new ArgumentException("Transfer and card orders need a payment window.", nameof(paymentWindow));
            PaymentDueAt = PlacedAt + window;
            Record(OrderStatus.AwaitingPayment, PlacedAt, null);
        }
    }

    public int Id { get; private set; }
    public string Number { get; private set; } = "";
    public Guid CheckoutId { get; private set; }
    public int ProducerId { get; private set; }
    public PaymentMethod Payment { get; private set; }
    public OrderStatus Status { get; private set; }
    public DateTime PlacedAt { get; private set; }
    public DateTime? PaymentDueAt { get; private set; }
    public DateTime? PaidAt { get; private set; }

    /// <summary>A cash-on-delivery order not confirmed by the producer by then is cancelled and its stock returned.</summary>
    public DateTime? ConfirmationDueAt { get; private set; }

    public DateTime? ConfirmedAt { get; private set; }

    /// <summary>The address the checkout came from (as the web server saw it): for the per-address cap and for officers.</summary>
    public string? PlacedFromIp { get; private set; }

    public static readonly TimeSpan DefaultConfirmationWindow = TimeSpan.FromHours(48);
    public long ShippingFeeVnd { get; private set; }
    public string? Carrier { get; private set; }
    public string? TrackingNumber { get; private set; }
    public CancelledBy? CancelledBy { get; private set; }
    public string? CancelReason { get; private set; }
    public DeliveryAddress? Delivery { get; private set; }

    /// <summary>The signed-in buyer, or null for a guest (who follows the order by a secret link).</summary>
    public string? BuyerUserId { get; private set; }
    public string? BuyerEmail { get; private set; }

    /// <summary>SHA-256 of the secret in the guest's order link; the secret itself is never stored.</summary>
    public string? AccessTokenHash { get; private set; }

    public void SetAccessTokenHash(string hash) => AccessTokenHash = hash;

    /// <summary>
    /// The buyer's data leaves the order, which stays for the accounts (Legal:OrderRetentionYears): number, dates,
    /// lines, amounts, payment and status stay; the account link, email, IP address and the guest link's secret go,
    /// and the delivery keeps only its commune and province (area figures) under the anonymous marker.
    /// </summary>
    public void Anonymise(string marker)
    {
        BuyerUserId = null;
        BuyerEmail = null;
        PlacedFromIp = null;
        AccessTokenHash = null;
        if (Delivery is { } d) Delivery = d with { RecipientName = marker, Phone = "", Street = "", Note = null };
        // Words a person typed about the buyer ("chị Mai không nghe máy"), and the carrier's number, with which the
        // carrier's own site shows the recipient; the status, times and carrier stay.
        CancelReason = null;
        TrackingNumber = null;
        foreach (var e in _events) e.EraseNote();
    }

    /// <summary>Whether the order can still change (so its delivery details are still needed): not delivered nor cancelled.</summary>
    public bool IsOpen => Status is not (OrderStatus.Delivered or OrderStatus.Cancelled);

    /// <summary>The Stripe Checkout Session the buyer was last sent to for this card order.</summary>
    public string? CardSessionId { get; private set; }

    /// <summary>Stripe's payment (PaymentIntent id) once the card was charged: what a refund is made against.</summary>
    public string? CardPaymentId { get; private set; }

    /// <summary>Stripe's refund id once the card payment was given back.</summary>
    public string? RefundId { get; private set; }

    public DateTime? RefundedAt { get; private set; }

    public IReadOnlyList<OrderLine> Lines => _lines;
    public IReadOnlyList<OrderEvent> Events => _events;

    public long SubtotalVnd => _lines.Sum(l => l.LineTotalVnd);
    public long TotalVnd => checked(SubtotalVnd + ShippingFeeVnd);
    public bool IsPaid => PaidAt is not null;

    /// <summary>The producer saw the bank transfer arrive. (Card payments are confirmed by Stripe alone.)</summary>
    public void MarkPaid(DateTime atUtc)
    {
        if (Payment == PaymentMethod.CashOnDelivery) throw new DomainException(new(
            "Đơn thanh toán khi nhận hàng không cần xác nhận chuyển khoản.",
            "A cash-on-delivery order needs no transfer confirmation."));
        if (Payment == PaymentMethod.Card) throw new DomainException(new(
            "Thanh toán thẻ do Stripe xác nhận, không xác nhận tay.",
            "Card payments are confirmed by Stripe, not by hand."));
        ConfirmPayment(atUtc);
    }

    private void ConfirmPayment(DateTime atUtc)
    {
        if (IsPaid) return; // the same payment reported twice changes nothing
        Require(OrderStatus.AwaitingPayment, new("Đơn này không còn chờ thanh toán.", "This order is no longer awaiting payment."));
        PaidAt = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
        Record(OrderStatus.Confirmed, PaidAt.Value, null);
    }

    /// <summary>
    /// Stripe charged the card (its webhook said so, never the buyer's browser). An order that is still waiting is
    /// confirmed; one already cancelled (its window closed as the buyer paid) keeps its status and now owes a refund.
    /// </summary>
    public void MarkPaidByCard(string paymentId, DateTime atUtc)
    {
        if (Payment != PaymentMethod.Card) throw new DomainException(new("Đơn này không thanh toán bằng thẻ.", "This order is not paid by card."));
        if (string.IsNullOrWhiteSpace(paymentId)) throw new ArgumentException("A card payment needs Stripe's payment id.", nameof(paymentId));
        if (IsPaid) return; // Stripe delivers events at least once
        CardPaymentId = paymentId;
        if (Status == OrderStatus.Cancelled)
        {
            PaidAt = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
            return;
        }
        ConfirmPayment(atUtc);
    }

    /// <summary>The buyer was sent to this Stripe Checkout Session to pay.</summary>
    public void AttachCardSession(string sessionId)
    {
        if (Payment != PaymentMethod.Card) throw new DomainException(new("Đơn này không thanh toán bằng thẻ.", "This order is not paid by card."));
        Require(OrderStatus.AwaitingPayment, new("Đơn này không còn chờ thanh toán.", "This order is no longer awaiting payment."));
        CardSessionId = sessionId;
    }

    public static readonly TimeSpan StillTimeToPay = TimeSpan.FromHours(1);

    /// <summary>The session the order waited on is being closed (replaced by one for a different set of orders).</summary>
    public void DetachCardSession() => CardSessionId = null;

    /// <summary>
    /// Stripe closed the payment session unpaid. Only the session the order is waiting on counts: an older one the
    /// buyer abandoned for a new attempt expiring changes nothing.
    /// </summary>
    /// <returns>Whether the order was cancelled (and so must give its stock back).</returns>
    public bool CardSessionExpired(string sessionId, DateTime atUtc)
    {
        if (Status != OrderStatus.AwaitingPayment || CardSessionId != sessionId) return false;
        // Stripe sessions live at most 24 hours; with a longer payment window the buyer may still pay through a
        // new session, so the order keeps its stock and waits (the expiry worker ends it at its deadline).
        if (PaymentDueAt - atUtc > StillTimeToPay)
        {
            CardSessionId = null;
            return false;
        }
        CancelledBy = Domain.CancelledBy.Expiry;
        CancelReason = "Phiên thanh toán thẻ đã hết hạn";
        Record(OrderStatus.Cancelled, atUtc, CancelReason);
        return true;
    }

    /// <summary>A card payment was given back through Stripe.</summary>
    public void RecordRefund(string refundId, DateTime atUtc)
    {
        if (Payment != PaymentMethod.Card || !IsPaid) throw new DomainException(new(
            "Chỉ hoàn tiền được đơn đã thanh toán bằng thẻ.",
            "Only orders paid by card can be refunded."));
        if (RefundId is not null) return;
        if (Status is OrderStatus.Shipped or OrderStatus.Delivered) throw new DomainException(new(
            "Đơn đã giao cho vận chuyển, không hoàn tiền tự động.",
            "The order is already with the carrier, so it is not refunded automatically."));
        if (string.IsNullOrWhiteSpace(refundId)) throw new ArgumentException("A refund needs Stripe's refund id.", nameof(refundId));
        RefundId = refundId;
        RefundedAt = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
    }

    /// <summary>
    /// A card payment given back in full after the goods were sent (an officer's decision on a buyer's complaint, or
    /// the producer's refund the buyer accepted). The order keeps its status: what it was refunded for is recorded
    /// where the decision was taken.
    /// </summary>
    public void RecordRefundAfterDelivery(string refundId, DateTime atUtc)
    {
        if (Payment != PaymentMethod.Card || !IsPaid) throw new DomainException(new(
            "Chỉ hoàn tiền được đơn đã thanh toán bằng thẻ.",
            "Only orders paid by card can be refunded."));
        if (RefundId is not null) return;
        if (Status is not (OrderStatus.Shipped or OrderStatus.Delivered)) throw new InvalidOperationException(
            "An order not yet sent is refunded by cancelling it.");
        if (string.IsNullOrWhiteSpace(refundId)) throw new ArgumentException("A refund needs Stripe's refund id.", nameof(refundId));
        RefundId = refundId;
        RefundedAt = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
    }

    /// <summary>A cancelled order whose card payment has not been given back (it arrived after the cancel).</summary>
    public bool RefundOwed => Status == OrderStatus.Cancelled && Payment == PaymentMethod.Card && IsPaid && RefundId is null;

    /// <summary>
    /// The producer checked a cash-on-delivery order with the buyer (called them) and will send it. Only the
    /// producer does this, through their own orders; a second confirmation changes nothing.
    /// </summary>
    public void ConfirmByProducer(DateTime atUtc)
    {
        if (Payment != PaymentMethod.CashOnDelivery) throw new DomainException(new(
            "Chỉ đơn thanh toán khi nhận hàng cần cửa hàng xác nhận; đơn này xác nhận khi tiền về.",
            "Only cash-on-delivery orders are confirmed by the shop; this one confirms when the payment arrives."));
        if (Status == OrderStatus.Confirmed && ConfirmedAt is not null) return;
        Require(OrderStatus.AwaitingConfirmation, new("Đơn này không còn chờ xác nhận.", "This order is no longer waiting for confirmation."));
        ConfirmedAt = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
        Record(OrderStatus.Confirmed, ConfirmedAt.Value, null);
    }

    public void Pack(DateTime atUtc)
    {
        Require(OrderStatus.Confirmed, new("Chỉ đóng gói được đơn đã xác nhận.", "Only a confirmed order can be packed."));
        Record(OrderStatus.Packed, atUtc, null);
    }

    public void Ship(string carrier, string trackingNumber, DateTime atUtc)
    {
        Require(OrderStatus.Packed, new("Chỉ giao cho đơn vị vận chuyển đơn đã đóng gói.", "Only a packed order can be handed to the carrier."));
        if (string.IsNullOrWhiteSpace(carrier)) throw new DomainException(new("Hãy nhập đơn vị vận chuyển.", "Please enter the carrier."));
        if (string.IsNullOrWhiteSpace(trackingNumber)) throw new DomainException(new("Hãy nhập mã vận đơn.", "Please enter the tracking number."));
        Carrier = carrier.Trim();
        TrackingNumber = trackingNumber.Trim();
        Record(OrderStatus.Shipped, atUtc, $"{Carrier} {TrackingNumber}");
    }

    public void Deliver(DateTime atUtc)
    {
        Require(OrderStatus.Shipped, new("Chỉ xác nhận đã giao cho đơn đang vận chuyển.", "Only an order in transit can be marked delivered."));
        Record(OrderStatus.Delivered, atUtc, null);
    }

    /// <summary>Whether cancelling now must first refund a card payment (the caller does it through Stripe).</summary>
    public bool NeedsRefundOnCancel => IsPaid && Payment == PaymentMethod.Card && RefundId is null;

    /// <summary>
    /// Cancels before shipping. The buyer may cancel without a reason; the producer and an officer must give
    /// one; expiry applies only to unpaid orders past their payment window and unconfirmed cash-on-delivery orders
    /// past their confirmation window. The caller returns the stock.
    /// </summary>
    public void Cancel(CancelledBy by, string? reason, DateTime atUtc)
    {
        EnsureCancellable(by, reason, atUtc);
        // The money is given back before the order is called cancelled, so no paid order is ever cancelled and kept.
        if (NeedsRefundOnCancel) throw new DomainException(new(
            "Đơn đã thanh toán bằng thẻ: cần hoàn tiền trước khi huỷ.",
            "The order was paid by card: it must be refunded before it is cancelled."));
        CancelledBy = by;
        CancelReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        Record(OrderStatus.Cancelled, atUtc, CancelReason);
    }

    /// <summary>Refuses, with the reason, a cancel the rules do not allow: checked before a refund is asked for.</summary>
    public void EnsureCancellable(CancelledBy by, string? reason, DateTime atUtc)
    {
        if (Status is OrderStatus.Shipped or OrderStatus.Delivered) throw new DomainException(new(
            "Đơn đã giao cho vận chuyển, không thể huỷ.",
            "The order is already with the carrier and can no longer be cancelled."));
        if (Status == OrderStatus.Cancelled) throw new DomainException(new("Đơn đã được huỷ.", "The order has already been cancelled."));
        if (by is Domain.CancelledBy.Producer or Domain.CancelledBy.Officer && string.IsNullOrWhiteSpace(reason))
            throw new DomainException(new("Hãy ghi lý do huỷ để người mua biết.", "Please give the reason for cancelling, so the buyer knows."));
        if (by == Domain.CancelledBy.Expiry && !IsPastItsWindow(atUtc))
            throw new DomainException(new("Chỉ đơn quá hạn thanh toán hoặc quá hạn xác nhận mới tự huỷ.", "Only orders past their payment or confirmation deadline are cancelled automatically."));
    }

    private bool IsPastItsWindow(DateTime atUtc) => Status switch
    {
        OrderStatus.AwaitingPayment => atUtc >= PaymentDueAt,
        OrderStatus.AwaitingConfirmation => atUtc >= ConfirmationDueAt,
        _ => false,
    };

    /// <summary>
    /// An officer let this order of a suspended producer be fulfilled: the producer's portal, closed for everything
    /// else, still opens this order so the buyer gets what they paid for.
    /// </summary>
    public bool FulfilmentAllowedWhileSuspended { get; private set; }

    public void AllowFulfilmentWhileSuspended()
    {
        if (Status is OrderStatus.Cancelled or OrderStatus.Delivered)
            throw new DomainException(new("Đơn này đã kết thúc, không còn gì để giao.", "This order is over; there is nothing left to fulfil."));
        FulfilmentAllowedWhileSuspended = true;
    }

    private void Require(OrderStatus expected, UserText refusal)
    {
        if (Status != expected) throw new DomainException(refusal);
    }

    private void Record(OrderStatus status, DateTime atUtc, string? note)
    {
        Status = status;
        _events.Add(new OrderEvent(status, DateTime.SpecifyKind(atUtc, DateTimeKind.Utc), note));
    }
}

/// <summary>Shipping per producer: a flat fee, waived from a subtotal threshold (configurable).</summary>
public sealed record ShippingPolicy(long FlatFeeVnd, long? FreeFromSubtotalVnd)
{
    public long FeeFor(long subtotalVnd) =>
        FreeFromSubtotalVnd is { } threshold && subtotalVnd >= threshold ? 0 : FlatFeeVnd;
}
