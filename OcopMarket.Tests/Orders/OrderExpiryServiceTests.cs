using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Orders;

public abstract class OrderExpiryServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : OrderExpiryServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : OrderExpiryServiceTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;
    private int _productId;
    private long _price;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        await using var db = _db.CreateDbContext();
        var p = await db.Products.SingleAsync(x => x.Slug == "che-dinh-tan-cuong");
        p.SetStock(10);
        await db.SaveChangesAsync();
        (_productId, _price) = (p.Id, p.PriceVnd);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<PlacedCheckout> PlaceAsync(PaymentMethod payment) =>
        new CheckoutService(_db, _db.Clock, CheckoutOptions.Default).PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(_productId, 4, _price)], new DeliveryAddress("Mai", "0912345678", "Số 5", "05503", "19", null), payment, null, null));

    private async Task<(int Stock, OrderStatus Status)> StateAsync(int orderId)
    {
        await using var db = _db.CreateDbContext();
        return (await db.Products.Where(p => p.Id == _productId).Select(p => p.Stock).SingleAsync(),
                await db.Orders.Where(o => o.Id == orderId).Select(o => o.Status).SingleAsync());
    }

    [SkippableFact]
    public async Task Unpaid_transfers_expire_after_their_window_and_give_stock_back_once()
    {
        var transfer = (await PlaceAsync(PaymentMethod.BankTransfer)).Orders.Single();
        var cash = (await PlaceAsync(PaymentMethod.CashOnDelivery)).Orders.Single();
        await using (var db = _db.CreateDbContext())
        {
            // The producer called the buyer: a confirmed cash order no longer waits for anything that could expire.
            (await db.Orders.Include(o => o.Events).SingleAsync(o => o.Id == cash.Id)).ConfirmByProducer(_db.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }
        var expiry = new OrderExpiryService(_db, _db.Clock);

        _db.Clock.Now += CheckoutOptions.Default.PaymentWindow - TimeSpan.FromMinutes(1);
        Assert.Equal(0, await expiry.ExpireDueAsync());
        Assert.Equal((2, OrderStatus.AwaitingPayment), await StateAsync(transfer.Id));

        _db.Clock.Now += TimeSpan.FromMinutes(1);
        Assert.Equal(1, await expiry.ExpireDueAsync());
        Assert.Equal((6, OrderStatus.Cancelled), await StateAsync(transfer.Id));
        Assert.Equal(OrderStatus.Confirmed, (await StateAsync(cash.Id)).Status); // confirmed cash orders never expire

        Assert.Equal(0, await expiry.ExpireDueAsync());
        Assert.Equal(6, (await StateAsync(transfer.Id)).Stock);
    }

    [SkippableFact]
    public async Task A_paid_transfer_does_not_expire()
    {
        var transfer = (await PlaceAsync(PaymentMethod.BankTransfer)).Orders.Single();
        await using (var db = _db.CreateDbContext())
        {
            var order = await db.Orders.Include(o => o.Events).SingleAsync(o => o.Id == transfer.Id);
            order.MarkPaid(_db.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }
        _db.Clock.Now += TimeSpan.FromDays(3);
        Assert.Equal(0, await new OrderExpiryService(_db, _db.Clock).ExpireDueAsync());
        Assert.Equal((6, OrderStatus.Confirmed), await StateAsync(transfer.Id));
    }
}
