using OcopMarket.Core.Common;
using OcopMarket.Core.Wishlists.Domain;

namespace OcopMarket.Tests.Wishlists;

public class WishlistTests
{
    private static readonly DateTime At = new(2026, 12, 1, 3, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Saving_twice_keeps_the_first_price_and_a_full_list_refuses_in_both_languages()
    {
        var w = new Wishlist();
        Assert.True(w.Add(1, 120_000, At));
        Assert.False(w.Add(1, 90_000, At.AddDays(1)));
        Assert.Equal(120_000, Assert.Single(w.Entries).PriceWhenSavedVnd);
        for (var id = 2; id <= Wishlist.MaxItems; id++) w.Add(id, 1_000, At);
        var full = Assert.Throws<DomainException>(() => w.Add(999, 1_000, At));
        Assert.Contains("100", full.Text.Vi);
        Assert.Contains("100", full.Text.En);
        Assert.True(w.Remove(1));
        Assert.False(w.Remove(1));
        Assert.True(w.Add(999, 1_000, At));
    }

    [Fact]
    public void Merging_keeps_the_earlier_save_and_drops_what_is_no_longer_for_sale()
    {
        var saved = new Wishlist([new WishlistEntry(1, 100_000, At), new WishlistEntry(2, 50_000, At)]);
        var guest = new Wishlist([new WishlistEntry(1, 80_000, At.AddDays(3)), new WishlistEntry(3, 30_000, At.AddDays(1)), new WishlistEntry(4, 1, At)]);
        var merged = Wishlist.Merge(saved, guest, new HashSet<int> { 1, 2, 3 });
        Assert.Equal([1, 2, 3], merged.Entries.Select(e => e.ProductId).Order());
        Assert.Equal(100_000, merged.Entries.Single(e => e.ProductId == 1).PriceWhenSavedVnd);
    }
}

public class WishlistAlertTests
{
    private static readonly DateTime At = new(2026, 12, 1, 3, 0, 0, DateTimeKind.Utc);

    private static WishlistItem Item(long savedPrice = 200_000) => new("u1", new WishlistEntry(7, savedPrice, At));

    [Fact]
    public void Nothing_is_said_unless_the_buyer_asked()
    {
        var item = Item();
        Assert.Null(item.Decide(100_000, 10, At));
        Assert.Null(item.Decide(100_000, 0, At));
        Assert.Null(item.Decide(100_000, 10, At));
    }

    [Fact]
    public void A_price_below_todays_when_alerts_were_turned_on_is_news_once()
    {
        var item = Item(savedPrice: 200_000);
        item.SetAlerts(true, priceNowVnd: 180_000, stockNow: 5); // it was already cheaper than saved: that is not news
        Assert.Null(item.Decide(180_000, 5, At));
        var alert = item.Decide(150_000, 5, At.AddHours(1));
        Assert.Equal(new WishlistAlert(WishlistAlertKind.Cheaper, 180_000, 150_000), alert);
        Assert.Null(item.Decide(150_000, 5, At.AddDays(8)));          // the same price again: already told
        Assert.Null(item.Decide(140_000, 5, At.AddDays(2)));          // cheaper again, but within the week
        Assert.Equal(140_000, item.Decide(140_000, 5, At.AddDays(7).AddHours(2))!.PriceNowVnd); // told once the week is over
    }

    [Fact]
    public void A_return_after_a_sell_out_is_news_and_a_price_rise_is_not()
    {
        var item = Item();
        item.SetAlerts(true, 200_000, stockNow: 3);
        Assert.Null(item.Decide(210_000, 3, At));
        Assert.Null(item.Decide(210_000, 0, At.AddHours(1)));
        var back = item.Decide(210_000, 4, At.AddHours(2));
        Assert.Equal(WishlistAlertKind.BackInStock, back!.Kind);
        Assert.Null(item.Decide(210_000, 4, At.AddHours(3)));
        Assert.Equal(At.AddHours(2), item.LastAlertAt);
    }

    [Fact]
    public void Turning_alerts_on_while_sold_out_announces_its_return()
    {
        var item = Item();
        item.SetAlerts(true, 200_000, stockNow: 0);
        Assert.Equal(WishlistAlertKind.BackInStock, item.Decide(200_000, 2, At)!.Kind);
        item.SetAlerts(false, 200_000, 2);
        Assert.Null(item.Decide(1_000, 0, At.AddDays(30)));
        Assert.Null(item.Decide(1_000, 2, At.AddDays(30)));
    }
}
