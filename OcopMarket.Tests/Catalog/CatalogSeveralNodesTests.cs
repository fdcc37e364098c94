using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Catalog;

/// <summary>
/// Two web nodes on one database, each with its own catalog cache: a write through one node (its contexts carry
/// its cache's invalidator) moves the shared catalog version, and the other node's facet counts follow within
/// <see cref="CatalogCache.MaxStaleness"/>. A change nobody announced shows once the entries reach their maximum age.
/// </summary>
public abstract class CatalogSeveralNodesTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : CatalogSeveralNodesTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : CatalogSeveralNodesTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;
    private CatalogService _nodeA = null!;
    private CatalogService _nodeB = null!;
    private CatalogCache _cacheB = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        _nodeA = _db.Catalog(); // the database's own contexts are node A's: their SaveChanges invalidate its cache
        _cacheB = new CatalogCache(_db.Clock);
        _nodeB = new CatalogService(_db, _db.Clock, _cacheB);
    }

    public async Task DisposeAsync()
    {
        await _cacheB.RefreshesSettledAsync();
        await _db.DisposeAsync();
    }

    private static readonly CatalogQuery Drinks = new() { Group = OcopGroup.Drinks };

    private async Task<int> DrinksOnBAsync() => (await _nodeB.SearchAsync(Drinks)).Total;

    private async Task<int> InStockDrinksOnBAsync() => (await _nodeB.SearchAsync(Drinks)).Facets.InStock;

    [SkippableFact]
    public async Task A_product_published_on_one_node_is_counted_by_the_other_within_the_staleness_bound()
    {
        int productId;
        await using (var db = _db.CreateDbContext())
        {
            var today = _db.Clock.Today();
            var drink = await db.Products.FirstAsync(p => p.Group == OcopGroup.Drinks && p.IsPublished
                                                          && p.CertificateStars >= 3 && p.CertificateValidUntil > today);
            drink.Unpublish();
            await db.SaveChangesAsync();
            productId = drink.Id;
        }
        var before = await DrinksOnBAsync();
        Assert.Equal(before, (await _nodeA.SearchAsync(Drinks)).Total);

        await using (var db = _db.CreateDbContext())
        {
            (await db.Products.SingleAsync(p => p.Id == productId)).Publish(_db.Clock.Today());
            await db.SaveChangesAsync();
        }
        Assert.InRange(await DrinksOnBAsync(), before, before + 1); // within the bound the last counts may still be served

        _db.Clock.Now += CatalogCache.MaxStaleness;
        Assert.Equal(before + 1, await DrinksOnBAsync());
        Assert.Equal(before + 1, (await _nodeA.SearchAsync(Drinks)).Total);
    }

    /// <summary>
    /// A search's ranked hits follow the search-text version (CatalogVersion.SearchTextRowId), not the catalog's: a
    /// rename on node A must move it, so node B re-ranks within the bound.
    /// </summary>
    [SkippableFact]
    public async Task A_rename_on_one_node_reorders_the_other_nodes_search_within_the_staleness_bound()
    {
        var query = new CatalogQuery { Search = "nuoc mam" };
        var top = (await _nodeB.SearchAsync(query)).Items[0];
        await using (var db = _db.CreateDbContext())
        {
            var product = await db.Products.SingleAsync(p => p.Id == top.Id);
            product.Rename("Đặc sản Quỳnh Lưu", product.Slug);
            await db.SaveChangesAsync();
        }
        _db.Clock.Now += CatalogCache.SharedVersionPoll; // node B reads the shared versions again
        await _nodeB.SearchAsync(query);
        await _cacheB.RefreshesSettledAsync();
        _db.Clock.Now += CatalogCache.MaxStaleness;
        var after = await _nodeB.SearchAsync(query);
        Assert.NotEqual(top.Id, after.Items[0].Id);
        Assert.Equal(top.Id, (await _nodeB.SearchAsync(new CatalogQuery { Search = "dac san quynh luu" })).Items[0].Id);
    }

    [SkippableFact]
    public async Task Stock_taken_by_a_checkout_on_one_node_moves_the_other_nodes_in_stock_count()
    {
        int productId;
        long price;
        await using (var db = _db.CreateDbContext())
        {
            var drink = await db.Products.FirstAsync(p => p.Group == OcopGroup.Drinks && p.IsPublished && p.Stock > 0);
            drink.SetStock(1);
            await db.SaveChangesAsync();
            (productId, price) = (drink.Id, drink.PriceVnd);
        }
        var inStockBefore = await InStockDrinksOnBAsync();

        // The last unit goes in the checkout's own SQL, inside its transaction: the version moves once it commits.
        await new CheckoutService(_db, _db.Clock, CheckoutOptions.Default).PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(productId, 1, price)], new DeliveryAddress("Mai", "0912345678", "Số 5", "05503", "19", null),
            PaymentMethod.CashOnDelivery, null, null));

        _db.Clock.Now += CatalogCache.MaxStaleness;
        Assert.Equal(inStockBefore - 1, await InStockDrinksOnBAsync());
    }

    [SkippableFact]
    public async Task A_change_whose_version_move_was_lost_shows_once_the_entries_reach_their_maximum_age()
    {
        var before = await DrinksOnBAsync();
        // As if a node crashed between its commit and its bump: the rows change, no version moves anywhere.
        await using (var db = _db.CreateDbContext())
        {
            var drinkId = await db.Products.Where(p => p.Group == OcopGroup.Drinks && p.IsPublished).Select(p => p.Id).FirstAsync();
            await db.Products.Where(p => p.Id == drinkId).ExecuteUpdateAsync(u => u.SetProperty(p => p.IsPublished, false));
        }

        _db.Clock.Now += CatalogCache.MaxStaleness;
        Assert.Equal(before, await DrinksOnBAsync()); // nothing told the cache

        _db.Clock.Now += CatalogCache.MaxAge;
        Assert.Equal(before - 1, await DrinksOnBAsync());
    }
}
