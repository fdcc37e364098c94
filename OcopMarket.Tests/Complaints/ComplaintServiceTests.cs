using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Complaints;
using OcopMarket.Core.Complaints.Domain;
using OcopMarket.Core.Legal;
using OcopMarket.Core.Media;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Traceability;
using OcopMarket.Core.Traceability.Domain;
using OcopMarket.Core.Portal;
using OcopMarket.Tests.Support;
using SkiaSharp;

namespace OcopMarket.Tests.Complaints;

/// <summary>
/// Complaints on each provider: who may open one (the signed-in buyer, a guest by the order's secret), photos through
/// the image pipeline (a refused one keeps nothing), one open per order, the producer's answer, the deadline's
/// escalation once across two runs at the same moment, the officer's decisions (a card refunded through the fake
/// Stripe once, a cash order by reference), the desk's order and rates, and every step's emails.
/// </summary>
public abstract class ComplaintServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : ComplaintServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : ComplaintServiceTests(DatabaseProvider.PostgreSql);

    private const string Tea = "che-dinh-tan-cuong";
    private static readonly DeliveryAddress Address = new("Nguyễn Thị Mai", "0912 345 678", "Số 5, ngõ 12", "05503", "19", null);
    private TestDatabase _db = null!;
    private FakeStripeApi _stripe = null!;
    private Actor _haoDat = null!, _vanHuong = null!, _officer = null!, _buyer = null!;
    private readonly string _media = Path.Combine(Path.GetTempPath(), $"ocop-complaint-media-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        _stripe = await FakeStripeApi.StartAsync();
        _stripe.Clock = () => _db.Clock.GetUtcNow();
        (_haoDat, _vanHuong, _officer, _buyer) = await PortalTestData.CreateActorsAsync(_db);
        await using var db = _db.CreateDbContext();
        var admin = await db.Roles.SingleAsync(r => r.Name == Roles.Admin);
        db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = _officer.UserId, RoleId = admin.Id });
        (await db.Products.SingleAsync(p => p.Slug == Tea)).SetStock(100);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _stripe.DisposeAsync();
        await _db.DisposeAsync();
        if (Directory.Exists(_media)) Directory.Delete(_media, recursive: true);
    }

    private ComplaintService Service() => new(_db, _db.Clock, new ProductImageProcessor(), new FileSystemMediaStore(_media),
        new LegalSettings(), _db.Cards(_stripe.Settings), new ComplaintNotifications(FixedComplaintLinks.Localhost));

    private DateTime Now => _db.Clock.GetUtcNow().UtcDateTime;

    private void Advance(TimeSpan by) => _db.Clock.Now += by;

    private static MemoryStream Png() => new(TestImages.Make(800, 600, SKEncodedImageFormat.Png));

    private int MediaFiles() => Directory.Exists(_media) ? Directory.GetFiles(_media, "*", SearchOption.AllDirectories).Length : 0;

    /// <summary>An order of the tea for <paramref name="buyer"/> (null: a guest), paid as asked, shipped and (unless told) delivered now.</summary>
    private async Task<(Order Order, PlacedCheckout Placed)> DeliveredAsync(Actor? buyer, PaymentMethod payment = PaymentMethod.CashOnDelivery, bool deliver = true)
    {
        long price;
        int id;
        await using (var db = _db.CreateDbContext())
        {
            var p = await db.Products.SingleAsync(x => x.Slug == Tea);
            (id, price) = (p.Id, p.PriceVnd);
        }
        var placed = await new CheckoutService(_db, _db.Clock, CheckoutOptions.Default with { CardPaymentsEnabled = true }).PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(id, 1, price)], Address, payment, buyer?.UserId, "mai@example.test"));
        if (payment == PaymentMethod.Card)
        {
            var cards = _db.Cards(_stripe.Settings);
            var url = await cards.StartAsync(placed.CheckoutId, placed.AccessToken, buyer, "https://shop.test/ok", "https://shop.test/back");
            var json = _stripe.EventJson("checkout.session.completed", _stripe.Complete(url.Split('/').Last()));
            Assert.Equal(WebhookOutcome.Handled, await cards.HandleWebhookAsync(json, FakeStripeApi.SignatureHeader(json, _db.Clock.GetUtcNow())));
        }
        await using var write = _db.CreateDbContext();
        var order = await write.Orders.Include(o => o.Lines).Include(o => o.Events).SingleAsync(o => o.Id == placed.Orders[0].Id);
        if (payment == PaymentMethod.CashOnDelivery) order.ConfirmByProducer(Now);
        order.Pack(Now);
        order.Ship("Viettel Post", "VTP123", Now);
        if (deliver) order.Deliver(Now);
        await write.SaveChangesAsync();
        return (order, placed);
    }

    private async Task<Complaint> ComplaintAsync(int id)
    {
        await using var db = _db.CreateDbContext();
        return await db.Set<Complaint>().AsNoTracking().Include(c => c.Events).Include(c => c.Photos).SingleAsync(c => c.Id == id);
    }

    private async Task<List<string>> EmailsToAsync(string to)
    {
        await using var db = _db.CreateDbContext();
        return await db.OutboxEmails.Where(e => e.To == to).OrderBy(e => e.Id).Select(e => e.Subject).ToListAsync();
    }

    private async Task<string> EmailOfAsync(Actor actor)
    {
        await using var db = _db.CreateDbContext();
        return await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Email!).SingleAsync();
    }

    [SkippableFact]
    public async Task The_signed_in_buyer_opens_a_complaint_with_a_photo_the_producer_is_emailed_and_another_buyer_is_refused()
    {
        var (order, placed) = await DeliveredAsync(_buyer);
        var service = Service();
        var other = new Actor(_vanHuong.UserId, null, false);

        await Assert.ThrowsAsync<NotFoundException>(() => service.ForBuyerAsync(placed.CheckoutId, order.Id, null, other));
        await Assert.ThrowsAsync<NotFoundException>(() => service.OpenAsync(placed.CheckoutId, order.Id, null, other,
            ComplaintReason.Damaged, "Hộp chè bị móp, túi rách.", [Png()]));
        Assert.Equal(0, MediaFiles());

        var id = await service.OpenAsync(placed.CheckoutId, order.Id, null, _buyer, ComplaintReason.Damaged, "Hộp chè bị móp, túi rách.", [Png()]);

        var c = await ComplaintAsync(id);
        Assert.Equal((ComplaintStatus.AwaitingProducer, order.ProducerId, _buyer.UserId), (c.Status, c.ProducerId, c.BuyerUserId));
        Assert.Single(c.Photos);
        Assert.Equal(2, MediaFiles()); // display and thumbnail, re-encoded
        Assert.Contains(await EmailsToAsync(await EmailOfAsync(_haoDat)), s => s.StartsWith("Khiếu nại mới về đơn " + order.Number));
        Assert.Contains(await EmailsToAsync("mai@example.test"), s => s.StartsWith("Đã nhận khiếu nại"));
        await using (var db = _db.CreateDbContext())
        {
            // Vietnamese then English, with absolute links (the producer's portal; the signed-in buyer's complaint page).
            var producerEmail = await EmailOfAsync(_haoDat);
            var toProducer = await db.OutboxEmails.AsNoTracking().SingleAsync(e => e.To == producerEmail && e.Subject.StartsWith("Khiếu nại mới"));
            Assert.Contains("Hãy trả lời trước", toProducer.Body);
            Assert.Contains("Please answer by", toProducer.Body);
            Assert.Contains("http://localhost" + ComplaintPaths.Producer, toProducer.Body);
            var toBuyer = await db.OutboxEmails.AsNoTracking().SingleAsync(e => e.To == "mai@example.test" && e.Subject.StartsWith("Đã nhận khiếu nại"));
            Assert.Contains("http://localhost" + ComplaintPaths.Buyer(placed.CheckoutId, order.Id, null), toBuyer.Body);
        }
        var page = await service.ForBuyerAsync(placed.CheckoutId, order.Id, null, _buyer);
        Assert.Equal(id, page.Open!.Id);
        Assert.Empty(page.MayOpenFor);
        await Assert.ThrowsAsync<DomainException>(() => service.OpenAsync(placed.CheckoutId, order.Id, null, _buyer,
            ComplaintReason.NotAsDescribed, "Lần thứ hai cho cùng đơn."));
    }

    [SkippableFact]
    public async Task A_guest_complains_through_the_order_link_and_a_forged_link_is_not_found()
    {
        var (order, placed) = await DeliveredAsync(null);
        var service = Service();
        await Assert.ThrowsAsync<NotFoundException>(() => service.OpenAsync(placed.CheckoutId, order.Id, placed.AccessToken + "x", null,
            ComplaintReason.NotAsDescribed, "Chè không phải Tân Cương như mô tả."));
        await Assert.ThrowsAsync<NotFoundException>(() => service.ForBuyerAsync(placed.CheckoutId, order.Id, null, null));

        var id = await service.OpenAsync(placed.CheckoutId, order.Id, placed.AccessToken, null, ComplaintReason.NotAsDescribed, "Chè không phải Tân Cương như mô tả.");

        Assert.Null((await ComplaintAsync(id)).BuyerUserId);
        var summary = Assert.Single(await service.ForCheckoutAsync(placed.CheckoutId, placed.AccessToken, null));
        Assert.Equal((ComplaintStatus.AwaitingProducer, false), (summary.Status, summary.MayOpen));
    }

    [SkippableFact]
    public async Task A_forged_photo_refuses_the_complaint_and_keeps_nothing()
    {
        var (order, placed) = await DeliveredAsync(_buyer);
        var forged = new MemoryStream("<?php system($_GET['c']); ?>"u8.ToArray());

        await Assert.ThrowsAsync<ImageRejectedException>(() => Service().OpenAsync(placed.CheckoutId, order.Id, null, _buyer,
            ComplaintReason.Damaged, "Hộp chè bị móp, túi rách.", [Png(), forged]));

        Assert.Equal(0, MediaFiles()); // the first photo's files were removed too
        await using var db = _db.CreateDbContext();
        Assert.False(await db.Set<Complaint>().AnyAsync(c => c.OrderId == order.Id));
    }

    [SkippableFact]
    public async Task Too_late_or_too_early_is_refused_with_the_reason()
    {
        var (inTransit, placed) = await DeliveredAsync(_buyer, deliver: false);
        var service = Service();
        var page = await service.ForBuyerAsync(placed.CheckoutId, inTransit.Id, null, _buyer);
        Assert.Empty(page.MayOpenFor);
        Assert.NotNull(page.WhyNot);
        Advance(Complaint.NotReceivedAfterShipping);
        Assert.Equal([ComplaintReason.NotReceived], (await service.ForBuyerAsync(placed.CheckoutId, inTransit.Id, null, _buyer)).MayOpenFor);

        var (delivered, placed2) = await DeliveredAsync(_buyer);
        Advance(TimeSpan.FromDays(new LegalSettings().ReturnDays) + TimeSpan.FromMinutes(1));
        var late = await Assert.ThrowsAsync<DomainException>(() => service.OpenAsync(placed2.CheckoutId, delivered.Id, null, _buyer,
            ComplaintReason.Damaged, "Hộp chè bị móp, túi rách."));
        Assert.Contains("7 days", late.Text.En);
    }

    [SkippableFact]
    public async Task The_producer_answers_another_producer_cannot_and_the_buyer_accepting_a_refund_of_a_card_order_refunds_it_once()
    {
        var (order, placed) = await DeliveredAsync(_buyer, PaymentMethod.Card);
        var service = Service();
        var id = await service.OpenAsync(placed.CheckoutId, order.Id, null, _buyer, ComplaintReason.Damaged, "Hộp chè bị móp, túi rách.");

        await Assert.ThrowsAsync<NotFoundException>(() => service.AnswerAsync(_vanHuong, id, ComplaintOffer.Refund, "Hoàn tiền"));
        Assert.DoesNotContain(await service.ForProducerAsync(_vanHuong), c => c.Id == id);
        await Assert.ThrowsAsync<ForbiddenException>(() => service.AnswerAsync(_buyer, id, ComplaintOffer.Refund, "Hoàn tiền"));

        Advance(TimeSpan.FromHours(5));
        await service.AnswerAsync(_haoDat, id, ComplaintOffer.Refund, "Xin lỗi chị, shop hoàn tiền toàn bộ.");
        Assert.Contains(await EmailsToAsync("mai@example.test"), s => s.StartsWith("Nhà sản xuất đã trả lời"));
        var mine = Assert.Single(await service.ForProducerAsync(_haoDat), c => c.Id == id);
        Assert.Equal((ComplaintStatus.Answered, ComplaintOffer.Refund), (mine.Status, mine.Offer));

        await service.AcceptAsync(placed.CheckoutId, order.Id, null, _buyer);

        var refund = Assert.Single(_stripe.Refunds);
        Assert.Equal((order.TotalVnd, $"refund-order-{order.Id}"), (refund.Amount, refund.IdempotencyKey));
        var c = await ComplaintAsync(id);
        Assert.Equal((ComplaintStatus.Resolved, refund.Id), (c.Status, c.RefundReference));
        await using var db = _db.CreateDbContext();
        var stored = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == order.Id);
        Assert.Equal((refund.Id, OrderStatus.Delivered), (stored.RefundId, stored.Status));
        await Assert.ThrowsAsync<NotFoundException>(() => service.AcceptAsync(placed.CheckoutId, order.Id, null, _buyer)); // nothing open now
    }

    [SkippableFact]
    public async Task Past_the_deadline_two_runs_at_once_escalate_it_once_and_everyone_is_told_once()
    {
        var (order, placed) = await DeliveredAsync(_buyer);
        var service = Service();
        var id = await service.OpenAsync(placed.CheckoutId, order.Id, null, _buyer, ComplaintReason.Damaged, "Hộp chè bị móp, túi rách.");
        Assert.Equal(0, await service.EscalateOverdueAsync());
        var c = await ComplaintAsync(id);
        _db.Clock.Now = new DateTimeOffset(c.AnswerDueAt, TimeSpan.Zero).AddMinutes(1);
        // On read it is the officer's already, before any worker ran.
        Assert.True(Assert.Single((await service.DeskAsync(_officer)).Open).WithOfficer);
        await Assert.ThrowsAsync<DomainException>(() => service.AnswerAsync(_haoDat, id, ComplaintOffer.Refund, "Muộn"));

        var runs = await Task.WhenAll(Service().EscalateOverdueAsync(), Service().EscalateOverdueAsync());

        Assert.Equal(1, runs.Sum());
        c = await ComplaintAsync(id);
        Assert.Equal((ComplaintStatus.WithOfficer, ComplaintParty.Deadline), (c.Status, c.EscalatedBy));
        Assert.Single(c.Events, e => e.Step == ComplaintStep.Escalated);
        Assert.Single(await EmailsToAsync("admin@test"), s => s.Contains("chờ quyết định"));
        Assert.Single(await EmailsToAsync("mai@example.test"), s => s.Contains("đã chuyển cho cán bộ"));
    }

    [SkippableFact]
    public async Task The_officer_refunds_a_card_order_through_Stripe_once_and_the_buyer_and_producer_are_told()
    {
        var (order, placed) = await DeliveredAsync(_buyer, PaymentMethod.Card);
        var service = Service();
        var id = await service.OpenAsync(placed.CheckoutId, order.Id, null, _buyer, ComplaintReason.CounterfeitLabel, "Nhãn QR báo đã quét 40 lần.");
        await Assert.ThrowsAsync<DomainException>(() => service.DecideAsync(_officer, id, ComplaintDecision.Refund, null, null)); // not theirs yet
        await Assert.ThrowsAsync<ForbiddenException>(() => service.DecideAsync(_haoDat, id, ComplaintDecision.Refund, null, null));
        Assert.Empty(_stripe.Refunds);
        await service.AnswerAsync(_haoDat, id, ComplaintOffer.ReplyOnly, "Nhãn của chúng tôi là thật.");
        await service.EscalateAsync(placed.CheckoutId, order.Id, null, _buyer, "Tôi không đồng ý.");

        await service.DecideAsync(_officer, id, ComplaintDecision.Refund, "Có dấu hiệu nhãn bị sao chép.", null);

        var refund = Assert.Single(_stripe.Refunds);
        Assert.Equal(order.TotalVnd, refund.Amount);
        var c = await ComplaintAsync(id);
        Assert.Equal((ComplaintStatus.Decided, ComplaintDecision.Refund, refund.Id), (c.Status, c.Decision, c.RefundReference));
        Assert.Equal([ComplaintStep.Opened, ComplaintStep.Answered, ComplaintStep.Escalated, ComplaintStep.Decided], c.Events.Select(e => e.Step));
        Assert.Contains(await EmailsToAsync("mai@example.test"), s => s.StartsWith("Quyết định về khiếu nại"));
        Assert.Contains(await EmailsToAsync(await EmailOfAsync(_haoDat)), s => s.StartsWith("Quyết định về khiếu nại"));
        var view = (await service.ForBuyerAsync(placed.CheckoutId, order.Id, null, _buyer)).Complaints[0];
        Assert.True(view.CardRefunded);
        await Assert.ThrowsAsync<DomainException>(() => service.DecideAsync(_officer, id, ComplaintDecision.Refund, null, null));
        Assert.Single(_stripe.Refunds);
    }

    [SkippableFact]
    public async Task A_cash_order_is_refunded_by_the_officers_transfer_reference_and_a_rejection_needs_a_reason()
    {
        var (order, placed) = await DeliveredAsync(_buyer);
        var service = Service();
        var id = await service.OpenAsync(placed.CheckoutId, order.Id, null, _buyer, ComplaintReason.NotAsDescribed, "Chè không phải Tân Cương như mô tả.");
        var c = await ComplaintAsync(id);
        _db.Clock.Now = new DateTimeOffset(c.AnswerDueAt, TimeSpan.Zero).AddHours(1);

        await Assert.ThrowsAsync<DomainException>(() => service.DecideAsync(_officer, id, ComplaintDecision.Rejected, " ", null));
        await Assert.ThrowsAsync<DomainException>(() => service.DecideAsync(_officer, id, ComplaintDecision.Refund, null, " "));
        await service.DecideAsync(_officer, id, ComplaintDecision.Refund, null, "VCB 0011223344");

        c = await ComplaintAsync(id);
        Assert.Equal(("VCB 0011223344", ComplaintParty.Deadline), (c.RefundReference, c.EscalatedBy));
        Assert.Empty(_stripe.Refunds);
        Assert.Equal([ComplaintStep.Opened, ComplaintStep.Escalated, ComplaintStep.Decided], c.Events.Select(e => e.Step));
    }

    [SkippableFact]
    public async Task The_desk_lists_open_complaints_oldest_first_and_each_producers_rate_over_delivered_orders()
    {
        var service = Service();
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var (order, placed) = await DeliveredAsync(_buyer);
            if (i < 2) ids.Add(await service.OpenAsync(placed.CheckoutId, order.Id, null, _buyer, ComplaintReason.Damaged, $"Hộp chè số {i} bị móp."));
            Advance(TimeSpan.FromHours(3));
        }
        await Assert.ThrowsAsync<ForbiddenException>(() => service.DeskAsync(_haoDat));

        var desk = await service.DeskAsync(_officer);

        Assert.Equal(ids, desk.Open.Select(c => c.Id));
        Assert.Equal([0, 0], desk.Open.Select(c => c.DaysOpen));
        var rate = Assert.Single(desk.Rates);
        Assert.Equal((_haoDat.ProducerId!.Value, 2, 3), (rate.ProducerId, rate.Complaints, rate.DeliveredOrders));
        Assert.Equal(2.0 / 3, rate.Rate!.Value, 3);
    }

    [SkippableFact]
    public async Task A_report_of_a_unit_label_keeps_the_scans_details_as_the_server_read_them_and_a_forged_serial_is_refused()
    {
        var store = new FileSystemMediaStore(_media);
        var keys = new SerialKeyStore(_db, null);
        var lots = new LotService(_db, _db.Clock, keys, new ProductPhotoService(_db, new ProductImageProcessor(), store), store);
        int teaId;
        await using (var db = _db.CreateDbContext()) teaId = await db.Products.Where(p => p.Slug == Tea).Select(p => p.Id).SingleAsync();
        var lotId = await lots.CreateAsync(_haoDat, teaId, "tc-2611-09", new LotInput(new DateOnly(2026, 11, 18), new DateOnly(2028, 5, 1), 200, null,
            null, [new RawMaterial("Búp chè", "05503", "19", null)]));
        await lots.IssueSerialsAsync(_haoDat, lotId, 3);
        var label = (await lots.LabelsAsync(_haoDat, lotId, firstSerial: 2, count: 1))[0];
        var code = (await lots.GetAsync(_haoDat, lotId)).PublicCode;
        var scans = new ScanCounter(_db);
        var trace = new TraceabilityService(_db, _db.Clock, keys, scans, new TraceabilityOptions(2), _db.PageChanges);
        for (var i = 0; i < 3; i++) await trace.ResolveAsync(TraceAddress.Short(code, label.Serial));
        await scans.FlushAsync();
        var reports = new LabelReportService(_db, _db.Clock, trace);

        await Assert.ThrowsAsync<NotFoundException>(() => reports.ReportAsync(TraceAddress.Short(code, label.Serial![..^1] + (label.Serial[^1] == 'X' ? "Y" : "X")), null, "giả", null));
        await Assert.ThrowsAsync<NotFoundException>(() => reports.ReportAsync(TraceAddress.Short(code), null, "giả", null));
        await reports.ReportAsync(TraceAddress.Short(code, label.Serial), "0912 000 111", "Mua ở chợ, nhãn mờ.", _buyer);

        var listed = Assert.Single(await reports.ListAsync(_officer));
        Assert.Equal(("TC-2611-09", 3L, "0912 000 111", true), (listed.LotCode, listed.ScanCount, listed.Contact, listed.SignedIn));
        await Assert.ThrowsAsync<ForbiddenException>(() => reports.ListAsync(_haoDat));
        await reports.MarkReviewedAsync(_officer, listed.Id);
        Assert.NotNull(Assert.Single(await reports.ListAsync(_officer)).ReviewedAt);
        // Reporting did not count a scan.
        Assert.Equal(3, (await trace.ResolveAsync(TraceAddress.Short(code, label.Serial), countScan: false))!.UnitScan!.ScanCount);
    }
}
