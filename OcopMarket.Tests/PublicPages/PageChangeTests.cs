using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.PublicPages;
using OcopMarket.Core.PublicPages.Domain;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.PublicPages;

/// <summary>
/// Writes name the public pages they change: saved with the write (so every node can read them), published to this
/// node once committed, and never for a write that was rolled back.
/// </summary>
public abstract class PageChangeTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : PageChangeTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : PageChangeTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;
    private readonly List<IReadOnlyCollection<string>> _published = [];
    private long _seeded; // the rows seeding the catalog left

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        _db.PageChanges.Changed += tags => { lock (_published) _published.Add(tags); };
        await using var db = _db.CreateDbContext();
        _seeded = await db.Set<PageChange>().MaxAsync(c => (long?)c.Id) ?? 0;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<(int Id, int ProducerId)> TeaAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.Products.Where(p => p.Slug == "che-dinh-tan-cuong").Select(p => new ValueTuple<int, int>(p.Id, p.ProducerId)).SingleAsync();
    }

    private async Task<List<string>> SavedTagsAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.Set<PageChange>().Where(c => c.Id > _seeded).OrderBy(c => c.Id).Select(c => c.Tags).ToListAsync();
    }

    [SkippableFact]
    public async Task A_price_change_names_the_product_its_producer_and_the_listings_once_saved()
    {
        var (tea, producer) = await TeaAsync();
        await using (var db = _db.CreateDbContext())
        {
            var product = await db.Products.SingleAsync(p => p.Id == tea);
            product.SetPrice(product.PriceVnd + 500);
            await db.SaveChangesAsync();
        }

        var expected = new[] { PageTags.Listings, PageTags.Producer(producer), PageTags.Product(tea) }.Order(StringComparer.Ordinal);
        Assert.Equal(expected, Assert.Single(_published).Order(StringComparer.Ordinal));
        Assert.Equal(string.Join(' ', expected), Assert.Single(await SavedTagsAsync()));
    }

    [SkippableFact]
    public async Task Inside_a_transaction_nothing_is_published_before_the_commit_and_nothing_at_all_after_a_rollback()
    {
        var (tea, _) = await TeaAsync();
        await using (var db = _db.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            (await db.Products.SingleAsync(p => p.Id == tea)).SetStock(7);
            await db.SaveChangesAsync();
            Assert.Empty(_published);
            await transaction.RollbackAsync();
        }
        Assert.Empty(_published);
        Assert.Empty(await SavedTagsAsync());

        await using (var db = _db.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            (await db.Products.SingleAsync(p => p.Id == tea)).SetStock(8);
            await db.SaveChangesAsync();
            Assert.Empty(_published);
            await transaction.CommitAsync();
        }
        Assert.Contains(PageTags.Product(tea), Assert.Single(_published));
    }

    [SkippableFact]
    public async Task Sql_outside_the_change_tracker_is_named_by_its_caller_and_saved_with_the_next_save()
    {
        var (tea, _) = await TeaAsync();
        await using (var db = _db.CreateDbContext())
        {
            await db.Database.ExecuteSqlAsync($"""UPDATE "Products" SET "Stock" = "Stock" + 1 WHERE "Id" = {tea}""");
            PageChangeRecorder.Changed(db, PageTags.Product(tea));
            await db.SaveChangesAsync(); // nothing tracked: the marked page alone
        }
        Assert.Equal([PageTags.Product(tea)], Assert.Single(_published));
        Assert.Equal([PageTags.Product(tea)], await SavedTagsAsync());
    }

    [SkippableFact]
    public async Task Another_node_hears_each_change_made_after_its_first_poll_once()
    {
        var (tea, _) = await TeaAsync();
        async Task SetPriceAsync(long price)
        {
            await using var db = _db.CreateDbContext();
            (await db.Products.SingleAsync(p => p.Id == tea)).SetPrice(price);
            await db.SaveChangesAsync();
        }
        await SetPriceAsync(91_000); // before the other node started reading: its pages were rendered after it

        var otherNode = new PageChangeFeed();
        var heard = new List<IReadOnlyCollection<string>>();
        otherNode.Changed += heard.Add;
        var poller = new PageChangePoller(_db, otherNode, _db.Clock);
        await poller.PollAsync(CancellationToken.None);
        Assert.Empty(heard);

        await SetPriceAsync(92_000);
        await poller.PollAsync(CancellationToken.None);
        await poller.PollAsync(CancellationToken.None);
        Assert.Contains(PageTags.Product(tea), Assert.Single(heard));

        _db.Clock.Now += PageChangePoller.Kept + TimeSpan.FromMinutes(1);
        await poller.PollAsync(CancellationToken.None); // prunes what no node needs any more
        await using (var db = _db.CreateDbContext()) Assert.Equal(0, await db.Set<PageChange>().CountAsync());
        Assert.Single(heard);
    }
}
