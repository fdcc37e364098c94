using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;

namespace OcopMarket.Tests.Orders;

/// <summary>What the cart, checkout and an order say when they refuse, in Vietnamese and in English.</summary>
public class OrderRefusalTextTests
{
    private static readonly DateTime Placed = new(2026, 11, 28, 3, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Out_of_stock_names_the_product_and_what_is_left_in_both_languages()
    {
        var fewLeft = new OutOfStockException("Chè Đinh Tân Cương", 2);
        Assert.Equal(new UserText("“Chè Đinh Tân Cương” chỉ còn 2.", "Only 2 of “Chè Đinh Tân Cương” left."), fewLeft.Text);

        var soldOut = new OutOfStockException("Chè Đinh Tân Cương", 0);
        Assert.Equal(new UserText("“Chè Đinh Tân Cương” vừa hết hàng.", "“Chè Đinh Tân Cương” has just sold out."), soldOut.Text);
    }

    [Fact]
    public void A_changed_price_is_written_in_dong_the_same_way_in_both_languages()
    {
        var changed = new PriceChangedException("Nước mắm Nam Ô", 172_000);
        Assert.Equal("Giá của “Nước mắm Nam Ô” đã đổi thành 172.000\u00A0₫. Vui lòng xem lại giỏ hàng.", changed.Message);
        Assert.Equal("The price of “Nước mắm Nam Ô” has changed to 172.000\u00A0₫. Please check your cart again.", changed.Text.En);
    }

    [Fact]
    public void A_sold_out_product_is_refused_by_the_cart_in_both_languages()
    {
        var refusal = Assert.Throws<DomainException>(() => new Cart().Add(1, 1, 100_000, stock: 0));
        Assert.Equal(new UserText("Sản phẩm đã hết hàng.", "This product is sold out."), refusal.Text);
    }

    [Fact]
    public void A_shipped_order_refuses_to_be_cancelled_in_both_languages()
    {
        var order = new Order("OCM-2611-0001", Guid.NewGuid(), producerId: 7, PaymentMethod.CashOnDelivery,
            [new OrderLine(1, "Nước mắm Nam Ô", "chai 500 ml", 167_000, 2)], 30_000, Placed, null);
        order.ConfirmByProducer(Placed.AddHours(1)); // cash on delivery waits for the producer's call before packing
        order.Pack(Placed.AddHours(2));
        order.Ship("GHTK", "S123456", Placed.AddHours(5));

        var refusal = Assert.Throws<DomainException>(() => order.Cancel(CancelledBy.Buyer, null, Placed.AddHours(6)));
        Assert.Equal(new UserText("Đơn đã giao cho vận chuyển, không thể huỷ.", "The order is already with the carrier and can no longer be cancelled."),
            refusal.Text);
    }

    [Fact]
    public void A_refusal_that_depends_on_the_status_gives_its_english_text_too()
    {
        var order = new Order("OCM-2611-0002", Guid.NewGuid(), producerId: 7, PaymentMethod.CashOnDelivery,
            [new OrderLine(1, "Nước mắm Nam Ô", "chai 500 ml", 167_000, 1)], 30_000, Placed, null);
        order.ConfirmByProducer(Placed.AddMinutes(30)); // so the refusal below is about packing, not confirming
        var refusal = Assert.Throws<DomainException>(() => order.Ship("GHTK", "S1", Placed.AddHours(1))); // not packed yet
        Assert.Equal("Chỉ giao cho đơn vị vận chuyển đơn đã đóng gói.", refusal.Message);
        Assert.Equal("Only a packed order can be handed to the carrier.", refusal.Text.En);
    }
}
