namespace OcopMarket.Core.Wishlists.Domain;

public enum WishlistAlertKind { BackInStock = 1, Cheaper = 2 }

/// <summary>What to tell a buyer about a saved product: it is back, or it costs less than when they last heard.</summary>
public sealed record WishlistAlert(WishlistAlertKind Kind, long PriceWasVnd, long PriceNowVnd);

/// <summary>
/// A product saved on a buyer's account. With <see cref="Alerts"/> on (opt-in, off by default) the buyer hears by
/// email when it is back in stock or cheaper, at most once a week per product (<see cref="Decide"/>).
/// </summary>
public sealed class WishlistItem
{
    public static readonly TimeSpan MinAlertInterval = TimeSpan.FromDays(7);

    private WishlistItem() { }

    public WishlistItem(string userId, WishlistEntry entry)
    {
        UserId = userId;
        ProductId = entry.ProductId;
        PriceWhenSavedVnd = AlertBaselineVnd = entry.PriceWhenSavedVnd;
        SavedAt = DateTime.SpecifyKind(entry.SavedAt, DateTimeKind.Utc);
    }

    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public int ProductId { get; private set; }
    public long PriceWhenSavedVnd { get; private set; }
    public DateTime SavedAt { get; private set; }
    public bool Alerts { get; private set; }

    /// <summary>The price a "cheaper" alert is measured from: the saved price, then the price last announced.</summary>
    public long AlertBaselineVnd { get; private set; }

    /// <summary>The product was seen sold out since the last alert (or the save): its return is news.</summary>
    public bool SoldOutSeen { get; private set; }

    public DateTime? LastAlertAt { get; private set; }

    public WishlistEntry ToEntry() => new(ProductId, PriceWhenSavedVnd, SavedAt);

    public void SetAlerts(bool on, long priceNowVnd, int stockNow)
    {
        if (on && !Alerts)
        {
            // News from now on: a drop below today's price, a return after today's sell-out.
            AlertBaselineVnd = priceNowVnd;
            SoldOutSeen = stockNow <= 0;
        }
        Alerts = on;
    }

    /// <summary>
    /// What the product's price and stock now mean for this buyer, and the state to keep: a sell-out is remembered,
    /// so its end is an alert; a price under the baseline is an alert. Nothing is said within
    /// <see cref="MinAlertInterval"/> of the last alert: the news waits (the sell-out stays remembered, the baseline
    /// unchanged) and is told when the week is over, if it still holds.
    /// </summary>
    public WishlistAlert? Decide(long priceNowVnd, int stockNow, DateTime nowUtc)
    {
        if (!Alerts) return null;
        if (stockNow <= 0)
        {
            SoldOutSeen = true;
            return null;
        }
        var kind = SoldOutSeen ? WishlistAlertKind.BackInStock : priceNowVnd < AlertBaselineVnd ? WishlistAlertKind.Cheaper : (WishlistAlertKind?)null;
        if (kind is not { } k) return null;
        if (LastAlertAt is { } last && nowUtc - last < MinAlertInterval) return null;
        var alert = new WishlistAlert(k, AlertBaselineVnd, priceNowVnd);
        LastAlertAt = nowUtc;
        SoldOutSeen = false;
        AlertBaselineVnd = priceNowVnd;
        return alert;
    }
}
