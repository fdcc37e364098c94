using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Media;
using OcopMarket.Core.Portal;
using OcopMarket.Core.Traceability;
using OcopMarket.Core.Traceability.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Traceability;

/// <summary>Lots, labels and the public lookup on real SQLite, through the services the portal and the page use.</summary>
public abstract class TraceabilityServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : TraceabilityServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : TraceabilityServiceTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;
    private string _media = null!;
    private LotService _lots = null!;
    private ScanCounter _scans = null!;
    private SerialKeyStore _keys = null!;
    private Actor _haoDat = null!;
    private Actor _vanHuong = null!;
    private int _teaId;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        _media = Path.Combine(Path.GetTempPath(), $"ocop-lots-{Guid.NewGuid():N}");
        var store = new FileSystemMediaStore(_media);
        _keys = new SerialKeyStore(_db, null);
        _lots = new LotService(_db, _db.Clock, _keys, new ProductPhotoService(_db, new ProductImageProcessor(), store), store);
        _scans = new ScanCounter(_db);
        (_haoDat, _vanHuong, _, _) = await PortalTestData.CreateActorsAsync(_db);
        await using var db = _db.CreateDbContext();
        _teaId = await db.Products.Where(p => p.Slug == "che-dinh-tan-cuong").Select(p => p.Id).SingleAsync();
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        if (Directory.Exists(_media)) Directory.Delete(_media, recursive: true);
    }

    private TraceabilityService Trace(int copiedAfter = 20) => new(_db, _db.Clock, _keys, _scans, new TraceabilityOptions(copiedAfter), _db.PageChanges);

    private static readonly DateOnly Today = new(2026, 11, 28);

    private async Task<int> TeaLotAsync(int serials = 5)
    {
        var id = await _lots.CreateAsync(_haoDat, _teaId, "tc-2611-01", new LotInput(Today.AddDays(-10), Today.AddMonths(18), 200, "VN-TNTC-0012",
            "Vụ thu", [new RawMaterial("Búp chè", "05503", "19", null)]));
        await _lots.AddEventAsync(_haoDat, id, new TraceEventInput(TraceEventKind.Harvest, new DateTime(2026, 11, 17, 6, 0, 0), "Đồi chè Tân Cương", "Hái tay", null, null));
        await _lots.AddEventAsync(_haoDat, id, new TraceEventInput(TraceEventKind.Inspection, new DateTime(2026, 11, 19, 9, 0, 0), "Trung tâm Kiểm nghiệm",
            "Dư lượng thuốc BVTV", "Đạt", "Trung tâm Kiểm nghiệm Thái Nguyên"));
        if (serials > 0) await _lots.IssueSerialsAsync(_haoDat, id, serials);
        return id;
    }

    [SkippableFact]
    public async Task A_lot_label_opens_the_whole_story_by_its_short_code()
    {
        var id = await TeaLotAsync();
        var detail = await _lots.GetAsync(_haoDat, id);
        Assert.Equal($"/t/{detail.PublicCode}", detail.LotPath);

        var view = await Trace().ResolveAsync(TraceAddress.Short(detail.PublicCode));
        Assert.NotNull(view);
        Assert.Equal("Chè Đinh Tân Cương", view.ProductName);
        Assert.Equal("TC-2611-01", view.LotCode);
        Assert.Equal("VN-TNTC-0012", view.GrowingAreaCode);
        Assert.Equal("Xã Tân Cương", view.RawMaterials.Single().CommuneName);
        Assert.Equal("Thái Nguyên", view.RawMaterials.Single().ProvinceName);
        Assert.Equal([TraceEventKind.Harvest, TraceEventKind.Inspection], view.Events.Select(e => e.Kind));
        Assert.Equal(new DateTime(2026, 11, 16, 23, 0, 0), view.Events[0].OccurredAt); // 06:00 in Vietnam is 23:00 UTC the day before
        Assert.Equal("Hợp tác xã chè Hảo Đạt", view.Producer.Name);
        Assert.Null(view.UnitScan);
    }

    [SkippableFact]
    public async Task With_a_gtin_labels_use_gs1_digital_link_and_only_the_14_digit_form_resolves()
    {
        await _lots.SetGtinAsync(_haoDat, _teaId, "4006381333931");
        var id = await TeaLotAsync();
        // Printed labels now carry it: it can no longer change.
        await Assert.ThrowsAsync<DomainException>(() => _lots.SetGtinAsync(_haoDat, _teaId, "96385074"));
        await Assert.ThrowsAsync<DomainException>(() => _lots.SetGtinAsync(_haoDat, _teaId, null));
        await _lots.SetGtinAsync(_haoDat, _teaId, "4006 3813 3393 1"); // the same number, spelt differently
        var labels = await _lots.LabelsAsync(_haoDat, id, firstSerial: 2, count: 2);
        Assert.Matches("^/01/04006381333931/10/TC-2611-01/21/2[0-9A-Z]{8}$", labels[0].Path);

        var serial = labels[0].Serial!;
        Assert.NotNull(await Trace().ResolveAsync(TraceAddress.Gs1("04006381333931", "TC-2611-01", serial)));
        Assert.NotNull(await Trace().ResolveAsync(TraceAddress.Gs1("04006381333931", "TC-2611-01")));
        Assert.Null(await Trace().ResolveAsync(TraceAddress.Gs1("4006381333931", "TC-2611-01")));   // not the canonical form
        Assert.Null(await Trace().ResolveAsync(TraceAddress.Gs1("04006381333931", "TC-2611-02")));  // no such lot
        Assert.Null(await Trace().ResolveAsync(TraceAddress.Gs1("09506000134352", "TC-2611-01")));  // another product's GTIN
    }

    [SkippableFact]
    public async Task A_forged_altered_or_unissued_serial_cannot_be_verified()
    {
        var id = await TeaLotAsync(serials: 5);
        var code = (await _lots.GetAsync(_haoDat, id)).PublicCode;
        var genuine = (await _lots.LabelsAsync(_haoDat, id, 5, 1))[0].Serial!;
        Assert.NotNull(await Trace().ResolveAsync(TraceAddress.Short(code, genuine)));

        Assert.Null(await Trace().ResolveAsync(TraceAddress.Short(code, genuine[..^1] + (genuine[^1] == 'A' ? 'B' : 'A'))));
        Assert.Null(await Trace().ResolveAsync(TraceAddress.Short(code, "5ABCDEFGH")));
        // Signed with the right key for unit 6, but unit 6 was never issued.
        var unissued = (await _keys.SignerAsync()).Serial(code, 6);
        Assert.Null(await Trace().ResolveAsync(TraceAddress.Short(code, unissued)));
        Assert.Null(await Trace().ResolveAsync(TraceAddress.Short("ZZZZZZZZ", genuine)));
    }

    [SkippableFact]
    public async Task Scans_are_counted_in_memory_shown_at_once_and_written_in_a_batch()
    {
        var id = await TeaLotAsync();
        var code = (await _lots.GetAsync(_haoDat, id)).PublicCode;
        var serial = (await _lots.LabelsAsync(_haoDat, id, 1, 1))[0].Serial!;
        var trace = Trace();

        var first = (await trace.ResolveAsync(TraceAddress.Short(code, serial)))!.UnitScan!;
        Assert.Equal(1, first.ScanCount);
        Assert.Equal(_db.Clock.GetUtcNow().UtcDateTime, first.FirstScannedAt);
        await using (var db = _db.CreateDbContext()) Assert.Equal(0, await db.SerialScans.CountAsync()); // nothing written on the request

        _db.Clock.Now += TimeSpan.FromMinutes(5);
        Assert.Equal(2, (await trace.ResolveAsync(TraceAddress.Short(code, serial)))!.UnitScan!.ScanCount);
        Assert.Equal(1, await _scans.FlushAsync());
        await using (var db = _db.CreateDbContext())
        {
            var row = await db.SerialScans.SingleAsync();
            Assert.Equal(2, row.Count);
            Assert.Equal(FakeClock.DefaultNow.UtcDateTime, row.FirstScannedAt);
        }
        var third = (await trace.ResolveAsync(TraceAddress.Short(code, serial)))!.UnitScan!;
        Assert.Equal(3, third.ScanCount);                                   // stored 2 + pending 1
        Assert.Equal(FakeClock.DefaultNow.UtcDateTime, third.FirstScannedAt); // the first scan ever, not this one
        Assert.Equal(1, await _scans.FlushAsync());
        await using (var db = _db.CreateDbContext()) Assert.Equal(3, (await db.SerialScans.SingleAsync()).Count);

        // Reading the data (JSON) does not count as a scan.
        Assert.Equal(3, (await trace.ResolveAsync(TraceAddress.Short(code, serial), countScan: false))!.UnitScan!.ScanCount);
    }

    /// <summary>
    /// Every unit of a lot shows the same lot, product and producer: they are read once and kept, while each unit's
    /// scan count is read live. A change to what the page shows (here an event added to the lot) is on the next
    /// scan, because the write names the pages it changes and the service drops them.
    /// </summary>
    [SkippableFact]
    public async Task A_lot_kept_between_scans_shows_a_new_event_at_once_and_counts_stay_live()
    {
        var id = await TeaLotAsync(serials: 2);
        var code = (await _lots.GetAsync(_haoDat, id)).PublicCode;
        var labels = await _lots.LabelsAsync(_haoDat, id, 1, 2);
        var trace = Trace();
        var first = (await trace.ResolveAsync(TraceAddress.Short(code, labels[0].Serial!)))!;
        Assert.Equal(2, first.Events.Count);
        Assert.Equal(1, first.UnitScan!.ScanCount);
        Assert.Equal(1, (await trace.ResolveAsync(TraceAddress.Short(code, labels[1].Serial!)))!.UnitScan!.ScanCount);
        Assert.Equal(2, (await trace.ResolveAsync(TraceAddress.Short(code, labels[0].Serial!)))!.UnitScan!.ScanCount);

        await _lots.AddEventAsync(_haoDat, id, new TraceEventInput(TraceEventKind.Processing, new DateTime(2026, 11, 20, 8, 0, 0),
            "Xưởng Tân Cương", "Sao chè trong chảo gang", null, null));

        var after = (await trace.ResolveAsync(TraceAddress.Short(code, labels[0].Serial!)))!;
        Assert.Equal([TraceEventKind.Harvest, TraceEventKind.Inspection, TraceEventKind.Processing], after.Events.Select(e => e.Kind));
        Assert.Equal(3, after.UnitScan!.ScanCount);
        Assert.Equal(after.LotId, id);
    }

    [SkippableFact]
    public async Task A_unit_scanned_far_more_than_normal_is_flagged_as_possibly_copied()
    {
        var id = await TeaLotAsync();
        var code = (await _lots.GetAsync(_haoDat, id)).PublicCode;
        var serial = (await _lots.LabelsAsync(_haoDat, id, 1, 1))[0].Serial!;
        var trace = Trace(copiedAfter: 3);
        for (var i = 1; i <= 3; i++) Assert.False((await trace.ResolveAsync(TraceAddress.Short(code, serial)))!.UnitScan!.LooksCopied);
        Assert.True((await trace.ResolveAsync(TraceAddress.Short(code, serial)))!.UnitScan!.LooksCopied);
    }

    [SkippableFact]
    public async Task A_lapsed_certificate_is_reported_as_lapsed_not_as_current_stars()
    {
        var id = await TeaLotAsync(serials: 0);
        var code = (await _lots.GetAsync(_haoDat, id)).PublicCode;
        _db.Clock.Now = _db.Clock.Now.AddYears(4);
        var view = (await Trace().ResolveAsync(TraceAddress.Short(code)))!;
        Assert.Equal(CertificateStatus.Lapsed, view.Certificate!.Status);
        Assert.Null(view.CurrentStars);
    }

    [SkippableFact]
    public async Task A_suspended_producers_label_still_verifies_but_says_so_and_offers_nothing_to_buy()
    {
        var id = await TeaLotAsync(serials: 0);
        var code = (await _lots.GetAsync(_haoDat, id)).PublicCode;
        await using (var db = _db.CreateDbContext())
        {
            var producer = await db.Producers.SingleAsync(p => p.Slug == "hop-tac-xa-che-hao-dat");
            producer.Suspend("Kiểm tra chất lượng");
            await db.SaveChangesAsync();
        }
        var view = (await Trace().ResolveAsync(TraceAddress.Short(code)))!;
        Assert.True(view.ProducerSuspended);
        Assert.False(view.ProductOnSale);
    }

    [SkippableFact]
    public async Task Another_producer_cannot_see_or_change_the_lot()
    {
        var id = await TeaLotAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => _lots.GetAsync(_vanHuong, id));
        await Assert.ThrowsAsync<NotFoundException>(() => _lots.IssueSerialsAsync(_vanHuong, id, 5));
        await Assert.ThrowsAsync<NotFoundException>(() => _lots.LabelsAsync(_vanHuong, id, null, 1));
        await Assert.ThrowsAsync<NotFoundException>(() => _lots.AddEventAsync(_vanHuong, id,
            new TraceEventInput(TraceEventKind.Shipping, new DateTime(2026, 11, 20), "Kho", "Xuất kho", null, null)));
        await Assert.ThrowsAsync<NotFoundException>(() => _lots.CreateAsync(_vanHuong, _teaId, "X1", new LotInput(Today, null, 1, null, null, [])));
        Assert.Equal(5, (await _lots.GetAsync(_haoDat, id)).SerialsIssued);
    }

    [SkippableFact]
    public async Task A_lot_code_is_unique_per_product_and_labels_need_issued_serials()
    {
        var id = await TeaLotAsync(serials: 3);
        var duplicate = await Assert.ThrowsAsync<DomainException>(() => _lots.CreateAsync(_haoDat, _teaId, "TC-2611-01", new LotInput(Today, null, 1, null, null, [])));
        Assert.Contains("TC-2611-01", duplicate.Message);
        await Assert.ThrowsAsync<DomainException>(() => _lots.LabelsAsync(_haoDat, id, firstSerial: 2, count: 5));
        Assert.Equal(21, (await _lots.LabelsAsync(_haoDat, id, null, 21)).Count);
        await Assert.ThrowsAsync<DomainException>(() => _lots.LabelsAsync(_haoDat, id, null, LotService.MaxLabelsPerSheetRun + 1));
    }

    [SkippableFact]
    public async Task A_test_result_attaches_as_pdf_or_image_and_anything_else_is_refused_and_nothing_is_kept()
    {
        var id = await TeaLotAsync(serials: 0);
        var pdf = "%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();
        await _lots.AddEventAsync(_haoDat, id, new TraceEventInput(TraceEventKind.Inspection, new DateTime(2026, 11, 20, 9, 0, 0), "Phòng thí nghiệm",
            "Phiếu kết quả", "Đạt", "Quatest 1"), new MemoryStream(pdf));
        var withPdf = (await _lots.GetAsync(_haoDat, id)).Events.Single(e => e.AttachmentUrl is not null);
        Assert.EndsWith(".pdf", withPdf.AttachmentUrl);

        var before = (await _lots.GetAsync(_haoDat, id)).Events.Count;
        await Assert.ThrowsAsync<ImageRejectedException>(() => _lots.AddEventAsync(_haoDat, id, new TraceEventInput(TraceEventKind.Packaging,
            new DateTime(2026, 11, 21, 9, 0, 0), "Xưởng", "Đóng gói", null, null), new MemoryStream("MZ not a document"u8.ToArray())));
        await Assert.ThrowsAsync<ImageRejectedException>(() => _lots.AddEventAsync(_haoDat, id, new TraceEventInput(TraceEventKind.Packaging,
            new DateTime(2026, 11, 21, 9, 0, 0), "Xưởng", "Đóng gói", null, null), new MemoryStream(new byte[ProductImageProcessor.MaxUploadBytes + 10])));
        Assert.Equal(before, (await _lots.GetAsync(_haoDat, id)).Events.Count);
        Assert.Single(Directory.GetFiles(Path.Combine(_media, "lots")));
    }
}

/// <summary>Scans recorded from many threads while flushes run: every one is written once.</summary>
public abstract class ScanCounterConcurrencyTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : ScanCounterConcurrencyTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : ScanCounterConcurrencyTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(seed: false, provider: provider);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [SkippableFact]
    public async Task No_scan_is_lost_or_counted_twice_across_concurrent_flushes()
    {
        var counter = new ScanCounter(_db);
        const int threads = 8, perThread = 2_000, units = 10;
        var at = new DateTime(2026, 11, 28, 3, 0, 0, DateTimeKind.Utc);
        using var stop = new CancellationTokenSource();
        var flushes = 0;
        var flusher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await counter.FlushAsync();
                flushes++;
            }
        });
        await Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < perThread; i++)
            {
                counter.Record(lotId: 1, serial: 1 + (i + t) % units, at.AddMilliseconds(i));
                if (i % 100 == 99) await Task.Delay(1); // let flushes interleave with the recording
            }
        })));
        await stop.CancelAsync();
        await flusher;
        await counter.FlushAsync();

        Assert.True(flushes > 1, "flushes ran while scans were recorded");
        await using var db = _db.CreateDbContext();
        var rows = await db.SerialScans.ToListAsync();
        Assert.Equal(threads * perThread, rows.Sum(r => r.Count));
        Assert.Equal(units, rows.Count);
        Assert.All(rows, r => Assert.Equal(threads * perThread / units, r.Count));
        Assert.Equal((0L, (DateTime?)null), counter.PendingFor(1, 1));
    }
}

/// <summary>
/// Each web node counts scans in memory and flushes them on its own: two nodes' flushes of the same units, at the
/// same time, add up; nothing is lost, nothing counted twice, and the first and last scan times span both nodes.
/// </summary>
public abstract class ScanCounterSeveralNodesTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : ScanCounterSeveralNodesTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : ScanCounterSeveralNodesTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(seed: false, provider: provider);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [SkippableFact]
    public async Task Two_nodes_flushing_counts_for_the_same_serials_add_up()
    {
        var nodes = new[] { new ScanCounter(_db), new ScanCounter(_db) };
        const int rounds = 20, units = 5;
        var at = new DateTime(2026, 11, 28, 3, 0, 0, DateTimeKind.Utc);
        await Task.WhenAll(nodes.Select((node, n) => Task.Run(async () =>
        {
            for (var round = 0; round < rounds; round++)
            {
                // Node 0 scans early in each round and node 1 late, so the stored span must take from both.
                for (var serial = 1; serial <= units; serial++)
                    node.Record(lotId: 1, serial, at.AddMinutes(round * 10 + n * 5 + serial));
                await node.FlushAsync();
            }
        })));

        await using var db = _db.CreateDbContext();
        var rows = await db.SerialScans.OrderBy(r => r.SerialNumber).ToListAsync();
        Assert.Equal(units, rows.Count);
        Assert.All(rows, r => Assert.Equal(2 * rounds, r.Count));
        Assert.All(rows, r => Assert.Equal(at.AddMinutes(r.SerialNumber), r.FirstScannedAt));
        Assert.All(rows, r => Assert.Equal(at.AddMinutes((rounds - 1) * 10 + 5 + r.SerialNumber), r.LastScannedAt));
    }
}
