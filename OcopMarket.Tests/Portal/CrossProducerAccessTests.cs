using System.Reflection;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Media;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Portal;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Core.Traceability;
using OcopMarket.Core.Traceability.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Portal;

/// <summary>
/// Every public operation of the services the producer portal calls, tried by producer B (Vân Hương) on producer
/// A's (Hảo Đạt's) product, certificate, photo, lot, event and order. The table is checked against the services by
/// reflection, so an operation added without a case here fails the test until someone writes its case.
/// </summary>
public abstract class CrossProducerAccessTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : CrossProducerAccessTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : CrossProducerAccessTests(DatabaseProvider.PostgreSql);

    private static readonly Type[] PortalServices =
        [typeof(ProducerPortalService), typeof(ProductPhotoService), typeof(LotService), typeof(ProducerOrderService)];

    private static readonly DateOnly Today = new(2026, 11, 28);

    private readonly string _media = Path.Combine(Path.GetTempPath(), $"ocop-cross-{Guid.NewGuid():N}");
    private TestDatabase _db = null!;
    private ProducerPortalService _portal = null!;
    private ProductPhotoService _photos = null!;
    private LotService _lots = null!;
    private ProducerOrderService _orders = null!;
    private Actor _a = null!, _b = null!;

    // Producer A's rows that B aims at, and B's own rows to mix them with.
    private int _aProduct, _aCertificate, _aImage, _aLot, _aEvent, _aOrder;
    private string _aOrderNumber = null!;
    private int _bProduct, _bLot;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        var store = new FileSystemMediaStore(_media);
        _portal = new ProducerPortalService(_db, _db.Clock);
        _photos = new ProductPhotoService(_db, new ProductImageProcessor(), store);
        _lots = new LotService(_db, _db.Clock, new SerialKeyStore(_db, null), _photos, store);
        _orders = new ProducerOrderService(_db, _db.Clock, _db.Cards());
        (_a, _b, _, _) = await PortalTestData.CreateActorsAsync(_db);

        await using (var db = _db.CreateDbContext())
        {
            var tea = await db.Products.Include(p => p.Certificates).SingleAsync(p => p.Slug == "che-dinh-tan-cuong");
            tea.SetStock(20);
            await db.SaveChangesAsync();
            (_aProduct, _aCertificate) = (tea.Id, tea.Certificates.Single().Id);
            _bProduct = await db.Products.Where(p => p.ProducerId == _b.ProducerId).Select(p => p.Id).FirstAsync();
        }
        await _photos.AddAsync(_a, _aProduct, new MemoryStream(TestImages.Make(800, 600, SKEncodedImageFormat.Jpeg)));
        _aImage = (await _portal.GetAsync(_a, _aProduct)).Images.Single().Id;
        await _portal.UpdateProfileAsync(_a, await _portal.GetProfileAsync(_a) with { Story = "Ba thế hệ làm chè ở Tân Cương." });

        _aLot = await _lots.CreateAsync(_a, _aProduct, "TC-CROSS-1", new LotInput(Today.AddDays(-5), Today.AddMonths(12), 100, null, "Lô của A", []));
        await _lots.AddEventAsync(_a, _aLot, Harvest);
        await _lots.IssueSerialsAsync(_a, _aLot, 3);
        _aEvent = (await _lots.GetAsync(_a, _aLot)).Events.Single().Id;
        _bLot = await _lots.CreateAsync(_b, _bProduct, "VH-CROSS-1", new LotInput(Today.AddDays(-5), null, 50, null, null, []));

        long price;
        await using (var db = _db.CreateDbContext()) price = await db.Products.Where(p => p.Id == _aProduct).Select(p => p.PriceVnd).SingleAsync();
        var placed = await new CheckoutService(_db, _db.Clock, CheckoutOptions.Default).PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(_aProduct, 2, price)], new DeliveryAddress("Mai", "0912345678", "Số 5", "05503", "19", null),
            PaymentMethod.CashOnDelivery, null, null));
        (_aOrder, _aOrderNumber) = (placed.Orders.Single().Id, placed.Orders.Single().Number);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        if (Directory.Exists(_media)) Directory.Delete(_media, recursive: true);
    }

    private static readonly TraceEventInput Harvest =
        new(TraceEventKind.Harvest, new DateTime(2026, 11, 24, 6, 0, 0), "Đồi chè Tân Cương", "Hái tay", null, null);

    private static readonly ProductForm Form = new("Sản phẩm của B", OcopGroup.Drinks, "II.1a", "chai 500 ml", 150_000, 10, "Rượu.");

    private static MemoryStream Pdf() => new("%PDF-1.4\n%%EOF\n"u8.ToArray());

    /// <summary>What a case is checked with: the operation, or why it needs no other-producer case.</summary>
    private sealed record Case(string Operation, Func<Task>? Attempt = null, string? NoCaseBecause = null);

    private static string Op<TService>(string method) => typeof(TService).Name + "." + method;

    /// <summary>B is answered "not found", exactly as for an id that does not exist.</summary>
    private static Case NotFound<TService>(string method, params Func<Task>[] attempts) =>
        new(Op<TService>(method), async () =>
        {
            foreach (var attempt in attempts) await Assert.ThrowsAsync<NotFoundException>(attempt);
        });

    /// <summary>B's own row with one of A's ids inside it is refused exactly like a made-up id in the same place.</summary>
    private static async Task LikeAMadeUpIdAsync(Func<int, Task> withId, int theirs)
    {
        var madeUp = await Record.ExceptionAsync(() => withId(999_999));
        var actual = await Record.ExceptionAsync(() => withId(theirs));
        Assert.NotNull(madeUp);
        Assert.NotNull(actual);
        Assert.Equal(madeUp.GetType(), actual.GetType());
        Assert.Equal(madeUp.Message, actual.Message);
    }

    /// <summary>The operation takes no id: B gets B's own rows, and none of A's.</summary>
    private static Case OwnRowsOnly<TService>(string method, Func<Task> check) => new(Op<TService>(method), check);

    private IEnumerable<Case> Cases() =>
    [
        // The producer's products, certificates, stock and profile.
        OwnRowsOnly<ProducerPortalService>(nameof(ProducerPortalService.DashboardAsync), async () =>
        {
            var dashboard = await _portal.DashboardAsync(_b);
            Assert.Equal("Hợp tác xã Vân Hương", dashboard.ProducerName);
            Assert.Equal(await CountProductsAsync(_b), dashboard.Listings);
            Assert.DoesNotContain(dashboard.LowStockProducts.Concat(dashboard.CertificatesExpiringSoon), p => p.Id == _aProduct);
        }),
        OwnRowsOnly<ProducerPortalService>(nameof(ProducerPortalService.ListAsync), async () =>
        {
            var list = await _portal.ListAsync(_b, null, PortalProductSort.Newest, true, 0, 100);
            Assert.Equal(await CountProductsAsync(_b), list.Total);
            Assert.DoesNotContain(list.Items, p => p.Id == _aProduct);
            Assert.Empty((await _portal.ListAsync(_b, "che dinh tan cuong", PortalProductSort.Name, false, 0, 100)).Items);
        }),
        NotFound<ProducerPortalService>(nameof(ProducerPortalService.GetAsync), () => _portal.GetAsync(_b, _aProduct)),
        OwnRowsOnly<ProducerPortalService>(nameof(ProducerPortalService.CreateAsync), async () =>
        {
            var id = await _portal.CreateAsync(_b, Form);
            await using var db = _db.CreateDbContext();
            Assert.Equal(_b.ProducerId, await db.Products.Where(p => p.Id == id).Select(p => p.ProducerId).SingleAsync());
        }),
        NotFound<ProducerPortalService>(nameof(ProducerPortalService.UpdateAsync), () => _portal.UpdateAsync(_b, _aProduct, Form)),
        NotFound<ProducerPortalService>(nameof(ProducerPortalService.AdjustStockAsync), () => _portal.AdjustStockAsync(_b, _aProduct, 100)),
        NotFound<ProducerPortalService>(nameof(ProducerPortalService.AddCertificateAsync), () =>
            _portal.AddCertificateAsync(_b, _aProduct, new CertificateForm(3, "1/QĐ", CertifyingLevel.Province, new DateOnly(2025, 1, 1)))),
        NotFound<ProducerPortalService>(nameof(ProducerPortalService.PublishAsync), () => _portal.PublishAsync(_b, _aProduct)),
        NotFound<ProducerPortalService>(nameof(ProducerPortalService.UnpublishAsync), () => _portal.UnpublishAsync(_b, _aProduct)),
        OwnRowsOnly<ProducerPortalService>(nameof(ProducerPortalService.GetProfileAsync), async () =>
        {
            await using var db = _db.CreateDbContext();
            var own = await db.Producers.Where(p => p.Id == _b.ProducerId).Select(p => new { p.Story, p.ProvinceCode }).SingleAsync();
            var profile = await _portal.GetProfileAsync(_b);
            Assert.Equal(own.Story, profile.Story);
            Assert.Equal(own.ProvinceCode, profile.ProvinceCode);
            Assert.NotEqual("19", profile.ProvinceCode); // not A's (Thái Nguyên)
        }),
        OwnRowsOnly<ProducerPortalService>(nameof(ProducerPortalService.UpdateProfileAsync), async () =>
        {
            await _portal.UpdateProfileAsync(_b, await _portal.GetProfileAsync(_b) with { Story = "Rượu nếp cái hoa vàng." });
            Assert.Equal("Rượu nếp cái hoa vàng.", (await _portal.GetProfileAsync(_b)).Story); // B's changed, A's in the snapshot did not
        }),

        // Photos and certificate scans.
        NotFound<ProductPhotoService>(nameof(ProductPhotoService.AddAsync),
            () => _photos.AddAsync(_b, _aProduct, new MemoryStream(TestImages.Make(300, 200, SKEncodedImageFormat.Jpeg)))),
        new(Op<ProductPhotoService>(nameof(ProductPhotoService.AttachCertificateScanAsync)), async () =>
        {
            await Assert.ThrowsAsync<NotFoundException>(() => _photos.AttachCertificateScanAsync(_b, _aProduct, _aCertificate, Pdf()));
            await LikeAMadeUpIdAsync(id => _photos.AttachCertificateScanAsync(_b, _bProduct, id, Pdf()), _aCertificate);
        }),
        new(Op<ProductPhotoService>(nameof(ProductPhotoService.DeleteAsync)), async () =>
        {
            await Assert.ThrowsAsync<NotFoundException>(() => _photos.DeleteAsync(_b, _aProduct, _aImage));
            await LikeAMadeUpIdAsync(id => _photos.DeleteAsync(_b, _bProduct, id), _aImage);
        }),
        new(Op<ProductPhotoService>(nameof(ProductPhotoService.MoveAsync)), async () =>
        {
            await Assert.ThrowsAsync<NotFoundException>(() => _photos.MoveAsync(_b, _aProduct, _aImage, 1));
            await LikeAMadeUpIdAsync(id => _photos.MoveAsync(_b, _bProduct, id, 1), _aImage);
        }),
        new(Op<ProductPhotoService>(nameof(ProductPhotoService.StoreDocumentAsync)),
            NoCaseBecause: "it takes no actor and no id: it checks and stores an upload's bytes for LotService.AddEventAsync, which checks the lot first"),

        // Lots, their stories and labels.
        NotFound<LotService>(nameof(LotService.ListAsync), () => _lots.ListAsync(_b, _aProduct)),
        NotFound<LotService>(nameof(LotService.GtinAsync), () => _lots.GtinAsync(_b, _aProduct)),
        NotFound<LotService>(nameof(LotService.SetGtinAsync), () => _lots.SetGtinAsync(_b, _aProduct, "4006381333931"), () => _lots.SetGtinAsync(_b, _aProduct, null)),
        NotFound<LotService>(nameof(LotService.CreateAsync), () => _lots.CreateAsync(_b, _aProduct, "X1", new LotInput(Today, null, 1, null, null, []))),
        NotFound<LotService>(nameof(LotService.UpdateAsync), () => _lots.UpdateAsync(_b, _aLot, new LotInput(Today, null, 999, null, "B đã sửa", []))),
        NotFound<LotService>(nameof(LotService.GetAsync), () => _lots.GetAsync(_b, _aLot)),
        NotFound<LotService>(nameof(LotService.AddEventAsync), () => _lots.AddEventAsync(_b, _aLot, Harvest), () => _lots.AddEventAsync(_b, _aLot, Harvest, Pdf())),
        new(Op<LotService>(nameof(LotService.RemoveEventAsync)), async () =>
        {
            await Assert.ThrowsAsync<NotFoundException>(() => _lots.RemoveEventAsync(_b, _aLot, _aEvent));
            await LikeAMadeUpIdAsync(id => _lots.RemoveEventAsync(_b, _bLot, id), _aEvent);
        }),
        NotFound<LotService>(nameof(LotService.IssueSerialsAsync), () => _lots.IssueSerialsAsync(_b, _aLot, 5)),
        NotFound<LotService>(nameof(LotService.LabelsAsync), () => _lots.LabelsAsync(_b, _aLot, null, 1), () => _lots.LabelsAsync(_b, _aLot, 1, 3)),

        // Orders.
        OwnRowsOnly<ProducerOrderService>(nameof(ProducerOrderService.ListAsync), async () =>
        {
            Assert.DoesNotContain(await _orders.ListAsync(_b, null), o => o.Id == _aOrder);
            Assert.DoesNotContain(await _orders.ListAsync(_b, OrderStatus.Confirmed), o => o.Id == _aOrder);
            Assert.DoesNotContain(await _orders.ListAsync(_b, OrderStatus.AwaitingConfirmation), o => o.Id == _aOrder);
        }),
        OwnRowsOnly<ProducerOrderService>(nameof(ProducerOrderService.ExportCsvAsync), async () =>
            Assert.DoesNotContain(_aOrderNumber, await _orders.ExportCsvAsync(_b))),
        NotFound<ProducerOrderService>(nameof(ProducerOrderService.GetAsync), () => _orders.GetAsync(_b, _aOrder)),
        NotFound<ProducerOrderService>(nameof(ProducerOrderService.FindIdAsync), () => _orders.FindIdAsync(_b, _aOrderNumber)),
        NotFound<ProducerOrderService>(nameof(ProducerOrderService.MarkTransferReceivedAsync), () => _orders.MarkTransferReceivedAsync(_b, _aOrder)),
        // A's cash-on-delivery order still waits for A's call: B confirming it would move it, which the snapshot would show.
        NotFound<ProducerOrderService>(nameof(ProducerOrderService.ConfirmAsync), () => _orders.ConfirmAsync(_b, _aOrder)),
        NotFound<ProducerOrderService>(nameof(ProducerOrderService.PackAsync), () => _orders.PackAsync(_b, _aOrder)),
        NotFound<ProducerOrderService>(nameof(ProducerOrderService.ShipAsync), () => _orders.ShipAsync(_b, _aOrder, "GHN", "X1")),
        NotFound<ProducerOrderService>(nameof(ProducerOrderService.DeliverAsync), () => _orders.DeliverAsync(_b, _aOrder)),
        NotFound<ProducerOrderService>(nameof(ProducerOrderService.CancelAsync), () => _orders.CancelAsync(_b, _aOrder, "B huỷ")),
    ];

    private async Task<int> CountProductsAsync(Actor producer)
    {
        await using var db = _db.CreateDbContext();
        return await db.Products.CountAsync(p => p.ProducerId == producer.ProducerId);
    }

    /// <summary>Everything of A's that B's attempts could touch, as text: product, certificates, photos, lot, events, order, profile, files.</summary>
    private async Task<string> ProducerASnapshotAsync()
    {
        await using var db = _db.CreateDbContext();
        var product = await db.Products.AsNoTracking().Include(p => p.Certificates).Include(p => p.Images).SingleAsync(p => p.Id == _aProduct);
        var lot = await db.Lots.AsNoTracking().Include(l => l.Events).SingleAsync(l => l.Id == _aLot);
        var order = await db.Orders.AsNoTracking().Include(o => o.Events).SingleAsync(o => o.Id == _aOrder);
        var producer = await db.Producers.AsNoTracking().SingleAsync(p => p.Id == _a.ProducerId);
        string[] files = Directory.Exists(_media) ? [.. Directory.GetFiles(_media, "*", SearchOption.AllDirectories).Order()] : [];
        return string.Join(" | ",
            $"{product.Name}/{product.PriceVnd}/{product.Stock}/{product.IsPublished}/{product.Gtin}/{product.ModerationNote}",
            string.Join(",", product.Certificates.OrderBy(c => c.Id).Select(c => $"{c.Id}:{c.Stars}:{c.ScanPath}")),
            string.Join(",", product.Images.OrderBy(i => i.Id).Select(i => $"{i.Id}:{i.Position}")),
            $"{lot.Code}/{lot.Quantity}/{lot.Notes}/{lot.SerialsIssued}/{string.Join(",", lot.Events.Select(e => e.Id))}",
            $"{order.Status}/{order.IsPaid}/{order.Carrier}/{order.TrackingNumber}/{order.CancelReason}/{order.Events.Count}",
            $"{producer.Story}/{producer.Phone}/{producer.BankAccountNumber}",
            string.Join(",", files));
    }

    [SkippableFact]
    public async Task Every_portal_operation_has_a_case_and_none_lets_another_producer_reach_or_change_a_producers_rows()
    {
        var operations = PortalServices
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName).Select(m => t.Name + "." + m.Name))
            .ToList();
        Assert.Equal(operations.Count, operations.Distinct().Count()); // an overload needs its own key here first
        var cases = Cases().ToList();
        Assert.Equal(operations.Order(), cases.Select(c => c.Operation).Order()); // none missing, none stale
        Assert.All(cases.Where(c => c.Attempt is null), c => Assert.False(string.IsNullOrWhiteSpace(c.NoCaseBecause)));

        var before = await ProducerASnapshotAsync();
        foreach (var c in cases.Where(c => c.Attempt is not null))
        {
            var failure = await Record.ExceptionAsync(c.Attempt!);
            Assert.True(failure is null, $"{c.Operation}: {failure}");
            Assert.True(before == await ProducerASnapshotAsync(), $"{c.Operation} changed producer A's rows");
        }

        // A still has everything, so the refusals above were about whose rows they are, not about missing rows.
        Assert.Equal(_aProduct, (await _portal.GetAsync(_a, _aProduct)).Id);
        Assert.Equal(3, (await _lots.GetAsync(_a, _aLot)).SerialsIssued);
        // The cash order still waits for A's call, and A (unlike B above) may confirm it.
        Assert.Equal(OrderStatus.AwaitingConfirmation, (await _orders.GetAsync(_a, _aOrder)).Status);
        await _orders.ConfirmAsync(_a, _aOrder);
        Assert.Equal(OrderStatus.Confirmed, (await _orders.GetAsync(_a, _aOrder)).Status);
    }
}
