using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OcopMarket.Core.Common;
using OcopMarket.Core.Email.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Wishlists.Domain;

namespace OcopMarket.Core.Wishlists;

/// <summary>A saved product as the wishlist page shows it: today's price and stock beside the price when it was saved.</summary>
public sealed record WishlistRow(int ProductId, string Slug, string Name, string Unit, string? ImagePath, string ProducerName,
    long PriceVnd, long PriceWhenSavedVnd, int Stock, DateTime SavedAt, bool Alerts)
{
    /// <summary>Positive when it costs more than when saved, negative when less.</summary>
    public long PriceChangeVnd => PriceVnd - PriceWhenSavedVnd;
}

/// <summary>The absolute addresses wishlist emails link to (built by the web app from Site:PublicUrl).</summary>
public interface IWishlistLinks
{
    string Wishlist();
    string Product(string slug);

    /// <summary>A link that turns every alert of this account off without signing in (a signed, expiring token).</summary>
    string StopAlerts(string userId);
}

/// <summary>
/// Saved products: the ones on a buyer's account, what the pages show of any wishlist (a guest's from its cookie
/// too), and the opt-in alerts when a saved product is back in stock or cheaper.
/// </summary>
public sealed class WishlistService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, IWishlistLinks links, ILogger<WishlistService> logger)
{
    /// <summary>The price of a product that can be saved (published), or null.</summary>
    public async Task<long?> PriceOfAsync(int productId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Products.Where(p => p.Id == productId && p.IsPublished).Select(p => (long?)p.PriceVnd).FirstOrDefaultAsync(ct);
    }

    public async Task<Wishlist> SavedAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = await db.Set<WishlistItem>().AsNoTracking().Where(i => i.UserId == userId).OrderBy(i => i.Id).ToListAsync(ct);
        return new Wishlist(items.Select(i => i.ToEntry()));
    }

    /// <summary>
    /// Makes the account's saved products these: new ones are added (alerts off), removed ones deleted, and the ones
    /// kept keep their alert choice. One statement per change, so two tabs saving at once do not lose a product.
    /// </summary>
    public async Task SaveAsync(string userId, Wishlist wishlist, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = wishlist.Entries.Select(e => e.ProductId).ToList();
        await db.Set<WishlistItem>().Where(i => i.UserId == userId && !ids.Contains(i.ProductId)).ExecuteDeleteAsync(ct);
        var existing = await db.Set<WishlistItem>().Where(i => i.UserId == userId).Select(i => i.ProductId).ToListAsync(ct);
        var added = wishlist.Entries.Where(e => !existing.Contains(e.ProductId)).ToList();
        if (added.Count == 0) return;
        db.Set<WishlistItem>().AddRange(added.Select(e => new WishlistItem(userId, e)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (added.Count > 0)
        {
            // Another request saved the same product meanwhile (the unique index): what it saved is as good.
            logger.LogDebug("A wishlist save for {User} met a concurrent one", userId);
        }
    }

    /// <summary>At sign-in: the guest's saved products join the account's, and the result becomes the browser's copy.</summary>
    public async Task<Wishlist> MergeAtSignInAsync(string userId, Wishlist guest, CancellationToken ct = default)
    {
        var saved = await SavedAsync(userId, ct);
        if (guest.Count == 0) return saved;
        var ids = saved.Entries.Concat(guest.Entries).Select(e => e.ProductId).Distinct().ToList();
        HashSet<int> forSale;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            forSale = [.. await db.Products.Where(p => ids.Contains(p.Id) && p.IsPublished).Select(p => p.Id).ToListAsync(ct)];
        var merged = Wishlist.Merge(saved, guest, forSale);
        await SaveAsync(userId, merged, ct);
        return merged;
    }

    /// <summary>The saved products as the page shows them, newest first; ones no longer for sale are left out.</summary>
    public async Task<IReadOnlyList<WishlistRow>> RowsAsync(Wishlist wishlist, string? userId, CancellationToken ct = default)
    {
        if (wishlist.Count == 0) return [];
        var ids = wishlist.Entries.Select(e => e.ProductId).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id) && p.IsPublished)
            .Select(p => new { p.Id, p.Slug, p.Name, p.Unit, p.ImagePath, Producer = p.Producer.Name, p.PriceVnd, p.Stock })
            .ToDictionaryAsync(p => p.Id, ct);
        var alerts = userId is null ? [] : (await db.Set<WishlistItem>().Where(i => i.UserId == userId && i.Alerts).Select(i => i.ProductId).ToListAsync(ct)).ToHashSet();
        // Newest first; saves in the same second keep their order, the later one first.
        return [.. wishlist.Entries.Reverse().OrderByDescending(e => e.SavedAt).Where(e => products.ContainsKey(e.ProductId)).Select(e =>
        {
            var p = products[e.ProductId];
            return new WishlistRow(p.Id, p.Slug, p.Name, p.Unit, p.ImagePath, p.Producer, p.PriceVnd, e.PriceWhenSavedVnd, p.Stock, e.SavedAt, alerts.Contains(p.Id));
        })];
    }

    /// <summary>Turns the emails about one saved product on or off (signed-in buyers; the product must be saved).</summary>
    public async Task SetAlertsAsync(string userId, int productId, bool on, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.Set<WishlistItem>().FirstOrDefaultAsync(i => i.UserId == userId && i.ProductId == productId, ct)
            ?? throw new NotFoundException(new("Sản phẩm này không có trong danh sách yêu thích của bạn.", "This product is not in your wishlist."));
        var product = await db.Products.Where(p => p.Id == productId).Select(p => new { p.PriceVnd, p.Stock }).SingleAsync(ct);
        item.SetAlerts(on, product.PriceVnd, product.Stock);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The unsubscribe link's effect: no more wishlist emails for this account.</summary>
    public async Task<int> StopAllAlertsAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<WishlistItem>().Where(i => i.UserId == userId && i.Alerts)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Alerts, false), ct);
    }

    /// <summary>
    /// Looks at every saved product with alerts on and queues the emails its news calls for (<see cref="WishlistItem.Decide"/>),
    /// each in one transaction with the item's new state. With several nodes each alert is sent once: the item's
    /// last-alert time is claimed by a conditional update, and only the node whose update changed the row queues it.
    /// </summary>
    /// <returns>How many emails were queued.</returns>
    public async Task<int> QueueAlertsAsync(int batch = 500, CancellationToken ct = default)
    {
        var queued = 0;
        long after = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var rows = await (from i in db.Set<WishlistItem>()
                              where i.Alerts && i.Id > after
                              join p in db.Products on i.ProductId equals p.Id
                              join u in db.Users on i.UserId equals u.Id
                              where p.IsPublished && u.Email != null
                              orderby i.Id
                              select new { Item = i, p.Name, p.Slug, p.PriceVnd, p.Stock, Email = u.Email! })
                .Take(batch).ToListAsync(ct);
            if (rows.Count == 0) return queued;
            after = rows[^1].Item.Id;
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var row in rows)
            {
                var item = row.Item;
                var lastBefore = item.LastAlertAt;
                if (item.Decide(row.PriceVnd, row.Stock, now) is not { } alert) continue; // a sell-out remembered is saved below
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var claimed = await db.Set<WishlistItem>()
                    .Where(i => i.Id == item.Id && i.LastAlertAt == lastBefore)
                    .ExecuteUpdateAsync(u => u.SetProperty(i => i.LastAlertAt, now), ct);
                if (claimed == 0)
                {
                    await tx.RollbackAsync(ct);
                    db.Entry(item).State = EntityState.Detached; // another node told this news
                    continue;
                }
                db.Add(Email(row.Email, item.UserId, row.Name, row.Slug, alert, now));
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                queued++;
            }
            // The batch's other changes (sell-outs remembered) in one save rather than one per item.
            await db.SaveChangesAsync(ct);
        }
    }

    private OutboxEmail Email(string to, string userId, string name, string slug, WishlistAlert alert, DateTime now)
    {
        var (subject, vi, en) = alert.Kind switch
        {
            WishlistAlertKind.BackInStock => ($"{name} đã có hàng trở lại / is back in stock",
                $"Sản phẩm bạn đã lưu, {name}, đã có hàng trở lại với giá {Money.FormatVnd(alert.PriceNowVnd)}.",
                $"{name}, which you saved, is back in stock at {Money.FormatVnd(alert.PriceNowVnd)}."),
            _ => ($"{name} giảm giá còn {Money.FormatVnd(alert.PriceNowVnd)} / is cheaper",
                $"Sản phẩm bạn đã lưu, {name}, giảm từ {Money.FormatVnd(alert.PriceWasVnd)} còn {Money.FormatVnd(alert.PriceNowVnd)}.",
                $"{name}, which you saved, went down from {Money.FormatVnd(alert.PriceWasVnd)} to {Money.FormatVnd(alert.PriceNowVnd)}."),
        };
        var body = $"{vi}\n{en}\n\nXem sản phẩm / See it: {links.Product(slug)}\nDanh sách yêu thích / Your wishlist: {links.Wishlist()}\n\n" +
                   "Bạn nhận thư này vì đã bật thông báo cho sản phẩm đã lưu; nhiều nhất một thư mỗi tuần cho mỗi sản phẩm.\n" +
                   "You get this because you turned on alerts for a saved product; at most one email a week per product.\n" +
                   $"Tắt mọi thông báo / Stop all these emails: {links.StopAlerts(userId)}\n";
        return new OutboxEmail(to, subject, body, now);
    }
}

/// <summary>Links against a fixed base address, for tools and tests that run Core without the web app.</summary>
public sealed class FixedWishlistLinks(string baseUrl) : IWishlistLinks
{
    public static readonly FixedWishlistLinks Localhost = new("http://localhost");

    private readonly string _base = baseUrl.TrimEnd('/');

    public string Wishlist() => _base + WishlistPaths.Page;
    public string Product(string slug) => _base + "/san-pham/" + slug;
    public string StopAlerts(string userId) => _base + WishlistPaths.StopAlerts + "?u=" + Uri.EscapeDataString(userId);
}

public static class WishlistPaths
{
    public const string Page = "/yeu-thich";
    public const string StopAlerts = "/yeu-thich/tat-thong-bao";
}
