using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Programme;
using OcopMarket.Core.Programme.Domain;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Programme;

/// <summary>The programme's figures, computed from a real database on each provider, change as the data does.</summary>
public abstract class ProgrammeServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : ProgrammeServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : ProgrammeServiceTests(DatabaseProvider.PostgreSql);

    private const string Tea = "che-dinh-tan-cuong"; // 5★, Hợp tác xã chè Hảo Đạt, Thái Nguyên (19)
    private TestDatabase _db = null!;
    private ProgrammeService _programme = null!;
    private Actor _haoDat = null!, _officer = null!, _buyer = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        (_haoDat, _, _officer, _buyer) = await PortalTestData.CreateActorsAsync(_db);
        await using (var db = _db.CreateDbContext()) await NationalFigureSeeder.SeedAsync(db, _db.Clock.GetUtcNow().UtcDateTime);
        _programme = new ProgrammeService(_db, _db.Clock, _db.PageChanges);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<ProgrammeDashboard> FreshAsync()
    {
        _db.Clock.Now += ProgrammeService.MaxAge;
        return await _programme.DashboardAsync();
    }

    private static ProgrammeCard Card(ProgrammeDashboard d, ProgrammeMetric metric) => d.Cards.Single(c => c.Metric == metric);

    private static ProvinceFigures ThaiNguyen(ProgrammeDashboard d) => d.Provinces.Single(p => p.Code == "19");

    [SkippableFact]
    public async Task Certified_products_are_the_listed_ones_with_a_current_certificate_as_the_catalog_counts_them()
    {
        var d = await _programme.DashboardAsync();
        var catalog = _db.Catalog();
        Assert.Equal((await catalog.SearchAsync(new CatalogQuery { MinStars = 3 })).Total, d.Platform.CertifiedProducts);
        Assert.Equal((await catalog.SearchAsync(new CatalogQuery { MinStars = 5 })).Total, d.Platform.FiveStarProducts);
        Assert.Equal(d.Platform.CertifiedProducts, d.Provinces.Sum(p => p.Figures.CertifiedProducts));
        Assert.Equal(34, d.Provinces.Count);

        await using (var db = _db.CreateDbContext())
        {
            (await db.Products.SingleAsync(p => p.Slug == Tea)).Unpublish();
            await db.SaveChangesAsync();
        }
        var after = await FreshAsync();
        Assert.Equal(d.Platform.FiveStarProducts - 1, after.Platform.FiveStarProducts);
        Assert.Equal(ThaiNguyen(d).Figures.FiveStarProducts - 1, ThaiNguyen(after).Figures.FiveStarProducts);
        Assert.Equal(after.Platform.FiveStarProducts, Card(after, ProgrammeMetric.FiveStarProducts).PlatformValue);
    }

    [SkippableFact]
    public async Task A_producer_sells_here_once_it_has_an_order_in_90_days_and_a_cancelled_one_does_not_count()
    {
        var before = await _programme.DashboardAsync();
        int teaId; long price;
        await using (var db = _db.CreateDbContext())
        {
            var tea = await db.Products.SingleAsync(p => p.Slug == Tea);
            tea.SetStock(10);
            await db.SaveChangesAsync();
            (teaId, price) = (tea.Id, tea.PriceVnd);
        }
        var placed = await new CheckoutService(_db, _db.Clock, CheckoutOptions.Default).PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(teaId, 1, price)], new DeliveryAddress("Mai", "0912345678", "Số 1", "05503", "19", null),
            PaymentMethod.CashOnDelivery, _buyer.UserId, null));

        var selling = await FreshAsync();
        Assert.Equal(before.Platform.SellingSubjects + 1, selling.Platform.SellingSubjects);
        Assert.Equal(ThaiNguyen(before).Figures.SellingSubjects + 1, ThaiNguyen(selling).Figures.SellingSubjects);
        var subjects = (await _programme.NationalFiguresAsync()).Where(n => n.Metric == ProgrammeMetric.Subjects).MaxBy(n => n.AsOf)!;
        Assert.Equal(ProgrammeScoreboard.Percent(selling.Platform.SellingSubjects, (int)subjects.Value),
            Card(selling, ProgrammeMetric.SellingOnlineSharePercent).PlatformValue);
        Assert.Contains("8.086", Card(selling, ProgrammeMetric.SellingOnlineSharePercent).PlatformDetail!.Value.Vi);
        Assert.Contains("8,086", Card(selling, ProgrammeMetric.SellingOnlineSharePercent).PlatformDetail!.Value.En);

        await using (var db = _db.CreateDbContext())
        {
            var order = await db.Orders.SingleAsync(o => o.Id == placed.Orders.Single().Id);
            order.Cancel(CancelledBy.Buyer, "Đổi ý", _db.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }
        Assert.Equal(before.Platform.SellingSubjects, (await FreshAsync()).Platform.SellingSubjects);

        // 91 days later an order no longer makes its producer "selling here".
        await new CheckoutService(_db, _db.Clock, CheckoutOptions.Default).PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(teaId, 1, price)], new DeliveryAddress("Mai", "0912345678", "Số 1", "05503", "19", null),
            PaymentMethod.CashOnDelivery, _buyer.UserId, null));
        Assert.Equal(before.Platform.SellingSubjects + 1, (await FreshAsync()).Platform.SellingSubjects);
        _db.Clock.Now += TimeSpan.FromDays(91);
        Assert.Equal(before.Platform.SellingSubjects, (await FreshAsync()).Platform.SellingSubjects);
    }

    [SkippableFact]
    public async Task A_second_certificate_counts_as_a_renewal_and_more_stars_as_an_upgrade()
    {
        var before = await _programme.DashboardAsync();
        await using (var db = _db.CreateDbContext())
        {
            var tea = await db.Products.Include(p => p.Certificates).SingleAsync(p => p.Slug == Tea);
            tea.AddCertificate(new OcopCertificate(5, "99/QĐ-BNNMT", CertifyingLevel.Central, new DateOnly(2026, 6, 1)));
            var fourStar = await db.Products.Include(p => p.Certificates)
                .FirstAsync(p => p.IsPublished && p.CertificateStars == 4 && p.Certificates.Count == 1 && p.Certificates.All(c => c.IssuedOn != null));
            fourStar.AddCertificate(new OcopCertificate(5, "100/QĐ-BNNMT", CertifyingLevel.Central, new DateOnly(2026, 7, 1)));
            await db.SaveChangesAsync();
        }
        var after = await FreshAsync();
        Assert.Equal(before.Platform.ProductsRenewed + 1, after.Platform.ProductsRenewed);
        Assert.Equal(before.Platform.ProductsUpgraded + 1, after.Platform.ProductsUpgraded);
        Assert.True(after.Platform.ProductsDue >= before.Platform.ProductsDue + 1);
        Assert.Equal(after.Platform.RenewedSharePercent, Card(after, ProgrammeMetric.RenewedSharePercent).PlatformValue);
        Assert.True(after.Platform.RenewedSharePercent > 0);
    }

    [SkippableFact]
    public async Task A_company_that_states_it_is_an_sme_moves_the_sme_share()
    {
        var before = await _programme.DashboardAsync();
        await using (var db = _db.CreateDbContext())
        {
            var firm = await db.Producers.FirstAsync(p => p.Type == Core.Producers.Domain.ProducerType.Company
                && p.Status == Core.Producers.Domain.VerificationStatus.Verified);
            firm.DeclareSme(true);
            await db.SaveChangesAsync();
        }
        var after = await FreshAsync();
        Assert.Equal(before.Platform.Smes + 1, after.Platform.Smes);
        Assert.Equal(before.Platform.SmeUndeclared - 1, after.Platform.SmeUndeclared);
        Assert.Equal(ProgrammeScoreboard.Percent(after.Platform.Smes, after.Platform.Subjects), Card(after, ProgrammeMetric.SmeSharePercent).PlatformValue);
    }

    [SkippableFact]
    public async Task Officers_add_and_delete_national_figures_and_the_dashboard_shows_them_at_once()
    {
        var before = await _programme.DashboardAsync();
        Assert.Equal(18_243, Card(before, ProgrammeMetric.CertifiedProducts).National!.Value);
        Assert.Null(Card(before, ProgrammeMetric.SellingOnlineSharePercent).National);

        var id = await _programme.AddNationalFigureAsync(_officer, ProgrammeMetric.SellingOnlineSharePercent, 41.5m, new DateOnly(2026, 6, 30),
            "https://example.gov.vn/bao-cao-ocop-2026", "Báo cáo sơ kết 6 tháng 2026");
        // No clock moved: the write itself (this node's page-change feed) drops the cached figures.
        var shown = Card(await _programme.DashboardAsync(), ProgrammeMetric.SellingOnlineSharePercent).National!;
        Assert.Equal((41.5m, new DateOnly(2026, 6, 30)), (shown.Value, shown.AsOf));
        Assert.True(shown.EnteredByOfficer);

        await Assert.ThrowsAsync<ForbiddenException>(() => _programme.AddNationalFigureAsync(_haoDat, ProgrammeMetric.Subjects, 1, new DateOnly(2026, 1, 1),
            "https://example.gov.vn/x", null));
        await Assert.ThrowsAsync<ForbiddenException>(() => _programme.DeleteNationalFigureAsync(_haoDat, id));
        var invalid = await Assert.ThrowsAsync<DomainException>(() => _programme.AddNationalFigureAsync(_officer, ProgrammeMetric.CooperativeSharePercent,
            140, new DateOnly(2026, 1, 1), "https://example.gov.vn/x", null));
        Assert.Contains("0–100", invalid.Text.Vi);
        await Assert.ThrowsAsync<NotFoundException>(() => _programme.DeleteNationalFigureAsync(_officer, 987_654));

        await _programme.DeleteNationalFigureAsync(_officer, id);
        Assert.Null(Card(await _programme.DashboardAsync(), ProgrammeMetric.SellingOnlineSharePercent).National);
    }

    [SkippableFact]
    public async Task The_monthly_snapshot_is_stored_once_however_many_nodes_take_it()
    {
        var nodeB = new ProgrammeService(_db, _db.Clock, _db.PageChanges);
        var results = await Task.WhenAll(_programme.TakeMonthlySnapshotAsync(), nodeB.TakeMonthlySnapshotAsync());
        Assert.Equal(1, results.Count(stored => stored));
        Assert.False(await _programme.TakeMonthlySnapshotAsync());

        await using var db = _db.CreateDbContext();
        var rows = await db.ProgrammeSnapshots.ToListAsync();
        Assert.Equal(rows.Count, rows.Select(r => (r.Month, r.Scope, r.Metric)).Distinct().Count());
        Assert.All(rows, r => Assert.Equal(new DateOnly(2026, 11, 1), r.Month));
        Assert.Contains(rows, r => r.Scope == "19" && r.Metric == ProgrammeMetric.CertifiedProducts);

        var trend = Card(await FreshAsync(), ProgrammeMetric.CertifiedProducts).PlatformHistory;
        Assert.Equal([new DateOnly(2026, 11, 1)], trend.Select(t => t.Month));

        _db.Clock.Now = _db.Clock.Now.AddMonths(1);
        Assert.True(await nodeB.TakeMonthlySnapshotAsync());
        Assert.Equal(2, (await FreshAsync()).Cards.Single(c => c.Metric == ProgrammeMetric.CertifiedProducts).PlatformHistory.Count);
    }
}
