using OcopMarket.Core.Common;
using OcopMarket.Core.Orders.Domain;

namespace OcopMarket.Tests.Orders;

public class CartTests
{
    [Fact]
    public void Adding_merges_lines_and_never_exceeds_stock()
    {
        var cart = new Cart();
        Assert.Equal(2, cart.Add(1, 2, 100_000, stock: 5));
        Assert.Equal(5, cart.Add(1, 9, 100_000, stock: 5));
        Assert.Single(cart.Items);
        Assert.Equal(5, cart.Count);
    }

    [Fact]
    public void Out_of_stock_or_zero_quantity_is_refused()
    {
        var cart = new Cart();
        Assert.Throws<DomainException>(() => cart.Add(1, 1, 100_000, stock: 0));
        Assert.Throws<DomainException>(() => cart.Add(1, 0, 100_000, stock: 3));
        Assert.Empty(cart.Items);
    }

    [Fact]
    public void Setting_zero_removes_and_quantities_are_bounded()
    {
        var cart = new Cart([new CartItem(1, 2, 1000), new CartItem(2, 1, 2000)]);
        cart.Set(1, 50, 1000, stock: 7);
        Assert.Equal(7, cart.Items.Single(i => i.ProductId == 1).Quantity);
        cart.Set(2, 0, 2000, stock: 7);
        Assert.DoesNotContain(cart.Items, i => i.ProductId == 2);
    }

    [Fact]
    public void A_cart_read_back_from_a_cookie_is_cleaned()
    {
        var cart = new Cart([new CartItem(1, 2, 1000), new CartItem(1, 3, 1200), new CartItem(2, -4, 10), new CartItem(3, 5000, 10)]);
        Assert.Equal(5, cart.Items.Single(i => i.ProductId == 1).Quantity);
        Assert.Equal(1200, cart.Items.Single(i => i.ProductId == 1).PriceSeenVnd);
        Assert.DoesNotContain(cart.Items, i => i.ProductId == 2);
        Assert.Equal(Cart.MaxQuantityPerLine, cart.Items.Single(i => i.ProductId == 3).Quantity);
    }

    [Fact]
    public void A_cart_holds_at_most_fifty_products()
    {
        var cart = new Cart(Enumerable.Range(1, Cart.MaxLines).Select(i => new CartItem(i, 1, 1000)));
        Assert.Throws<DomainException>(() => cart.Add(999, 1, 1000, 10));
        Assert.Equal(2, cart.Add(1, 1, 1000, 10)); // an existing line still grows
    }

    [Fact]
    public void Signing_in_adds_the_guest_cart_to_the_saved_one_within_stock()
    {
        var saved = new Cart([new CartItem(1, 3, 100_000), new CartItem(2, 1, 50_000), new CartItem(9, 1, 10_000)]);
        var guest = new Cart([new CartItem(1, 4, 110_000), new CartItem(3, 2, 70_000)]);
        var stock = new Dictionary<int, int> { [1] = 5, [2] = 10, [3] = 10 }; // 9 is no longer for sale

        var merged = Cart.Merge(saved, guest, stock);

        Assert.Equal([1, 2, 3], merged.Items.Select(i => i.ProductId).Order());
        Assert.Equal(new CartItem(1, 5, 110_000), merged.Items.Single(i => i.ProductId == 1)); // 3 + 4 capped at stock; guest saw it last
        Assert.Equal(new CartItem(2, 1, 50_000), merged.Items.Single(i => i.ProductId == 2));
        Assert.Equal(new CartItem(3, 2, 70_000), merged.Items.Single(i => i.ProductId == 3));
    }
}
