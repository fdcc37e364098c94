using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Portal;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Portal;

public abstract class ProducerPortalServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : ProducerPortalServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : ProducerPortalServiceTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;
    private ProducerPortalService _portal = null!;
    private Actor _haoDat = null!, _vanHuong = null!, _admin = null!, _buyer = null!;

    private static readonly ProductForm NewTea = new("Trà xanh Tân Cương hộp quà", OcopGroup.Food, "I.5a", "hộp 200 g", 185_000, 40,
        "Chè búp hái tay, sao suốt.");

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        _portal = new ProducerPortalService(_db, _db.Clock);
        (_haoDat, _vanHuong, _admin, _buyer) = await PortalTestData.CreateActorsAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<int> HaoDatProductIdAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.Products.Where(p => p.ProducerId == _haoDat.ProducerId).Select(p => p.Id).FirstAsync();
    }

    [SkippableFact]
    public async Task A_producer_creates_a_product_that_stays_hidden_until_published()
    {
        var id = await _portal.CreateAsync(_haoDat, NewTea);
        var product = await _portal.GetAsync(_haoDat, id);
        Assert.Equal("tra-xanh-tan-cuong-hop-qua", product.Slug);
        Assert.False(product.IsPublished);
        Assert.Equal(0, (await _db.Catalog().SearchAsync(new CatalogQuery { Search = "tra xanh tan cuong hop qua" }))
            .Items.Count(p => p.Id == id));
    }

    [SkippableFact]
    public async Task Publishing_needs_a_current_three_star_certificate_then_the_product_is_found_in_the_catalog()
    {
        var id = await _portal.CreateAsync(_haoDat, NewTea);
        var refused = await Assert.ThrowsAsync<DomainException>(() => _portal.PublishAsync(_haoDat, id));
        Assert.Contains("chứng nhận", refused.Message);

        await _portal.AddCertificateAsync(_haoDat, id, new CertificateForm(4, "123/QĐ-UBND", CertifyingLevel.Province, new DateOnly(2025, 3, 1)));
        await _portal.PublishAsync(_haoDat, id);

        var found = await _db.Catalog().SearchAsync(new CatalogQuery { Search = "tra xanh tan cuong hop qua" });
        Assert.Equal(id, found.Items[0].Id);
        Assert.Equal(4, found.Items[0].CurrentStarsOn(_db.Clock.Today()));
    }

    [SkippableFact]
    public async Task Certificate_levels_must_match_the_stars()
    {
        var id = await _portal.CreateAsync(_haoDat, NewTea);
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            _portal.AddCertificateAsync(_haoDat, id, new CertificateForm(5, "9/QĐ", CertifyingLevel.Province, new DateOnly(2025, 1, 1))));
        Assert.Contains("5 sao do Trung ương", error.Message);
        await Assert.ThrowsAsync<DomainException>(() =>
            _portal.AddCertificateAsync(_haoDat, id, new CertificateForm(4, "9/QĐ", CertifyingLevel.Province, new DateOnly(2027, 1, 1))));
        Assert.Empty((await _portal.GetAsync(_haoDat, id)).Certificates);
    }

    [SkippableFact]
    public async Task A_product_set_from_another_group_is_refused()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => _portal.CreateAsync(_haoDat, NewTea with { ProductSetCode = "II.1a" }));
        Assert.Contains("Bộ sản phẩm", error.Message);
    }

    [SkippableFact]
    public async Task Stock_adjustments_never_go_below_zero()
    {
        var id = await _portal.CreateAsync(_haoDat, NewTea);
        Assert.Equal(45, await _portal.AdjustStockAsync(_haoDat, id, 5));
        await Assert.ThrowsAsync<DomainException>(() => _portal.AdjustStockAsync(_haoDat, id, -46));
        Assert.Equal(45, (await _portal.GetAsync(_haoDat, id)).Form.Stock);
    }

    [SkippableFact]
    public async Task Editing_keeps_the_slug_and_refreshes_search()
    {
        var id = await _portal.CreateAsync(_haoDat, NewTea);
        await _portal.UpdateAsync(_haoDat, id, NewTea with { Name = "Trà móc câu đặc biệt", PriceVnd = 210_000 });
        var product = await _portal.GetAsync(_haoDat, id);
        Assert.Equal("tra-xanh-tan-cuong-hop-qua", product.Slug);
        Assert.Equal(210_000, product.Form.PriceVnd);
        await using var db = _db.CreateDbContext();
        // The index's name field only (FTS5 column filter; PostgreSQL's weight A).
        var hits = await (provider == DatabaseProvider.Sqlite
            ? db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM ProductSearch WHERE SearchName MATCH 'moc AND cau'")
            : db.Database.SqlQuery<int>($"""SELECT "Id" AS "Value" FROM "Products" WHERE "SearchVector" @@ to_tsquery('simple', 'moc:A & cau:A')""")
            ).ToListAsync();
        Assert.Contains(id, hits);
    }

    [SkippableFact]
    public async Task The_list_is_only_the_producers_own_products_with_paging_sorting_and_search()
    {
        var page = await _portal.ListAsync(_haoDat, null, PortalProductSort.Price, descending: false, page: 0, pageSize: 50);
        await using var db = _db.CreateDbContext();
        var own = await db.Products.CountAsync(p => p.ProducerId == _haoDat.ProducerId);
        Assert.Equal(own, page.Total);
        Assert.Equal(page.Items.Select(i => i.PriceVnd).Order(), page.Items.Select(i => i.PriceVnd));

        var vanHuong = await _portal.ListAsync(_vanHuong, "ruou", PortalProductSort.Name, false, 0, 2);
        Assert.Equal(3, vanHuong.Total);
        Assert.Equal(2, vanHuong.Items.Count);
        Assert.All(vanHuong.Items, i => Assert.StartsWith("Rượu", i.Name));
    }

    [SkippableFact]
    public async Task Dashboard_counts_listings_low_stock_and_certificates_expiring_within_90_days()
    {
        int seeded;
        await using (var db = _db.CreateDbContext()) seeded = await db.Products.CountAsync(p => p.ProducerId == _haoDat.ProducerId);
        var id = await _portal.CreateAsync(_haoDat, NewTea with { Stock = 3 });
        // Issued 2023-12-15: valid until 2026-12-15, 17 days after the test clock's 2026-11-28.
        await _portal.AddCertificateAsync(_haoDat, id, new CertificateForm(3, "77/QĐ", CertifyingLevel.Province, new DateOnly(2023, 12, 15)));
        var dashboard = await _portal.DashboardAsync(_haoDat);
        Assert.Equal("Hợp tác xã chè Hảo Đạt", dashboard.ProducerName);
        Assert.Equal(seeded + 1, dashboard.Listings); // the seeded ones and the new one
        Assert.Contains(dashboard.LowStockProducts, p => p.Id == id);
        Assert.Contains(dashboard.CertificatesExpiringSoon, p => p.Id == id);
    }

    /// <summary>Every operation with another producer's product id must fail and change nothing.</summary>
    [SkippableFact]
    public async Task Another_producers_product_cannot_be_read_or_changed()
    {
        var theirs = await HaoDatProductIdAsync();
        string Snapshot(OcopMarket.Core.Persistence.OcopDbContext db) =>
            string.Join("|", db.Products.AsNoTracking().Where(p => p.Id == theirs)
                .Select(p => $"{p.Name}/{p.PriceVnd}/{p.Stock}/{p.IsPublished}/{p.Certificates.Count}").ToList());
        string before;
        await using (var db = _db.CreateDbContext()) before = Snapshot(db);

        var attempts = new Func<Task>[]
        {
            () => _portal.GetAsync(_vanHuong, theirs),
            () => _portal.UpdateAsync(_vanHuong, theirs, NewTea),
            () => _portal.AdjustStockAsync(_vanHuong, theirs, 100),
            () => _portal.AddCertificateAsync(_vanHuong, theirs, new CertificateForm(3, "1/QĐ", CertifyingLevel.Province, new DateOnly(2025, 1, 1))),
            () => _portal.PublishAsync(_vanHuong, theirs),
            () => _portal.UnpublishAsync(_vanHuong, theirs),
        };
        foreach (var attempt in attempts)
        {
            var error = await Assert.ThrowsAsync<NotFoundException>(attempt);
            Assert.Equal("Không tìm thấy sản phẩm.", error.Message); // same answer as for a made-up id
        }
        await Assert.ThrowsAsync<NotFoundException>(() => _portal.GetAsync(_vanHuong, 999_999));

        await using (var db = _db.CreateDbContext()) Assert.Equal(before, Snapshot(db));
        var list = await _portal.ListAsync(_vanHuong, null, PortalProductSort.Newest, true, 0, 100);
        Assert.DoesNotContain(list.Items, i => i.Id == theirs);
    }

    [SkippableFact]
    public async Task Buyers_and_officers_without_a_producer_cannot_use_the_portal()
    {
        var id = await HaoDatProductIdAsync();
        foreach (var actor in new[] { _buyer, _admin })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => _portal.DashboardAsync(actor));
            await Assert.ThrowsAsync<ForbiddenException>(() => _portal.ListAsync(actor, null, PortalProductSort.Newest, true, 0, 10));
            await Assert.ThrowsAsync<ForbiddenException>(() => _portal.CreateAsync(actor, NewTea));
            await Assert.ThrowsAsync<ForbiddenException>(() => _portal.UpdateAsync(actor, id, NewTea));
            await Assert.ThrowsAsync<ForbiddenException>(() => _portal.UnpublishAsync(actor, id));
        }
    }
}
