using OcopMarket.Core.Common;
using OcopMarket.Core.Orders.Domain;

namespace OcopMarket.Tests.Orders;

public class OrderTests
{
    private static readonly DateTime Placed = new(2026, 11, 28, 3, 0, 0, DateTimeKind.Utc);

    private static Order NewOrder(PaymentMethod payment = PaymentMethod.CashOnDelivery, long shipping = 30_000) => new(
        "OCM-2611-0001", Guid.NewGuid(), producerId: 7, payment,
        [new OrderLine(1, "Nước mắm Nam Ô", "chai 500 ml", 167_000, 2), new OrderLine(2, "Mắm cá cơm", "hũ 500 g", 95_000, 1)],
        shipping, Placed, payment == PaymentMethod.CashOnDelivery ? null : TimeSpan.FromHours(24));

    [Fact]
    public void Totals_are_whole_dong_from_price_snapshots_plus_shipping()
    {
        var order = NewOrder();
        Assert.Equal(2 * 167_000 + 95_000, order.SubtotalVnd);
        Assert.Equal(order.SubtotalVnd + 30_000, order.TotalVnd);
    }

    /// <summary>A cash-on-delivery order as the producer has it after calling the buyer.</summary>
    private static Order ConfirmedCashOrder()
    {
        var order = NewOrder();
        order.ConfirmByProducer(Placed.AddMinutes(30));
        return order;
    }

    [Fact]
    public void Cash_on_delivery_waits_for_the_producers_confirmation_then_walks_to_delivered()
    {
        var order = NewOrder();
        Assert.Equal(OrderStatus.AwaitingConfirmation, order.Status);
        Assert.Equal(Placed.AddHours(48), order.ConfirmationDueAt);
        Assert.Throws<DomainException>(() => order.Pack(Placed.AddHours(1))); // not before the producer confirms
        order.ConfirmByProducer(Placed.AddHours(1));
        Assert.Equal(OrderStatus.Confirmed, order.Status);
        Assert.Equal(Placed.AddHours(1), order.ConfirmedAt);
        order.Pack(Placed.AddHours(2));
        order.Ship("GHTK", "S123456", Placed.AddHours(5));
        order.Deliver(Placed.AddDays(2));
        Assert.Equal(OrderStatus.Delivered, order.Status);
        Assert.Equal([OrderStatus.AwaitingConfirmation, OrderStatus.Confirmed, OrderStatus.Packed, OrderStatus.Shipped, OrderStatus.Delivered],
            order.Events.Select(e => e.Status));
        Assert.Equal("GHTK S123456", order.Events[3].Note);
    }

    [Fact]
    public void Confirming_twice_changes_nothing_and_only_a_waiting_cash_order_can_be_confirmed()
    {
        var order = NewOrder();
        order.ConfirmByProducer(Placed.AddHours(1));
        order.ConfirmByProducer(Placed.AddHours(2)); // a double click
        Assert.Equal(2, order.Events.Count);
        Assert.Equal(Placed.AddHours(1), order.ConfirmedAt);

        var transfer = Assert.Throws<DomainException>(() => NewOrder(PaymentMethod.BankTransfer).ConfirmByProducer(Placed));
        Assert.Equal("Only cash-on-delivery orders are confirmed by the shop; this one confirms when the payment arrives.", transfer.Text.En);
        Assert.Throws<DomainException>(() => NewOrder(PaymentMethod.Card).ConfirmByProducer(Placed));
        var cancelled = NewOrder();
        cancelled.Cancel(CancelledBy.Buyer, null, Placed.AddMinutes(5));
        var refused = Assert.Throws<DomainException>(() => cancelled.ConfirmByProducer(Placed.AddMinutes(10)));
        Assert.Equal(new UserText("Đơn này không còn chờ xác nhận.", "This order is no longer waiting for confirmation."), refused.Text);
        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
    }

    [Fact]
    public void An_unconfirmed_cash_order_expires_only_after_its_confirmation_window_and_a_confirmed_one_never()
    {
        var order = new Order("OCM-2611-0003", Guid.NewGuid(), producerId: 7, PaymentMethod.CashOnDelivery,
            [new OrderLine(1, "Nước mắm Nam Ô", "chai 500 ml", 167_000, 2)], 30_000, Placed, confirmationWindow: TimeSpan.FromHours(6));
        Assert.Equal(Placed.AddHours(6), order.ConfirmationDueAt);
        Assert.Throws<DomainException>(() => order.Cancel(CancelledBy.Expiry, null, Placed.AddHours(5)));
        order.Cancel(CancelledBy.Expiry, null, Placed.AddHours(6));
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(CancelledBy.Expiry, order.CancelledBy);

        var confirmed = ConfirmedCashOrder();
        Assert.Throws<DomainException>(() => confirmed.Cancel(CancelledBy.Expiry, null, Placed.AddDays(30)));
        Assert.Equal(OrderStatus.Confirmed, confirmed.Status);
    }

    [Fact]
    public void Transfers_wait_for_payment_then_confirm_and_a_second_report_changes_nothing()
    {
        var order = NewOrder(PaymentMethod.BankTransfer);
        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
        Assert.Throws<DomainException>(() => order.Pack(Placed)); // not before the money arrives
        order.MarkPaid(Placed.AddHours(1));
        order.MarkPaid(Placed.AddHours(2));
        Assert.Equal(OrderStatus.Confirmed, order.Status);
        Assert.Equal(Placed.AddHours(1), order.PaidAt);
        Assert.Equal(2, order.Events.Count);
    }

    public static TheoryData<string, Action<Order>> RefusedMoves => new()
    {
        { "deliver before shipping", o => o.Deliver(Placed) },
        { "ship before packing", o => o.Ship("GHN", "X1", Placed) },
        { "pack twice", o => { o.Pack(Placed); o.Pack(Placed); } },
        { "ship without tracking", o => { o.Pack(Placed); o.Ship("GHN", " ", Placed); } },
        { "cancel after shipping", o => { o.Pack(Placed); o.Ship("GHN", "X1", Placed); o.Cancel(CancelledBy.Buyer, null, Placed); } },
        { "cancel twice", o => { o.Cancel(CancelledBy.Buyer, null, Placed); o.Cancel(CancelledBy.Buyer, null, Placed); } },
        { "producer cancels without a reason", o => o.Cancel(CancelledBy.Producer, "", Placed) },
        { "expire a cash order", o => o.Cancel(CancelledBy.Expiry, null, Placed.AddDays(3)) },
        { "mark a cash order paid", o => o.MarkPaid(Placed) },
        { "pack a cancelled order", o => { o.Cancel(CancelledBy.Buyer, null, Placed); o.Pack(Placed); } },
    };

    [Theory]
    [MemberData(nameof(RefusedMoves))]
    public void The_domain_refuses_every_other_transition(string because, Action<Order> move)
    {
        var order = ConfirmedCashOrder();
        Assert.Throws<DomainException>(() => move(order));
        Assert.False(string.IsNullOrEmpty(because));
    }

    [Fact]
    public void An_unpaid_transfer_expires_only_after_its_window()
    {
        var order = NewOrder(PaymentMethod.BankTransfer);
        Assert.Throws<DomainException>(() => order.Cancel(CancelledBy.Expiry, null, Placed.AddHours(23)));
        order.Cancel(CancelledBy.Expiry, null, Placed.AddHours(24));
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(CancelledBy.Expiry, order.CancelledBy);
    }

    [Fact]
    public void A_paid_card_order_is_refunded_before_it_can_be_cancelled()
    {
        var order = NewOrder(PaymentMethod.Card);
        Assert.False(order.NeedsRefundOnCancel);
        order.AttachCardSession("cs_1");
        order.MarkPaidByCard("pi_1", Placed.AddMinutes(3));
        Assert.True(order.NeedsRefundOnCancel);

        var refused = Assert.Throws<DomainException>(() => order.Cancel(CancelledBy.Producer, "Hết hàng do thời tiết", Placed.AddHours(1)));
        Assert.Contains("hoàn tiền", refused.Message);
        Assert.Equal(OrderStatus.Confirmed, order.Status);

        order.RecordRefund("re_1", Placed.AddHours(1));
        Assert.False(order.NeedsRefundOnCancel);
        order.Cancel(CancelledBy.Producer, "Hết hàng do thời tiết", Placed.AddHours(1));
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal("re_1", order.RefundId);
    }

    [Fact]
    public void Only_stripe_confirms_a_card_payment_and_only_a_transfer_is_confirmed_by_hand()
    {
        var card = NewOrder(PaymentMethod.Card);
        Assert.Throws<DomainException>(() => card.MarkPaid(Placed.AddMinutes(1)));
        Assert.Throws<DomainException>(() => NewOrder(PaymentMethod.BankTransfer).MarkPaidByCard("pi_1", Placed));

        card.MarkPaidByCard("pi_1", Placed.AddMinutes(2));
        card.MarkPaidByCard("pi_2", Placed.AddMinutes(3)); // Stripe delivers at least once: the first payment stands
        Assert.Equal("pi_1", card.CardPaymentId);
        Assert.Single(card.Events, e => e.Status == OrderStatus.Confirmed);
    }

    [Fact]
    public void Only_the_session_the_order_waits_on_expires_it()
    {
        var order = NewOrder(PaymentMethod.Card);
        order.AttachCardSession("cs_old");
        order.AttachCardSession("cs_new");
        // Sessions close five minutes before the 24-hour payment window does.
        var closes = Placed.AddHours(24).AddMinutes(-5);
        Assert.False(order.CardSessionExpired("cs_old", closes));
        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
        Assert.True(order.CardSessionExpired("cs_new", closes));
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(CancelledBy.Expiry, order.CancelledBy);
        Assert.False(order.CardSessionExpired("cs_new", closes.AddMinutes(1))); // once
        Assert.Throws<DomainException>(() => order.AttachCardSession("cs_later"));
    }

    [Fact]
    public void A_stripe_session_closing_long_before_the_deadline_leaves_the_order_waiting_for_a_new_one()
    {
        var order = new Order("OCM-2611-0002", Guid.NewGuid(), producerId: 7, PaymentMethod.Card,
            [new OrderLine(1, "Nước mắm Nam Ô", "chai 500 ml", 167_000, 2)], 30_000, Placed, TimeSpan.FromHours(72));
        order.AttachCardSession("cs_1");
        Assert.False(order.CardSessionExpired("cs_1", Placed.AddHours(24))); // Stripe's 24-hour limit, 48 hours left
        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
        Assert.Null(order.CardSessionId);
        order.AttachCardSession("cs_2");
        Assert.True(order.CardSessionExpired("cs_2", Placed.AddHours(71.5)));
        Assert.Equal(OrderStatus.Cancelled, order.Status);
    }

    [Fact]
    public void Money_that_arrives_after_a_cancel_is_owed_back_and_does_not_revive_the_order()
    {
        var order = NewOrder(PaymentMethod.Card);
        order.AttachCardSession("cs_1");
        order.Cancel(CancelledBy.Expiry, "Quá hạn thanh toán", Placed.AddHours(25));
        order.MarkPaidByCard("pi_1", Placed.AddHours(25).AddMinutes(1));
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.True(order.RefundOwed);
        order.RecordRefund("re_1", Placed.AddHours(26));
        Assert.False(order.RefundOwed);
    }

    [Fact]
    public void A_shipped_card_order_is_not_refunded_automatically()
    {
        var order = NewOrder(PaymentMethod.Card);
        order.MarkPaidByCard("pi_1", Placed.AddMinutes(1));
        order.Pack(Placed.AddHours(1));
        order.Ship("GHN", "GHN123", Placed.AddHours(2));
        Assert.Throws<DomainException>(() => order.RecordRefund("re_1", Placed.AddHours(3)));
        Assert.Throws<DomainException>(() => NewOrder(PaymentMethod.Card).RecordRefund("re_1", Placed)); // nothing was paid
    }

    [Fact]
    public void An_order_needs_lines_and_transfer_orders_a_payment_window()
    {
        Assert.Throws<DomainException>(() => new Order("N1", Guid.NewGuid(), 1, PaymentMethod.CashOnDelivery, [], 0, Placed));
        Assert.Throws<ArgumentException>(() => new Order("N1", Guid.NewGuid(), 1, PaymentMethod.BankTransfer,
            [new OrderLine(1, "x", "u", 1000, 1)], 0, Placed));
        Assert.Throws<DomainException>(() => new OrderLine(1, "x", "u", 1000, 0));
    }

    [Theory]
    [InlineData(200_000, 30_000)]
    [InlineData(499_000, 30_000)]
    [InlineData(500_000, 0)]
    [InlineData(2_000_000, 0)]
    public void Shipping_is_flat_and_free_above_a_threshold(long subtotal, long fee) =>
        Assert.Equal(fee, new ShippingPolicy(30_000, 500_000).FeeFor(subtotal));
}
