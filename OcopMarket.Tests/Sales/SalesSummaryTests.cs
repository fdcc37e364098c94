using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Sales;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Sales;

/// <summary>
/// The daily sales summary is kept by the order changes themselves: whatever sequence of placements and status moves,
/// summary plus unfolded deltas equal a recount of the orders, on each provider, folded or not, once or twice.
/// </summary>
public abstract class SalesSummaryTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : SalesSummaryTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : SalesSummaryTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;
    private Actor _haoDat = null!, _vanHuong = null!, _buyer = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        (_haoDat, _vanHuong, _, _buyer) = await PortalTestData.CreateActorsAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<List<(int Id, long Price)>> InStockAsync(Actor producer, int count)
    {
        await using var db = _db.CreateDbContext();
        var products = await db.Products.Where(x => x.ProducerId == producer.ProducerId && x.IsPublished).OrderBy(x => x.Id).Take(count).ToListAsync();
        foreach (var p in products) p.SetStock(10_000);
        await db.SaveChangesAsync();
        return [.. products.Select(p => (p.Id, p.PriceVnd))];
    }

    private async Task<int> BuyAsync(IEnumerable<((int Id, long Price) Product, int Quantity)> lines, PaymentMethod payment, string? buyer, string phone) =>
        (await new CheckoutService(_db, _db.Clock, CheckoutOptions.Default).PlaceAsync(new CheckoutRequest(
            [.. lines.Select(l => new CheckoutLine(l.Product.Id, l.Quantity, l.Product.Price))],
            new DeliveryAddress("Khách", phone, "Số 1", "05503", "19", null), payment, buyer, null))).Orders.Single().Id;

    /// <summary>Loads the order alone (no lines), as a service that only moves its status does, and saves the move.</summary>
    private async Task ChangeAsync(int orderId, Action<Order, DateTime> change)
    {
        await using var db = _db.CreateDbContext();
        var order = await db.Orders.SingleAsync(o => o.Id == orderId);
        change(order, _db.Clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private record struct SalesKey(int ProducerId, DateOnly Day, OrderStatus Status, PaymentMethod Payment);

    private record struct ProductKey(int ProducerId, DateOnly Day, int ProductId);

    private record struct BuyerKey(int ProducerId, string Buyer, DateOnly Day);

    /// <summary>The per-buyer days and all-time counts, folded plus unfolded, against a recount of the orders.</summary>
    private async Task AssertBuyersAreRecountAsync()
    {
        await using var db = _db.CreateDbContext();
        var orders = await db.Orders.AsNoTracking().Where(o => o.Status != OrderStatus.Cancelled).ToListAsync();
        var expectedDays = orders.Where(o => (o.BuyerUserId ?? o.Delivery?.Phone) is not null)
            .GroupBy(o => new BuyerKey(o.ProducerId, o.BuyerUserId ?? o.Delivery!.Phone, VietnamClock.DayOf(o.PlacedAt)))
            .ToDictionary(g => g.Key, g => g.Count());
        var deltas = await db.BuyerDeltas.AsNoTracking().ToListAsync();
        var days = (await db.BuyerSalesDays.AsNoTracking().ToListAsync()).Select(d => (Key: new BuyerKey(d.ProducerId, d.Buyer, d.Day), d.Orders))
            .Concat(deltas.Select(d => (Key: new BuyerKey(d.ProducerId, d.Buyer, d.Day), d.Orders)))
            .GroupBy(x => x.Key).Select(g => (g.Key, N: g.Sum(x => x.Orders))).Where(x => x.N != 0).ToDictionary(x => x.Key, x => x.N);
        Assert.Equal(expectedDays.OrderBy(kv => kv.Key.ToString()), days.OrderBy(kv => kv.Key.ToString()));
        var expectedTotals = expectedDays.GroupBy(kv => (kv.Key.ProducerId, kv.Key.Buyer)).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        var totals = (await db.SalesBuyers.AsNoTracking().ToListAsync()).Select(b => (Key: (b.ProducerId, b.Buyer), b.Orders))
            .Concat(deltas.Select(d => (Key: (d.ProducerId, d.Buyer), d.Orders)))
            .GroupBy(x => x.Key).Select(g => (g.Key, N: g.Sum(x => x.Orders))).Where(x => x.N != 0).ToDictionary(x => x.Key, x => x.N);
        Assert.Equal(expectedTotals.OrderBy(kv => kv.Key.ToString()), totals.OrderBy(kv => kv.Key.ToString()));
    }

    /// <summary>What the summary should hold, counted from the orders themselves.</summary>
    private async Task<(Dictionary<SalesKey, (int, long)> Sales, Dictionary<ProductKey, (int, long)> Products)> RecountAsync()
    {
        await using var db = _db.CreateDbContext();
        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).ToListAsync();
        var sales = orders.GroupBy(o => new SalesKey(o.ProducerId, VietnamClock.DayOf(o.PlacedAt), o.Status, o.Payment))
            .ToDictionary(g => g.Key, g => (g.Count(), g.Sum(o => o.TotalVnd)));
        var products = orders.Where(o => o.Status != OrderStatus.Cancelled)
            .SelectMany(o => o.Lines.Select(l => (Key: new ProductKey(o.ProducerId, VietnamClock.DayOf(o.PlacedAt), l.ProductId), l.Quantity, l.LineTotalVnd)))
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => (g.Sum(x => x.Quantity), g.Sum(x => x.LineTotalVnd)));
        return (sales, products);
    }

    /// <summary>What the summary holds: folded rows plus the deltas not folded yet (rows summing to nothing left out).</summary>
    private async Task<(Dictionary<SalesKey, (int, long)> Sales, Dictionary<ProductKey, (int, long)> Products)> SummaryAsync()
    {
        await using var db = _db.CreateDbContext();
        var days = (await db.SalesDays.AsNoTracking().ToListAsync()).Select(s => (Key: new SalesKey(s.ProducerId, s.Day, s.Status, s.Payment), s.Orders, s.RevenueVnd))
            .Concat((await db.SalesDeltas.AsNoTracking().ToListAsync()).Select(s => (Key: new SalesKey(s.ProducerId, s.Day, s.Status, s.Payment), s.Orders, s.RevenueVnd)));
        var products = (await db.ProductSalesDays.AsNoTracking().ToListAsync()).Select(s => (Key: new ProductKey(s.ProducerId, s.Day, s.ProductId), s.Units, s.RevenueVnd))
            .Concat((await db.ProductSalesDeltas.AsNoTracking().ToListAsync()).Select(s => (Key: new ProductKey(s.ProducerId, s.Day, s.ProductId), s.Units, s.RevenueVnd)));
        return (days.GroupBy(x => x.Key).Select(g => (g.Key, N: g.Sum(x => x.Orders), V: g.Sum(x => x.RevenueVnd))).Where(x => x.N != 0).ToDictionary(x => x.Key, x => (x.N, x.V)),
            products.GroupBy(x => x.Key).Select(g => (g.Key, N: g.Sum(x => x.Units), V: g.Sum(x => x.RevenueVnd))).Where(x => x.N != 0).ToDictionary(x => x.Key, x => (x.N, x.V)));
    }

    private async Task AssertSummaryIsRecountAsync()
    {
        var (expectedSales, expectedProducts) = await RecountAsync();
        var (sales, products) = await SummaryAsync();
        Assert.Equal(expectedSales.OrderBy(kv => kv.Key.ToString()), sales.OrderBy(kv => kv.Key.ToString()));
        Assert.Equal(expectedProducts.OrderBy(kv => kv.Key.ToString()), products.OrderBy(kv => kv.Key.ToString()));
        await AssertBuyersAreRecountAsync();
    }

    private async Task<int> DeltaRowsAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.SalesDeltas.CountAsync() + await db.ProductSalesDeltas.CountAsync() + await db.BuyerDeltas.CountAsync();
    }

    [SkippableFact]
    public async Task After_a_mixed_sequence_the_summary_equals_a_recount_and_the_dashboard_is_the_same_before_and_after_folding()
    {
        var tea = await InStockAsync(_vanHuong, 3);
        var other = await InStockAsync(_haoDat, 1);
        // 23:30 and 00:30 in Vietnam: either side of a Vietnamese midnight (16:30 and 17:30 UTC, one UTC day).
        _db.Clock.Now = new DateTimeOffset(2026, 11, 27, 23, 30, 0, TimeSpan.FromHours(7));
        var a = await BuyAsync([(tea[0], 2), (tea[1], 1)], PaymentMethod.CashOnDelivery, _buyer.UserId, "0912345678");
        var b = await BuyAsync([(tea[2], 1)], PaymentMethod.BankTransfer, null, "0987654321");
        var c = await BuyAsync([(other[0], 4)], PaymentMethod.CashOnDelivery, null, "0911111111");
        _db.Clock.Now += TimeSpan.FromHours(1);
        var d = await BuyAsync([(tea[0], 1)], PaymentMethod.CashOnDelivery, _buyer.UserId, "0912345678");
        var e = await BuyAsync([(tea[1], 3), (tea[2], 2)], PaymentMethod.BankTransfer, null, "0922222222");
        var f = await BuyAsync([(other[0], 1)], PaymentMethod.BankTransfer, _buyer.UserId, "0912345678");
        await AssertSummaryIsRecountAsync();

        var sales = new SalesDashboardService(_db, _db.Clock);
        var folder = new SalesSummaryFolder(_db);
        await ChangeAsync(a, (o, at) => o.ConfirmByProducer(at));
        await folder.FoldAsync(); // a fold in the middle: later changes land as deltas on top of folded rows
        _db.Clock.Now += TimeSpan.FromHours(2);
        await ChangeAsync(a, (o, at) => o.Pack(at));
        await ChangeAsync(a, (o, at) => o.Ship("GHN", "GHN1", at));
        await ChangeAsync(a, (o, at) => o.Deliver(at));
        await ChangeAsync(b, (o, at) => o.Cancel(CancelledBy.Buyer, "Đổi ý", at));
        await ChangeAsync(c, (o, at) => o.Cancel(CancelledBy.Producer, "Hết hàng", at));
        await ChangeAsync(d, (o, at) => o.ConfirmByProducer(at));
        await ChangeAsync(e, (o, at) => o.MarkPaid(at));
        await ChangeAsync(e, (o, at) => o.Cancel(CancelledBy.Producer, "Hết hàng", at)); // paid, then cancelled before packing
        await ChangeAsync(f, (o, at) => o.MarkPaid(at));
        await AssertSummaryIsRecountAsync();

        var day = new DateOnly(2026, 11, 27);
        var unfolded = await sales.GetAsync(_vanHuong, day.AddDays(-3), day.AddDays(3), SalesBucket.Day);
        Assert.True(await DeltaRowsAsync() > 0);
        Assert.True(await folder.FoldAsync() > 0);
        Assert.Equal(0, await DeltaRowsAsync());
        await AssertSummaryIsRecountAsync();
        var folded = await sales.GetAsync(_vanHuong, day.AddDays(-3), day.AddDays(3), SalesBucket.Day);
        Assert.Equal(0, await folder.FoldAsync()); // nothing left: a second fold changes nothing
        var again = await sales.GetAsync(_vanHuong, day.AddDays(-3), day.AddDays(3), SalesBucket.Day);
        Assert.Equal(JsonSerializer.Serialize(unfolded, Json), JsonSerializer.Serialize(folded, Json));
        Assert.Equal(JsonSerializer.Serialize(folded, Json), JsonSerializer.Serialize(again, Json));

        // The figures themselves: a (delivered) on the 27th, d (confirmed) on the 28th; b and e cancelled.
        var aTotal = await TotalAsync(a);
        var dTotal = await TotalAsync(d);
        Assert.Equal(2, folded.Orders);
        Assert.Equal(aTotal + dTotal, folded.RevenueVnd);
        Assert.Equal((1, aTotal), (folded.Series.Single(p => p.Start == day).Orders, folded.Series.Single(p => p.Start == day).RevenueVnd));
        Assert.Equal((1, dTotal), (folded.Series.Single(p => p.Start == day.AddDays(1)).Orders, folded.Series.Single(p => p.Start == day.AddDays(1)).RevenueVnd));
        Assert.Equal([(OrderStatus.Cancelled, 2), (OrderStatus.Confirmed, 1), (OrderStatus.Delivered, 1)],
            folded.ByStatus.Select(s => (s.Status, s.Orders)).OrderBy(s => s.Status.ToString()));
        Assert.Equal((tea[0].Id, 3), (folded.TopProducts[0].ProductId, folded.TopProducts[0].Units)); // b's and e's lines are out
        Assert.Equal(2, folded.TopProducts.Count);
        Assert.False(string.IsNullOrEmpty(folded.TopProducts[0].Name));
        Assert.Equal((1, 100m), (folded.Buyers, folded.RepeatBuyerSharePercent)); // the account bought twice, the guests' orders were cancelled
        // Only the 28th: one order that day, of one buyer who did not come back within it.
        var oneDay = await sales.GetAsync(_vanHuong, day.AddDays(1), day.AddDays(1), SalesBucket.Day);
        Assert.Equal((1, 0m), (oneDay.Buyers, oneDay.RepeatBuyerSharePercent));
        var otherProducer = await sales.GetAsync(_haoDat, day.AddDays(-3), day.AddDays(3), SalesBucket.Day);
        Assert.Equal((1, 1), (otherProducer.Orders, otherProducer.ByStatus.Single(s => s.Status == OrderStatus.Cancelled).Orders));
    }

    private async Task<long> TotalAsync(int orderId)
    {
        await using var db = _db.CreateDbContext();
        return (await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == orderId)).TotalVnd;
    }

    [SkippableFact]
    public async Task The_backfill_sums_existing_orders_as_the_deltas_would()
    {
        var tea = await InStockAsync(_vanHuong, 2);
        var other = await InStockAsync(_haoDat, 1);
        _db.Clock.Now = new DateTimeOffset(2026, 11, 27, 23, 30, 0, TimeSpan.FromHours(7));
        var a = await BuyAsync([(tea[0], 2), (tea[1], 1)], PaymentMethod.CashOnDelivery, null, "0912345678");
        await BuyAsync([(other[0], 1)], PaymentMethod.BankTransfer, null, "0987654321");
        _db.Clock.Now += TimeSpan.FromMinutes(45);
        var c = await BuyAsync([(tea[1], 5)], PaymentMethod.BankTransfer, _buyer.UserId, "0911111111");
        await ChangeAsync(a, (o, at) => o.ConfirmByProducer(at));
        await ChangeAsync(c, (o, at) => o.Cancel(CancelledBy.Buyer, null, at));
        var expected = await SummaryAsync();

        // As when the migration ran on a database with orders and no summary yet.
        await using (var db = _db.CreateDbContext())
        {
            await db.SalesDays.ExecuteDeleteAsync();
            await db.ProductSalesDays.ExecuteDeleteAsync();
            await db.SalesDeltas.ExecuteDeleteAsync();
            await db.ProductSalesDeltas.ExecuteDeleteAsync();
            await db.BuyerSalesDays.ExecuteDeleteAsync();
            await db.SalesBuyers.ExecuteDeleteAsync();
            await db.BuyerDeltas.ExecuteDeleteAsync();
            await db.Database.ExecuteSqlRawAsync(SalesSummaryBackfill.Sql(provider));
            Assert.Equal(0, await db.SalesDeltas.CountAsync());
            Assert.True(await db.SalesDays.CountAsync() >= 3);
        }
        var backfilled = await SummaryAsync();
        Assert.Equal(expected.Sales.OrderBy(kv => kv.Key.ToString()), backfilled.Sales.OrderBy(kv => kv.Key.ToString()));
        Assert.Equal(expected.Products.OrderBy(kv => kv.Key.ToString()), backfilled.Products.OrderBy(kv => kv.Key.ToString()));
        await AssertSummaryIsRecountAsync();
        Assert.Contains(backfilled.Sales.Keys, k => k.Day == new DateOnly(2026, 11, 28)); // 00:15 Vietnamese time is the next day
    }

    [SkippableFact]
    public async Task Concurrent_placements_and_folds_from_two_nodes_lose_no_counts()
    {
        var tea = await InStockAsync(_vanHuong, 3);
        var folders = new[] { new SalesSummaryFolder(_db), new SalesSummaryFolder(_db) };
        using var stop = new CancellationTokenSource();
        // Two nodes folding all the time while eight buyers place orders at once.
        var folding = folders.Select(folder => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested) await folder.FoldAsync();
        })).ToList();
        var placing = Enumerable.Range(0, 8).Select(buyer => Task.Run(async () =>
        {
            for (var i = 0; i < 6; i++)
                await BuyAsync([(tea[(buyer + i) % 3], 1 + i % 2)], i % 2 == 0 ? PaymentMethod.BankTransfer : PaymentMethod.CashOnDelivery,
                    null, $"09{buyer:D2}{i:D6}");
        })).ToList();
        await Task.WhenAll(placing);
        stop.Cancel();
        await Task.WhenAll(folding);
        await AssertSummaryIsRecountAsync();
        await folders[0].FoldAsync();
        await AssertSummaryIsRecountAsync();
        var (sales, _) = await SummaryAsync();
        Assert.Equal(48, sales.Values.Sum(v => v.Item1));
    }
}
