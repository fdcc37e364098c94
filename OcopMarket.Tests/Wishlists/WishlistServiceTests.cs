using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Email.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Wishlists;
using OcopMarket.Core.Wishlists.Domain;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Wishlists;

/// <summary>Saved products on buyers' accounts, on each provider, and the alerts they asked for, queued once.</summary>
public abstract class WishlistServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : WishlistServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : WishlistServiceTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;
    private Actor _buyer = null!, _other = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        (_, _, _other, _buyer) = await PortalTestData.CreateActorsAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private WishlistService Service() => new(_db, _db.Clock, FixedWishlistLinks.Localhost, NullLogger<WishlistService>.Instance);

    private DateTime Now => _db.Clock.GetUtcNow().UtcDateTime;

    private async Task<(int Id, long Price)> ProductAsync(string slug, int stock = 10, long? price = null)
    {
        await using var db = _db.CreateDbContext();
        var p = await db.Products.SingleAsync(x => x.Slug == slug);
        p.SetStock(stock);
        if (price is { } newPrice) p.SetPrice(newPrice);
        await db.SaveChangesAsync();
        return (p.Id, p.PriceVnd);
    }

    private async Task<List<OutboxEmail>> EmailsAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.OutboxEmails.AsNoTracking().Where(e => e.Subject.Contains("giảm giá") || e.Subject.Contains("có hàng")).OrderBy(e => e.Id).ToListAsync();
    }

    [SkippableFact]
    public async Task An_account_keeps_what_was_saved_and_a_guest_list_joins_it_at_sign_in()
    {
        var tea = await ProductAsync("che-dinh-tan-cuong");
        var sauce = await ProductAsync("nuoc-mam-nam-o-huong-lang-co");
        var service = Service();
        var mine = new Wishlist();
        mine.Add(tea.Id, tea.Price, Now);
        await service.SaveAsync(_buyer.UserId, mine);
        await service.SaveAsync(_buyer.UserId, mine); // saving the same list again changes nothing
        var guest = new Wishlist();
        guest.Add(sauce.Id, sauce.Price, Now);
        guest.Add(tea.Id, 1, Now.AddDays(1));
        guest.Add(999_999, 1, Now); // no such product

        var merged = await service.MergeAtSignInAsync(_buyer.UserId, guest);
        Assert.Equal([tea.Id, sauce.Id], merged.Entries.Select(e => e.ProductId).Order());
        Assert.Equal(tea.Price, merged.Entries.Single(e => e.ProductId == tea.Id).PriceWhenSavedVnd);
        Assert.Equal(2, (await service.SavedAsync(_buyer.UserId)).Count);
        Assert.Equal(0, (await service.SavedAsync(_other.UserId)).Count);

        merged.Remove(tea.Id);
        await service.SaveAsync(_buyer.UserId, merged);
        Assert.Equal([sauce.Id], (await service.SavedAsync(_buyer.UserId)).Entries.Select(e => e.ProductId));
    }

    [SkippableFact]
    public async Task The_page_shows_the_price_change_since_saved_and_leaves_out_what_is_no_longer_sold()
    {
        var tea = await ProductAsync("che-dinh-tan-cuong");
        var sauce = await ProductAsync("nuoc-mam-nam-o-huong-lang-co");
        var list = new Wishlist();
        list.Add(tea.Id, tea.Price + 20_000, Now);
        list.Add(sauce.Id, sauce.Price, Now.AddMinutes(1));
        await using (var db = _db.CreateDbContext())
        {
            (await db.Products.SingleAsync(p => p.Id == sauce.Id)).Unpublish();
            await db.SaveChangesAsync();
        }
        var row = Assert.Single(await Service().RowsAsync(list, null));
        Assert.Equal(tea.Id, row.ProductId);
        Assert.Equal(-20_000, row.PriceChangeVnd);
        Assert.False(row.Alerts);
    }

    [SkippableFact]
    public async Task Alerts_are_opt_in_at_most_weekly_queued_once_across_nodes_and_stop_with_one_link()
    {
        var tea = await ProductAsync("che-dinh-tan-cuong", stock: 10);
        var list = new Wishlist();
        list.Add(tea.Id, tea.Price, Now);
        await Service().SaveAsync(_buyer.UserId, list);
        await Service().SaveAsync(_other.UserId, list);

        await ProductAsync("che-dinh-tan-cuong", price: tea.Price - 10_000);
        Assert.Equal(0, await Service().QueueAlertsAsync()); // nobody asked
        await Assert.ThrowsAsync<NotFoundException>(() => Service().SetAlertsAsync(_buyer.UserId, 999_999, true));
        await Service().SetAlertsAsync(_buyer.UserId, tea.Id, true);
        Assert.True((await Service().RowsAsync(list, _buyer.UserId)).Single().Alerts);
        Assert.False((await Service().RowsAsync(list, _other.UserId)).Single().Alerts);

        await ProductAsync("che-dinh-tan-cuong", price: tea.Price - 30_000);
        // Two nodes at once: one email.
        var runs = await Task.WhenAll(Task.Run(() => Service().QueueAlertsAsync()), Task.Run(() => Service().QueueAlertsAsync()));
        Assert.Equal(1, runs.Sum());
        var email = Assert.Single(await EmailsAsync());
        Assert.Equal("buyer@test", email.To);
        Assert.Contains(Money.FormatVnd(tea.Price - 30_000), email.Body);
        Assert.Contains("went down from", email.Body);
        Assert.Contains(FixedWishlistLinks.Localhost.StopAlerts(_buyer.UserId), email.Body);

        await ProductAsync("che-dinh-tan-cuong", stock: 0);
        Assert.Equal(0, await Service().QueueAlertsAsync());
        await ProductAsync("che-dinh-tan-cuong", stock: 4);
        Assert.Equal(0, await Service().QueueAlertsAsync()); // back in stock, but within the week of the last email
        _db.Clock.Now += TimeSpan.FromDays(7);
        Assert.Equal(1, await Service().QueueAlertsAsync());
        Assert.Contains("back in stock", (await EmailsAsync()).Last().Body);

        Assert.Equal(1, await Service().StopAllAlertsAsync(_buyer.UserId));
        await ProductAsync("che-dinh-tan-cuong", price: 1_000);
        _db.Clock.Now += TimeSpan.FromDays(8);
        Assert.Equal(0, await Service().QueueAlertsAsync());
    }
}
