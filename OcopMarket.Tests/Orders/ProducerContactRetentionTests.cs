using OcopMarket.Core.Orders.Domain;

namespace OcopMarket.Tests.Orders;

public sealed class ProducerContactRetentionTests
{
    private static readonly DateTime Closed = new(2026, 11, 1, 2, 0, 0, DateTimeKind.Utc);

    private static OrderEvent[] Events(OrderStatus last) =>
    [
        new(OrderStatus.AwaitingConfirmation, Closed.AddDays(-3), null),
        new(last, Closed, null),
    ];

    [Theory]
    [InlineData(OrderStatus.Delivered)]
    [InlineData(OrderStatus.Cancelled)]
    public void A_closed_order_hides_the_contact_from_the_day_the_window_ends(OrderStatus status)
    {
        Assert.False(ProducerContactRetention.Hides(status, Events(status), Closed.AddDays(30).AddSeconds(-1), 30));
        Assert.True(ProducerContactRetention.Hides(status, Events(status), Closed.AddDays(30), 30));
    }

    [Theory]
    [InlineData(OrderStatus.AwaitingConfirmation)]
    [InlineData(OrderStatus.Confirmed)]
    [InlineData(OrderStatus.Packed)]
    [InlineData(OrderStatus.Shipped)]
    public void An_open_order_always_shows_it_however_old(OrderStatus status) =>
        Assert.False(ProducerContactRetention.Hides(status, Events(status), Closed.AddYears(2), 30));

    [Fact]
    public void Masking_keeps_the_name_and_the_place()
    {
        var masked = ProducerContactRetention.Masked(new DeliveryAddress("Mai", "0912345678", "Số 5", "05503", "19", "gọi trước"));
        Assert.Equal(new DeliveryAddress("Mai", "", "", "05503", "19", null), masked);
    }
}
