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
