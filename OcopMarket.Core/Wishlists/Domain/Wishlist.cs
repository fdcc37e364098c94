using OcopMarket.Core.Common;

namespace OcopMarket.Core.Wishlists.Domain;

/// <summary>A saved product: its id, the price it had when saved (to show what changed since), and when.</summary>
public sealed record WishlistEntry(int ProductId, long PriceWhenSavedVnd, DateTime SavedAt);

/// <summary>
/// What a visitor saved for later. A guest's lives in a protected cookie, a signed-in buyer's also on the account
/// (<see cref="WishlistItem"/>); it holds ids and saved prices only, and everything shown is re-read from the catalog.
/// </summary>
public sealed class Wishlist
{
    public const int MaxItems = 100;

    private readonly List<WishlistEntry> _entries;

    public Wishlist(IEnumerable<WishlistEntry>? entries = null) =>
        _entries = [.. (entries ?? []).GroupBy(e => e.ProductId).Select(g => g.OrderBy(e => e.SavedAt).First()).OrderBy(e => e.SavedAt).Take(MaxItems)];

    public IReadOnlyList<WishlistEntry> Entries => _entries;

    public int Count => _entries.Count;

    public bool Contains(int productId)
    {
        // A loop, not Exists with a lambda: a listing asks this for each of its 24 cards.
        foreach (var entry in _entries) if (entry.ProductId == productId) return true;
        return false;
    }

    /// <summary>Saves a product; saving one already saved keeps its first price and time (what "since saved" means).</summary>
    /// <returns>Whether it was new.</returns>
    public bool Add(int productId, long priceVnd, DateTime at)
    {
        if (Contains(productId)) return false;
        if (_entries.Count >= MaxItems)
            throw new DomainException(new($"Danh sách yêu thích có tối đa {MaxItems} sản phẩm; hãy bỏ bớt sản phẩm cũ.",
                $"A wishlist holds at most {MaxItems} products; remove some old ones."));
        _entries.Add(new WishlistEntry(productId, priceVnd, at));
        return true;
    }

    public bool Remove(int productId) => _entries.RemoveAll(e => e.ProductId == productId) > 0;

    /// <summary>
    /// Signing in: what the guest saved joins what the account holds. A product in both keeps the earlier save
    /// (its older price is the one a change is measured from); products no longer for sale are dropped.
    /// </summary>
    public static Wishlist Merge(Wishlist saved, Wishlist guest, IReadOnlySet<int> forSale) =>
        new(saved.Entries.Concat(guest.Entries).Where(e => forSale.Contains(e.ProductId)));
}
