using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Common;
using OcopMarket.Core.OpenData;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.OpenData;

public abstract class OpenDataServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : OpenDataServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : OpenDataServiceTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;
    private OpenDataService _data = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        _data = new OpenDataService(_db, _db.Clock);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [SkippableFact]
    public async Task Pages_cover_the_published_products_in_id_order_and_leave_out_unpublished_ones()
    {
        await using (var db = _db.CreateDbContext())
        {
            (await db.Products.SingleAsync(p => p.Slug == "che-dinh-tan-cuong")).Unpublish();
            await db.SaveChangesAsync();
        }
        var ids = new List<int>();
        string? cursor = null;
        do
        {
            var page = await _data.ProductsAsync(new ApiProductFilter(), cursor, 100);
            Assert.True(page.Items.Count <= 100);
            ids.AddRange(page.Items.Select(p => p.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        await using var check = _db.CreateDbContext();
        Assert.Equal(await check.Products.Where(p => p.IsPublished).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(), ids);
        Assert.Null(await _data.ProductAsync("che-dinh-tan-cuong"));
    }

    [SkippableFact]
    public async Task Current_stars_filter_and_show_as_the_shop_does()
    {
        var five = await _data.ProductsAsync(new ApiProductFilter(MinStars: 5), null, 100);
        Assert.NotEmpty(five.Items);
        Assert.All(five.Items, p => Assert.Equal(5, p.Stars));
        // A lapsed certificate is never shown as current stars.
        var all = await _data.ProductsAsync(new ApiProductFilter(), null, 100);
        Assert.All(all.Items.Where(p => p.CertificateValidUntil is { } until && until <= new DateOnly(2026, 11, 28)), p => Assert.Null(p.Stars));
    }

    [SkippableFact]
    public async Task Updated_since_lists_the_products_changed_by_an_edit_or_by_an_order_oldest_change_first()
    {
        var since = _db.Clock.GetUtcNow().UtcDateTime.AddMinutes(1);
        Assert.Empty((await _data.ProductsAsync(new ApiProductFilter(UpdatedSince: since), null, 100)).Items);

        _db.Clock.Now += TimeSpan.FromMinutes(2);
        int teaId;
        long price;
        await using (var db = _db.CreateDbContext())
        {
            var tea = await db.Products.SingleAsync(p => p.Slug == "che-dinh-tan-cuong");
            tea.SetPrice(tea.PriceVnd + 1_000);
            tea.SetStock(10);
            await db.SaveChangesAsync();
            (teaId, price) = (tea.Id, tea.PriceVnd);
        }
        _db.Clock.Now += TimeSpan.FromMinutes(1);
        var fishSauce = await _data.ProductsAsync(new ApiProductFilter(MinStars: 3), null, 100);
        var other = fishSauce.Items.First(p => p.Id != teaId && p.Stock > 0);
        await new OcopMarket.Core.Orders.CheckoutService(_db, _db.Clock, OcopMarket.Core.Orders.CheckoutOptions.Default).PlaceAsync(
            new OcopMarket.Core.Orders.CheckoutRequest([new(other.Id, 1, other.PriceVnd)],
                new OcopMarket.Core.Orders.Domain.DeliveryAddress("Mai", "0912345678", "Số 1", "05503", "19", null),
                OcopMarket.Core.Orders.Domain.PaymentMethod.CashOnDelivery, null, null));

        var changed = await _data.ProductsAsync(new ApiProductFilter(UpdatedSince: since), null, 100);
        Assert.Equal([teaId, other.Id], changed.Items.Select(p => p.Id));
        Assert.Equal(price, changed.Items[0].PriceVnd);
        Assert.Equal(other.Stock - 1, changed.Items[1].Stock);
        Assert.True(changed.Items[1].UpdatedAt > changed.Items[0].UpdatedAt);

        var first = await _data.ProductsAsync(new ApiProductFilter(UpdatedSince: since), null, 1);
        var second = await _data.ProductsAsync(new ApiProductFilter(UpdatedSince: since), first.NextCursor, 1);
        Assert.Equal([teaId, other.Id], first.Items.Concat(second.Items).Select(p => p.Id));
        Assert.Null(second.NextCursor);
        // An id cursor is not an updatedSince cursor.
        await Assert.ThrowsAsync<DomainException>(() => _data.ProductsAsync(new ApiProductFilter(UpdatedSince: since), OpenDataService.Cursor(5), 1));
    }

    [SkippableFact]
    public async Task Certificates_and_producers_page_by_cursor_too()
    {
        var first = await _data.CertificatesAsync(null, null, 10);
        var second = await _data.CertificatesAsync(null, first.NextCursor, 10);
        Assert.Empty(first.Items.Select(c => c.Id).Intersect(second.Items.Select(c => c.Id)));
        Assert.True(second.Items[0].Id > first.Items[^1].Id);
        var producers = await _data.ProducersAsync("19", null, 100);
        Assert.All(producers.Items, p => Assert.Equal("19", p.ProvinceCode));
        Assert.Throws<DomainException>(() => OpenDataService.After("aWQ6MA")); // "id:0"
        Assert.Equal(42, OpenDataService.After(OpenDataService.Cursor(42)));
    }
}
