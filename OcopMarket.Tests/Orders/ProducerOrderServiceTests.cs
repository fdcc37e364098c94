using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Orders;

public abstract class ProducerOrderServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : ProducerOrderServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : ProducerOrderServiceTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;
    private ProducerOrderService _orders = null!;
    private Actor _haoDat = null!, _vanHuong = null!;
    private int _productId;
    private int _orderId;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        (_haoDat, _vanHuong, _, _) = await PortalTestData.CreateActorsAsync(_db);
        _orders = new ProducerOrderService(_db, _db.Clock, _db.Cards());
        long price;
        await using (var db = _db.CreateDbContext())
        {
            var p = await db.Products.SingleAsync(x => x.Slug == "che-dinh-tan-cuong");
            p.SetStock(10);
            await db.SaveChangesAsync();
            (_productId, price) = (p.Id, p.PriceVnd);
        }
        var placed = await new CheckoutService(_db, _db.Clock, CheckoutOptions.Default).PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(_productId, 3, price)], new DeliveryAddress("Mai", "0912345678", "Số 5", "05503", "19", null),
            PaymentMethod.CashOnDelivery, null, null));
        _orderId = placed.Orders.Single().Id;
        // Cash on delivery now waits for the producer's call; these tests start from the confirmed order.
        await _orders.ConfirmAsync(_haoDat, _orderId);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<int> StockAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.Products.Where(p => p.Id == _productId).Select(p => p.Stock).SingleAsync();
    }

    [SkippableFact]
    public async Task A_delivered_orders_phone_and_address_leave_the_producers_view_after_the_retention_window()
    {
        var orders = new ProducerOrderService(_db, _db.Clock, _db.Cards(), new OcopMarket.Core.Legal.LegalSettings { ProducerContactDays = 30 });
        await orders.PackAsync(_haoDat, _orderId);
        await orders.ShipAsync(_haoDat, _orderId, "GHTK", "S123456");
        await orders.DeliverAsync(_haoDat, _orderId);

        _db.Clock.Now = _db.Clock.Now.AddDays(29);
        var shortly = await orders.GetAsync(_haoDat, _orderId);
        Assert.False(shortly.ContactHidden);
        Assert.Equal("0912345678", shortly.Delivery.Phone);
        Assert.Contains("0912345678", await orders.ExportCsvAsync(_haoDat));

        _db.Clock.Now = _db.Clock.Now.AddDays(1);
        var later = await orders.GetAsync(_haoDat, _orderId);
        Assert.True(later.ContactHidden);
        Assert.Equal("Mai", later.Delivery.RecipientName); // enough to recognise the order
        Assert.Equal("", later.Delivery.Phone);
        Assert.Equal("", later.Delivery.Street);
        Assert.Equal("Xã Tân Cương", later.CommuneName);
        var csv = await orders.ExportCsvAsync(_haoDat);
        Assert.DoesNotContain("0912345678", csv);
        Assert.DoesNotContain("Số 5", csv);
        Assert.Contains("Mai", csv);

        // The buyer's own record is untouched: only the producer's view is narrowed.
        await using var db = _db.CreateDbContext();
        Assert.Equal("0912345678", (await db.Orders.SingleAsync(o => o.Id == _orderId)).Delivery!.Phone);
    }

    [SkippableFact]
    public async Task The_producer_packs_ships_and_delivers_and_the_timeline_records_it()
    {
        Assert.Single(await _orders.ListAsync(_haoDat, OrderStatus.Confirmed));
        await _orders.PackAsync(_haoDat, _orderId);
        await Assert.ThrowsAsync<DomainException>(() => _orders.ShipAsync(_haoDat, _orderId, "GHTK", " "));
        await _orders.ShipAsync(_haoDat, _orderId, "GHTK", "S123456");
        await _orders.DeliverAsync(_haoDat, _orderId);
        var detail = await _orders.GetAsync(_haoDat, _orderId);
        Assert.Equal(OrderStatus.Delivered, detail.Status);
        Assert.Equal("Xã Tân Cương", detail.CommuneName);
        Assert.Equal(5, detail.Events.Count); // awaiting confirmation, confirmed, packed, shipped, delivered
        Assert.Equal(7, await StockAsync());
    }

    [SkippableFact]
    public async Task Cancelling_gives_the_stock_back_and_needs_a_reason()
    {
        Assert.Equal(7, await StockAsync());
        await Assert.ThrowsAsync<DomainException>(() => _orders.CancelAsync(_haoDat, _orderId, ""));
        Assert.Equal(7, await StockAsync());
        await _orders.CancelAsync(_haoDat, _orderId, "Hết hàng do mưa lũ");
        Assert.Equal(10, await StockAsync());
        await Assert.ThrowsAsync<DomainException>(() => _orders.CancelAsync(_haoDat, _orderId, "lần nữa"));
        Assert.Equal(10, await StockAsync()); // never returned twice
    }

    [SkippableFact]
    public async Task Another_producer_cannot_see_or_move_the_order()
    {
        Assert.Empty(await _orders.ListAsync(_vanHuong, null));
        foreach (var attempt in new Func<Task>[]
        {
            () => _orders.GetAsync(_vanHuong, _orderId),
            () => _orders.PackAsync(_vanHuong, _orderId),
            () => _orders.ShipAsync(_vanHuong, _orderId, "GHN", "X"),
            () => _orders.CancelAsync(_vanHuong, _orderId, "x"),
            () => _orders.MarkTransferReceivedAsync(_vanHuong, _orderId),
            () => _orders.ConfirmAsync(_vanHuong, _orderId),
        })
        {
            await Assert.ThrowsAsync<NotFoundException>(attempt);
        }
        Assert.Equal(OrderStatus.Confirmed, (await _orders.GetAsync(_haoDat, _orderId)).Status);
        Assert.Equal(7, await StockAsync());
    }
}

public class CsvCellTests
{
    [Theory]
    [InlineData("Chè", "Chè")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+SUM(A1)", "'+SUM(A1)")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("-5", "-5")]
    public void Cells_are_quoted_and_formulas_defused(string value, string expected) =>
        Assert.Equal(expected, OcopMarket.Core.Common.Csv.Cell(value));
}
