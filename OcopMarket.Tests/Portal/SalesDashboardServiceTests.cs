using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Portal;
using OcopMarket.Core.Sales;
using OcopMarket.Core.Traceability;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Portal;

/// <summary>A producer's sales figures from real orders and scans, on each provider; another producer's never count.</summary>
public abstract class SalesDashboardServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : SalesDashboardServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : SalesDashboardServiceTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;
    private SalesDashboardService _sales = null!;
    private Actor _haoDat = null!, _vanHuong = null!, _buyer = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        (_haoDat, _vanHuong, _, _buyer) = await PortalTestData.CreateActorsAsync(_db);
        _sales = new SalesDashboardService(_db, _db.Clock);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<(int Id, long Price)> InStockAsync(Actor producer, int skip = 0)
    {
        await using var db = _db.CreateDbContext();
        var p = await db.Products.Where(x => x.ProducerId == producer.ProducerId && x.IsPublished).OrderBy(x => x.Id).Skip(skip).FirstAsync();
        p.SetStock(100);
        await db.SaveChangesAsync();
        return (p.Id, p.PriceVnd);
    }

    private Task<PlacedCheckout> BuyAsync((int Id, long Price) product, int quantity, PaymentMethod payment, string? buyer, string phone) =>
        new CheckoutService(_db, _db.Clock, CheckoutOptions.Default).PlaceAsync(new CheckoutRequest([new CheckoutLine(product.Id, quantity, product.Price)],
            new DeliveryAddress("Khách", phone, "Số 1", "05503", "19", null), payment, buyer, null));

    private DateOnly Today => _db.Clock.Today();

    [SkippableFact]
    public async Task Revenue_orders_statuses_best_sellers_and_repeat_buyers_add_up()
    {
        var tea = await InStockAsync(_vanHuong);
        var other = await InStockAsync(_vanHuong, 1);
        var notMine = await InStockAsync(_haoDat);
        var first = await BuyAsync(tea, 2, PaymentMethod.CashOnDelivery, _buyer.UserId, "0912345678");
        _db.Clock.Now += TimeSpan.FromDays(2);
        await BuyAsync(other, 1, PaymentMethod.CashOnDelivery, _buyer.UserId, "0912345678");          // the same buyer again
        await BuyAsync(tea, 1, PaymentMethod.CashOnDelivery, null, "0987654321");                     // a guest
        var cancelled = await BuyAsync(tea, 5, PaymentMethod.CashOnDelivery, null, "0911111111");
        await BuyAsync(notMine, 3, PaymentMethod.CashOnDelivery, _buyer.UserId, "0912345678");       // another producer's
        await using (var db = _db.CreateDbContext())
        {
            var order = await db.Orders.SingleAsync(o => o.Id == cancelled.Orders[0].Id);
            order.Cancel(CancelledBy.Buyer, "Đổi ý", _db.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }

        var d = await _sales.GetAsync(_vanHuong, Today.AddDays(-6), Today, SalesBucket.Day);
        var shipping = await WithDbAsync(db => db.Orders.Where(o => o.ProducerId == _vanHuong.ProducerId && o.Status != OrderStatus.Cancelled).SumAsync(o => o.ShippingFeeVnd));
        Assert.Equal(3, d.Orders);
        Assert.Equal(3 * tea.Price + other.Price + shipping, d.RevenueVnd);
        Assert.Equal(d.RevenueVnd / 3, d.AverageOrderVnd);
        Assert.Equal(d.RevenueVnd, d.Series.Sum(p => p.RevenueVnd));
        Assert.Equal(7, d.Series.Count);
        Assert.Equal(1, d.Series.Single(p => p.Start == Today.AddDays(-2)).Orders);
        Assert.Equal(4, d.ByStatus.Sum(s => s.Orders)); // cancelled ones are a status too
        Assert.Equal(1, d.ByStatus.Single(s => s.Status == OrderStatus.Cancelled).Orders);
        Assert.Equal(tea.Id, d.TopProducts[0].ProductId);
        Assert.Equal(3, d.TopProducts[0].Units);
        Assert.DoesNotContain(d.TopProducts, t => t.ProductId == notMine.Id);
        Assert.Equal(2, d.Buyers);                  // the account and one guest (the cancelled guest bought nothing)
        Assert.Equal(50m, d.RepeatBuyerSharePercent);
        Assert.Equal(PaymentMethod.CashOnDelivery, d.ByPayment.Single().Method);

        var weeks = await _sales.GetAsync(_vanHuong, Today.AddDays(-30), Today, SalesBucket.Week);
        Assert.All(weeks.Series, w => Assert.Equal(DayOfWeek.Monday, w.Start.DayOfWeek));
        Assert.Equal(d.RevenueVnd, weeks.Series.Sum(p => p.RevenueVnd));
        var months = await _sales.GetAsync(_vanHuong, Today.AddDays(-90), Today, SalesBucket.Month);
        Assert.All(months.Series, m => Assert.Equal(1, m.Start.Day));
        Assert.Equal(d.RevenueVnd, months.Series.Sum(p => p.RevenueVnd));

        // The CSV holds the same figures.
        var csv = SalesDashboardService.Csv(d);
        Assert.Contains($"summary,total,,3,,{d.RevenueVnd},,", csv);
        _ = first;
    }

    private async Task<T> WithDbAsync<T>(Func<OcopDbContext, Task<T>> work)
    {
        await using var db = _db.CreateDbContext();
        return await work(db);
    }

    [SkippableFact]
    public async Task Scans_and_buy_taps_are_counted_per_lot_and_day_for_the_lots_producer_only()
    {
        int lotId;
        await using (var db = _db.CreateDbContext())
        {
            var product = await db.Products.FirstAsync(p => p.ProducerId == _haoDat.ProducerId && p.IsPublished);
            var lot = new OcopMarket.Core.Traceability.Domain.Lot(product.Id, "TN-01", Today.AddDays(-3), null, 100, null, null,
                _db.Clock.GetUtcNow().UtcDateTime, Today);
            db.Lots.Add(lot);
            await db.SaveChangesAsync();
            lotId = lot.Id;
        }
        var counter = new ScanCounter(_db);
        var now = _db.Clock.GetUtcNow().UtcDateTime;
        counter.Record(lotId, 1, now.AddDays(-1));
        counter.Record(lotId, 1, now.AddDays(-1));
        counter.Record(lotId, 2, now);
        counter.RecordBuyClick(lotId, now);
        await counter.FlushAsync();
        counter.Record(lotId, 3, now);
        await counter.FlushAsync(); // additive: a second batch adds to the day

        var d = await _sales.GetAsync(_haoDat, Today.AddDays(-6), Today, SalesBucket.Day);
        var lotRow = Assert.Single(d.Lots);
        Assert.Equal((4L, 1L), (lotRow.Scans, lotRow.BuyClicks));
        Assert.Equal(25m, lotRow.BuyRatePercent);
        Assert.Equal(2, d.Engagement.Single(e => e.Day == Today).Scans);
        Assert.Equal(2, d.Engagement.Single(e => e.Day == Today.AddDays(-1)).Scans);
        // Counted by the scans' own day, not the flush's, and stored once per lot and day.
        Assert.Equal(2, await WithDbAsync(db => db.LotEngagementDays.CountAsync(e => e.LotId == lotId)));

        var someoneElse = await _sales.GetAsync(_vanHuong, Today.AddDays(-6), Today, SalesBucket.Day);
        Assert.Empty(someoneElse.Lots);
    }

    [SkippableFact]
    public async Task Bad_periods_are_refused_and_only_producers_see_sales()
    {
        var backwards = await Assert.ThrowsAsync<DomainException>(() => _sales.GetAsync(_haoDat, Today, Today.AddDays(-1), SalesBucket.Day));
        Assert.Contains("after the start", backwards.Text.En);
        await Assert.ThrowsAsync<DomainException>(() => _sales.GetAsync(_haoDat, Today.AddDays(-500), Today, SalesBucket.Day));
        await Assert.ThrowsAsync<ForbiddenException>(() => _sales.GetAsync(_buyer, Today.AddDays(-6), Today, SalesBucket.Day));
    }
}
