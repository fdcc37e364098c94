using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Orders;

/// <summary>
/// Each web node runs the order expiry on the one database: two runs at once cancel each due order once, give
/// its stock back once and queue its cancellation emails once; neither run fails because the other got there first.
/// </summary>
public abstract class OrderExpirySeveralNodesTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : OrderExpirySeveralNodesTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : OrderExpirySeveralNodesTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(provider: provider);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [SkippableFact]
    public async Task Two_expiry_runs_at_once_cancel_each_due_order_once_and_give_its_stock_back_once()
    {
        const int orders = 12, perOrder = 2, stock = 100;
        int productId;
        long price;
        await using (var db = _db.CreateDbContext())
        {
            var p = await db.Products.SingleAsync(x => x.Slug == "che-dinh-tan-cuong");
            p.SetStock(stock);
            await db.SaveChangesAsync();
            (productId, price) = (p.Id, p.PriceVnd);
        }
        var checkout = new CheckoutService(_db, _db.Clock, CheckoutOptions.Default);
        var placed = new List<int>();
        for (var i = 0; i < orders; i++)
        {
            var result = await checkout.PlaceAsync(new CheckoutRequest([new CheckoutLine(productId, perOrder, price)],
                new DeliveryAddress("Mai", $"09123456{i:00}", "Số 5", "05503", "19", null), PaymentMethod.BankTransfer, null, $"mai{i}@example.test"));
            placed.Add(result.Orders.Single().Id);
        }
        Dictionary<string, int> emailsBefore;
        await using (var db = _db.CreateDbContext())
        {
            Assert.Equal(stock - orders * perOrder, await db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync());
            emailsBefore = await EmailsByBuyerAsync(db);
        }

        _db.Clock.Now += CheckoutOptions.Default.PaymentWindow + TimeSpan.FromMinutes(1);
        var nodes = new[] { new OrderExpiryService(_db, _db.Clock), new OrderExpiryService(_db, _db.Clock) };
        var expiredByNode = await Task.WhenAll(nodes.Select(node => Task.Run(() => node.ExpireDueAsync())));

        Assert.Equal(orders, expiredByNode.Sum());
        await using (var db = _db.CreateDbContext())
        {
            Assert.Equal(stock, await db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync());
            Assert.All(await db.Orders.Where(o => placed.Contains(o.Id)).Select(o => o.Status).ToListAsync(),
                status => Assert.Equal(OrderStatus.Cancelled, status));
            // Each buyer was told once that their order was cancelled.
            var emailsAfter = await EmailsByBuyerAsync(db);
            Assert.Equal(orders, emailsAfter.Count);
            Assert.All(emailsAfter, kv => Assert.Equal(emailsBefore[kv.Key] + 1, kv.Value));
            var cancellationEvents = await db.Orders.Where(o => placed.Contains(o.Id))
                .Select(o => o.Events.Count(e => e.Status == OrderStatus.Cancelled)).ToListAsync();
            Assert.All(cancellationEvents, n => Assert.Equal(1, n));
        }
        var again = await Task.WhenAll(nodes.Select(node => node.ExpireDueAsync()));
        Assert.Equal([0, 0], again);
    }

    private static async Task<Dictionary<string, int>> EmailsByBuyerAsync(Core.Persistence.OcopDbContext db) =>
        await db.OutboxEmails.Where(e => e.To.StartsWith("mai")).GroupBy(e => e.To)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
}
