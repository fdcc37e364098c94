using OcopMarket.Core.Bookings.Domain;
using OcopMarket.Core.Common;

namespace OcopMarket.Core.Orders.Domain;

/// <summary>
/// One product in a cart, with the price the buyer saw when adding it (to flag a change later). A tourism service
/// booked for a date carries the choice; its quantity is the units it charges (people, one group, nights).
/// </summary>
public sealed record CartItem(int ProductId, int Quantity, long PriceSeenVnd, BookingChoice? Booking = null);

/// <summary>
/// A buyer's cart before checkout. Kept client-side (a protected cookie), and for a signed-in buyer also on their
/// account; it holds only ids, quantities and the prices seen, and everything shown is re-read from the catalog.
/// </summary>
public sealed class Cart
{
    public const int MaxLines = 50;
    public const int MaxQuantityPerLine = 999;

    private readonly List<CartItem> _items;

    public Cart(IEnumerable<CartItem>? items = null) =>
        _items = [.. (items ?? []).Where(i => i.Quantity > 0).GroupBy(i => i.ProductId)
            // A booking is one choice, not units to add up: the last one chosen stands.
            .Select(g => g.Last().Booking is not null ? g.Last() : g.Last() with { Quantity = Math.Min(g.Sum(i => i.Quantity), MaxQuantityPerLine) })
            .Take(MaxLines)];

    public IReadOnlyList<CartItem> Items => _items;

    public int Count => _items.Sum(i => i.Quantity);

    /// <summary>Adds units, never beyond what is in stock; returns the quantity now in the cart.</summary>
    public int Add(int productId, int quantity, long priceVnd, int stock)
    {
        if (quantity <= 0) throw new DomainException(new("Số lượng phải lớn hơn 0.", "The quantity must be above 0."));
        if (stock <= 0) throw new DomainException(new("Sản phẩm đã hết hàng.", "This product is sold out."));
        var existing = _items.FindIndex(i => i.ProductId == productId);
        if (existing < 0 && _items.Count >= MaxLines) throw new DomainException(new(
            $"Giỏ hàng có tối đa {MaxLines} sản phẩm.",
            $"A cart holds at most {MaxLines} products."));
        var current = existing < 0 ? 0 : _items[existing].Quantity;
        var wanted = Math.Min(Math.Min(current + quantity, stock), MaxQuantityPerLine);
        var item = new CartItem(productId, wanted, priceVnd);
        if (existing < 0) _items.Add(item);
        else _items[existing] = item;
        return wanted;
    }

    /// <summary>
    /// Puts a booking in the cart, replacing any earlier choice for the same service (a cart holds one booking per
    /// service). Places are not held here: only the checkout's conditional update takes them.
    /// </summary>
    public void Book(int productId, BookingChoice choice, int units, long priceVnd)
    {
        if (units <= 0) throw new DomainException(new("Số lượng phải lớn hơn 0.", "The quantity must be above 0."));
        var existing = _items.FindIndex(i => i.ProductId == productId);
        if (existing < 0 && _items.Count >= MaxLines) throw new DomainException(new(
            $"Giỏ hàng có tối đa {MaxLines} sản phẩm.",
            $"A cart holds at most {MaxLines} products."));
        var item = new CartItem(productId, units, priceVnd, choice);
        if (existing < 0) _items.Add(item);
        else _items[existing] = item;
    }

    /// <summary>Sets a line's quantity (0 removes it), bounded by stock. A booking's quantity follows its choice: only 0 (remove) changes it.</summary>
    public void Set(int productId, int quantity, long priceVnd, int stock)
    {
        var index = _items.FindIndex(i => i.ProductId == productId);
        if (index < 0) return;
        if (_items[index].Booking is not null)
        {
            if (quantity <= 0) _items.RemoveAt(index);
            else _items[index] = _items[index] with { PriceSeenVnd = priceVnd }; // the price seen moves; the choice stays
            return;
        }
        if (quantity <= 0 || stock <= 0) _items.RemoveAt(index);
        else _items[index] = new CartItem(productId, Math.Min(Math.Min(quantity, stock), MaxQuantityPerLine), priceVnd);
    }

    public void Remove(int productId) => _items.RemoveAll(i => i.ProductId == productId);

    /// <summary>
    /// The cart a buyer filled as a guest joins the one saved on their account when they sign in: quantities of the
    /// same product add up, never beyond what is in stock; the guest's price seen is the newer one. Products no
    /// longer for sale (absent from <paramref name="stock"/>) are dropped.
    /// </summary>
    public static Cart Merge(Cart saved, Cart guest, IReadOnlyDictionary<int, int> stock)
    {
        var merged = new List<CartItem>();
        foreach (var id in saved.Items.Select(i => i.ProductId).Concat(guest.Items.Select(i => i.ProductId)).Distinct())
        {
            if (!stock.TryGetValue(id, out var available)) continue;
            var a = saved.Items.FirstOrDefault(i => i.ProductId == id);
            var b = guest.Items.FirstOrDefault(i => i.ProductId == id);
            // A booking is bounded by its dates' places at checkout, not by stock; the guest's newer choice wins.
            if ((b ?? a)!.Booking is not null)
            {
                merged.Add((b ?? a)!);
                continue;
            }
            if (available <= 0) continue;
            var quantity = Math.Min(Math.Min((a?.Quantity ?? 0) + (b?.Quantity ?? 0), available), MaxQuantityPerLine);
            merged.Add(new CartItem(id, quantity, (b ?? a)!.PriceSeenVnd));
        }
        return new Cart(merged);
    }
}

/// <summary>One line of the cart saved on a buyer's account, so it follows them to another device.</summary>
public sealed class SavedCartItem
{
    private SavedCartItem() { }

    public SavedCartItem(string userId, CartItem item, DateTime savedAtUtc)
    {
        UserId = userId;
        ProductId = item.ProductId;
        Quantity = item.Quantity;
        PriceSeenVnd = item.PriceSeenVnd;
        Booking = item.Booking;
        SavedAt = DateTime.SpecifyKind(savedAtUtc, DateTimeKind.Utc);
    }

    public string UserId { get; private set; } = "";
    public int ProductId { get; private set; }
    public int Quantity { get; private set; }
    public long PriceSeenVnd { get; private set; }
    public DateTime SavedAt { get; private set; }
    public BookingChoice? Booking { get; private set; }

    public CartItem ToItem() => new(ProductId, Quantity, PriceSeenVnd, Booking);
}
