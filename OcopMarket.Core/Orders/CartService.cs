using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Bookings.Domain;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Orders;

/// <param name="Booking">A tourism service's date(s), slot and people (its places are checked at checkout, not against stock).</param>
public sealed record CartLineView(int ProductId, string Slug, string Name, string Unit, string? ImagePath, long PriceVnd,
    long PriceSeenVnd, int Quantity, int Stock, BookingChoice? Booking = null)
{
    public bool PriceChanged => PriceVnd != PriceSeenVnd;
    public bool OverStock => Booking is null && Quantity > Stock;
    public long LineTotalVnd => PriceVnd * Quantity;
}

public sealed record CartProducerGroup(int ProducerId, string ProducerName, IReadOnlyList<CartLineView> Lines, long SubtotalVnd, long ShippingFeeVnd);

public sealed record CartView(IReadOnlyList<CartProducerGroup> Groups, IReadOnlyList<int> Unavailable)
{
    public long TotalVnd => Groups.Sum(g => g.SubtotalVnd + g.ShippingFeeVnd);
    public int ItemCount => Groups.Sum(g => g.Lines.Sum(l => l.Quantity));
    public bool IsEmpty => Groups.Count == 0;

    /// <summary>Bookings are paid up front (transfer or card): a cart holding one is not offered cash on delivery.</summary>
    public bool HasBookings => Groups.Any(g => g.Lines.Any(l => l.Booking is not null));
}

/// <summary>Reads a cart against the live catalog: current prices and stock, grouped by producer with shipping.</summary>
public sealed class CartService(IDbContextFactory<OcopDbContext> dbFactory, CheckoutOptions options, TimeProvider clock)
{
    /// <summary>The cart saved on a buyer's account (empty when there is none).</summary>
    public async Task<Cart> SavedAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = await db.SavedCartItems.AsNoTracking().Where(i => i.UserId == userId).ToListAsync(ct);
        return new Cart(items.Select(i => i.ToItem()));
    }

    /// <summary>Replaces the cart saved on a buyer's account with this one.</summary>
    public async Task SaveAsync(string userId, Cart cart, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SavedCartItems.Where(i => i.UserId == userId).ExecuteDeleteAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        db.SavedCartItems.AddRange(cart.Items.Select(i => new SavedCartItem(userId, i, now)));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// At sign-in: the guest cart joins the one saved on the account (bounded by today's stock), and the result is
    /// saved and returned to become the browser's cart.
    /// </summary>
    public async Task<Cart> MergeAtSignInAsync(string userId, Cart guest, CancellationToken ct = default)
    {
        var saved = await SavedAsync(userId, ct);
        if (guest.Items.Count == 0 && saved.Items.Count == 0) return saved;
        var ids = saved.Items.Select(i => i.ProductId).Concat(guest.Items.Select(i => i.ProductId)).Distinct().ToList();
        Dictionary<int, int> stock;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            stock = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id) && p.IsPublished)
                .ToDictionaryAsync(p => p.Id, p => p.Stock, ct);
        }
        var merged = Cart.Merge(saved, guest, stock);
        await SaveAsync(userId, merged, ct);
        return merged;
    }

    public async Task<CartView> ViewAsync(Cart cart, CancellationToken ct = default)
    {
        var ids = cart.Items.Select(i => i.ProductId).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id) && p.IsPublished)
            .Select(p => new { p.Id, p.Slug, p.Name, p.Unit, p.ImagePath, p.PriceVnd, p.Stock, p.ProducerId, ProducerName = p.Producer.Name })
            .ToDictionaryAsync(p => p.Id, ct);

        var groups = cart.Items.Where(i => products.ContainsKey(i.ProductId))
            .GroupBy(i => products[i.ProductId].ProducerId)
            .Select(g =>
            {
                var lines = g.Select(i =>
                {
                    var p = products[i.ProductId];
                    return new CartLineView(p.Id, p.Slug, p.Name, p.Unit, p.ImagePath, p.PriceVnd, i.PriceSeenVnd, i.Quantity, p.Stock, i.Booking);
                }).ToList();
                var subtotal = lines.Sum(l => l.LineTotalVnd);
                // As the checkout charges it: bookings are not shipped.
                var shipped = lines.Where(l => l.Booking is null).ToList();
                var shipping = shipped.Count == 0 ? 0 : options.Shipping.FeeFor(shipped.Sum(l => l.LineTotalVnd));
                return new CartProducerGroup(g.Key, products[g.First().ProductId].ProducerName, lines, subtotal, shipping);
            })
            .OrderBy(g => g.ProducerName, StringComparer.Ordinal)
            .ToList();
        return new CartView(groups, [.. ids.Where(id => !products.ContainsKey(id))]);
    }

    /// <summary>Transfer is offered only when every producer in the cart has a bank account to receive it.</summary>
    public async Task<bool> AllAcceptTransfersAsync(CartView view, CancellationToken ct = default)
    {
        if (view.IsEmpty) return false;
        var ids = view.Groups.Select(g => g.ProducerId).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ready = await db.Producers.CountAsync(p => ids.Contains(p.Id) && p.BankBin != null && p.BankAccountNumber != null, ct);
        return ready == ids.Count;
    }

    /// <summary>Price and stock of one product, for adding it to a cart; null when it is not for sale.</summary>
    public async Task<(long PriceVnd, int Stock)?> OfferAsync(int productId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var p = await db.Products.AsNoTracking().Where(x => x.Id == productId && x.IsPublished)
            .Select(x => new { x.PriceVnd, x.Stock }).FirstOrDefaultAsync(ct);
        return p is null ? null : (p.PriceVnd, p.Stock);
    }
}
