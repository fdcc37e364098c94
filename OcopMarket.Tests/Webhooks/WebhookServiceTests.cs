using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Webhooks;
using OcopMarket.Core.Webhooks.Domain;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Webhooks;

/// <summary>
/// Producers' webhooks on each provider: endpoints only their own, deliveries queued in the order's own commit, and
/// sent to a real receiver on this machine, signed, retried, once.
/// </summary>
public abstract class WebhookServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : WebhookServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : WebhookServiceTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;
    private Actor _haoDat = null!, _vanHuong = null!, _buyer = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        (_haoDat, _vanHuong, _, _buyer) = await PortalTestData.CreateActorsAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private WebhookService Service(bool allowLocal = true) => new(_db, _db.Clock, Options.Create(new WebhookOptions { AllowLocalTargets = allowLocal }));

    private WebhookSender Sender(bool allowLocal = true) => new(_db, WebhookHttp.CreateClient(allowLocal), _db.Clock, NullLogger<WebhookSender>.Instance);

    private async Task<Order> PlaceAsync(PaymentMethod payment = PaymentMethod.CashOnDelivery, int quantity = 2, string phone = "0912345678")
    {
        long price;
        int id;
        await using (var db = _db.CreateDbContext())
        {
            var p = await db.Products.SingleAsync(x => x.Slug == "che-dinh-tan-cuong");
            p.SetStock(100);
            await db.SaveChangesAsync();
            (id, price) = (p.Id, p.PriceVnd);
        }
        var placed = await new CheckoutService(_db, _db.Clock, CheckoutOptions.Default).PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(id, quantity, price)], new DeliveryAddress("Mai", phone, "Số 5", "05503", "19", null),
            payment, _buyer.UserId, "mai@example.test"));
        await using var read = _db.CreateDbContext();
        return await read.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == placed.Orders[0].Id);
    }

    private async Task ChangeAsync(int orderId, Action<Order> change)
    {
        await using var db = _db.CreateDbContext();
        var order = await db.Orders.SingleAsync(o => o.Id == orderId); // lines not loaded: the queue loads them
        change(order);
        await db.SaveChangesAsync();
    }

    private async Task<List<WebhookDelivery>> DeliveriesAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.Set<WebhookDelivery>().AsNoTracking().OrderBy(d => d.Id).ToListAsync();
    }

    private DateTime Now => _db.Clock.GetUtcNow().UtcDateTime;

    [SkippableFact]
    public async Task Each_order_event_a_producer_asked_for_is_queued_with_the_order_and_no_personal_data()
    {
        var (endpointId, _) = await Service().CreateAsync(_haoDat, "https://kho.example.vn/ocop", WebhookEvents.All);
        await Service().CreateAsync(_haoDat, "https://crm.example.vn/ocop", WebhookEvents.OrderCancelled);
        await Service().CreateAsync(_vanHuong, "https://vanhuong.example.vn/hook", WebhookEvents.All); // not their order

        var order = await PlaceAsync();
        await ChangeAsync(order.Id, o => o.ConfirmByProducer(Now));
        await ChangeAsync(order.Id, o => o.Pack(Now));                       // packing is not an event anyone asked for
        await ChangeAsync(order.Id, o => o.Ship("Viettel Post", "VTP123", Now));
        await ChangeAsync(order.Id, o => o.Deliver(Now));

        var all = await DeliveriesAsync();
        Assert.Equal(["order.placed", "order.confirmed", "order.delivered"], all.Select(d => d.EventType));
        Assert.All(all, d => Assert.Equal(endpointId, d.EndpointId));
        Assert.Equal(all.Count, all.Select(d => d.EventId).Distinct().Count());

        using var placed = JsonDocument.Parse(all[0].Payload);
        var root = placed.RootElement;
        Assert.Equal(all[0].EventId, root.GetProperty("id").GetGuid());
        Assert.Equal("order.placed", root.GetProperty("type").GetString());
        var o = root.GetProperty("data").GetProperty("order");
        Assert.Equal(order.Number, o.GetProperty("number").GetString());
        Assert.Equal("awaitingConfirmation", o.GetProperty("status").GetString());
        Assert.Equal("cashOnDelivery", o.GetProperty("payment").GetString());
        Assert.Equal(order.TotalVnd, o.GetProperty("totalVnd").GetInt64());
        Assert.Equal(2, o.GetProperty("lines")[0].GetProperty("quantity").GetInt32());
        Assert.DoesNotContain("0912345678", all[0].Payload);
        Assert.DoesNotContain("Mai", all[0].Payload);
        Assert.DoesNotContain("mai@example.test", all[0].Payload);

        using var delivered = JsonDocument.Parse(all[2].Payload);
        var d2 = delivered.RootElement.GetProperty("data").GetProperty("order");
        Assert.Equal("delivered", d2.GetProperty("status").GetString());
        Assert.Equal("VTP123", d2.GetProperty("trackingNumber").GetString());
        Assert.Equal(order.TotalVnd, d2.GetProperty("totalVnd").GetInt64()); // lines loaded for a save that had none

        var cancelled = await PlaceAsync();
        await ChangeAsync(cancelled.Id, o => o.Cancel(CancelledBy.Buyer, "Đặt nhầm", Now));
        Assert.Equal(2, (await DeliveriesAsync()).Count(d => d.EventType == "order.cancelled")); // both of Hảo Đạt's endpoints
    }

    [SkippableFact]
    public async Task A_change_that_rolls_back_queues_nothing()
    {
        await Service().CreateAsync(_haoDat, "https://kho.example.vn/ocop", WebhookEvents.All);
        var order = await PlaceAsync();
        await using (var db = _db.CreateDbContext())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var o = await db.Orders.SingleAsync(x => x.Id == order.Id);
            o.ConfirmByProducer(Now);
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        Assert.Equal(["order.placed"], (await DeliveriesAsync()).Select(d => d.EventType));
    }

    [SkippableFact]
    public async Task Endpoints_are_their_producers_alone_and_bad_addresses_are_refused_in_both_languages()
    {
        var service = Service(allowLocal: false);
        var (id, secret) = await service.CreateAsync(_haoDat, " https://kho.example.vn/ocop ", WebhookEvents.OrderPlaced);
        Assert.StartsWith(WebhookEndpoint.SecretPrefix, secret);
        Assert.Equal("https://kho.example.vn/ocop", Assert.Single(await service.ListAsync(_haoDat)).Url);
        Assert.Empty(await service.ListAsync(_vanHuong));

        var duplicate = await Assert.ThrowsAsync<DomainException>(() => service.CreateAsync(_haoDat, "https://kho.example.vn/ocop", WebhookEvents.All));
        Assert.Equal("This address is already registered.", duplicate.Text.En);
        var local = await Assert.ThrowsAsync<DomainException>(() => service.CreateAsync(_haoDat, "https://10.0.0.5/hook", WebhookEvents.All));
        Assert.Contains("private", local.Text.En);
        await Assert.ThrowsAsync<DomainException>(() => service.CreateAsync(_haoDat, "http://kho.example.vn/ocop", WebhookEvents.All));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.CreateAsync(_buyer, "https://kho.example.vn/x", WebhookEvents.All));

        // Another producer's id is simply not found, whatever they try.
        await Assert.ThrowsAsync<NotFoundException>(() => service.DeleteAsync(_vanHuong, id));
        await Assert.ThrowsAsync<NotFoundException>(() => service.RotateSecretAsync(_vanHuong, id));
        await Assert.ThrowsAsync<NotFoundException>(() => service.PingAsync(_vanHuong, id));
        await Assert.ThrowsAsync<NotFoundException>(() => service.ChangeEventsAsync(_vanHuong, id, WebhookEvents.All));
        await service.PingAsync(_haoDat, id);
        var ping = Assert.Single(await service.DeliveriesAsync(_haoDat));
        Assert.Empty(await service.DeliveriesAsync(_vanHuong));
        await Assert.ThrowsAsync<NotFoundException>(() => service.RetryAsync(_vanHuong, ping.Id));

        var rotated = await service.RotateSecretAsync(_haoDat, id);
        Assert.NotEqual(secret, rotated);
        for (var i = 1; i < WebhookEndpoint.MaxPerProducer; i++) await service.CreateAsync(_haoDat, $"https://kho.example.vn/{i}", WebhookEvents.All);
        var tooMany = await Assert.ThrowsAsync<DomainException>(() => service.CreateAsync(_haoDat, "https://kho.example.vn/more", WebhookEvents.All));
        Assert.Contains("5", tooMany.Text.Vi);
        await service.DeleteAsync(_haoDat, id);
        Assert.DoesNotContain(await service.ListAsync(_haoDat), e => e.Id == id);
        await service.CreateAsync(_haoDat, "https://kho.example.vn/more", WebhookEvents.All); // room again
    }

    [SkippableFact]
    public async Task A_delivery_reaches_a_real_receiver_signed_with_the_endpoints_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, secret) = await Service().CreateAsync(_haoDat, receiver.Url, WebhookEvents.All);
        var order = await PlaceAsync();

        Assert.Equal(1, await Sender().SendDueAsync());
        var got = Assert.Single(receiver.Requests);
        Assert.Equal("/ocop/events", got.Path);
        Assert.StartsWith("application/json", got.Headers["Content-Type"]);
        Assert.True(WebhookSignature.Verify(secret, got.Headers[WebhookSignature.Header], got.Body, _db.Clock.GetUtcNow()));
        Assert.False(WebhookSignature.Verify("whsec_someone_else", got.Headers[WebhookSignature.Header], got.Body, _db.Clock.GetUtcNow()));
        Assert.Equal("order.placed", got.Headers[WebhookSender.EventTypeHeader]);
        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal(delivery.EventId.ToString(), got.Headers[WebhookSender.EventIdHeader]);
        Assert.Contains(order.Number, got.Body);
        Assert.Equal(WebhookDeliveryState.Delivered, delivery.State);
        Assert.Equal(200, delivery.LastStatusCode);

        Assert.Equal(0, await Sender().SendDueAsync()); // delivered once
        Assert.Single(receiver.Requests);
    }

    [SkippableFact]
    public async Task A_receiver_that_fails_gets_the_same_event_again_after_the_back_off_and_a_redirect_is_not_followed()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500, 302);
        var (endpointId, _) = await Service().CreateAsync(_haoDat, receiver.Url, WebhookEvents.OrderPlaced);
        await PlaceAsync();

        Assert.Equal(0, await Sender().SendDueAsync());
        var failed = Assert.Single(await DeliveriesAsync());
        Assert.Equal(WebhookDeliveryState.Pending, failed.State);
        Assert.Equal(500, failed.LastStatusCode);
        Assert.Equal("HTTP 500", failed.LastError);
        Assert.Equal(0, await Sender().SendDueAsync()); // not due yet
        Assert.Single(receiver.Requests);

        _db.Clock.Now += TimeSpan.FromMinutes(1);
        Assert.Equal(0, await Sender().SendDueAsync()); // the 302 (to the metadata address) is a failure, not followed
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Contains("redirect", (await DeliveriesAsync()).Single().LastError);

        _db.Clock.Now += TimeSpan.FromMinutes(2);
        Assert.Equal(1, await Sender().SendDueAsync());
        var bodies = receiver.Requests.Select(r => r.Body).Distinct().ToList();
        Assert.Single(bodies); // the same bytes each time
        Assert.Single(receiver.Requests.Select(r => r.Headers[WebhookSender.EventIdHeader]).Distinct());
        var done = Assert.Single(await DeliveriesAsync());
        Assert.Equal(3, done.Attempts);
        Assert.Equal(WebhookDeliveryState.Delivered, done.State);

        // The producer can send it again from the portal (their receiver lost it), same event id.
        await Service().RetryAsync(_haoDat, done.Id);
        Assert.Equal(1, await Sender().SendDueAsync());
        Assert.Equal(4, receiver.Requests.Count);
        Assert.Equal(WebhookDeliveryState.Delivered, Assert.Single(await Service().ListAsync(_haoDat), e => e.Id == endpointId).LastState);
    }

    [SkippableFact]
    public async Task Outside_development_nothing_is_sent_to_a_loopback_address_even_if_it_was_saved()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Service(allowLocal: true).CreateAsync(_haoDat, receiver.Url, WebhookEvents.All); // e.g. saved by a name later re-pointed
        await PlaceAsync();

        Assert.Equal(0, await Sender(allowLocal: false).SendDueAsync());
        Assert.Empty(receiver.Requests);
        var refused = Assert.Single(await DeliveriesAsync());
        Assert.Contains("not a public address", refused.LastError);
        Assert.Null(refused.LastStatusCode);
        Assert.Equal(WebhookDeliveryState.Pending, refused.State);
    }

    [SkippableFact]
    public async Task A_deleted_endpoint_receives_nothing_more()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, _) = await Service().CreateAsync(_haoDat, receiver.Url, WebhookEvents.All);
        await PlaceAsync();
        await Service().DeleteAsync(_haoDat, id);
        await PlaceAsync(); // after the delete: not queued at all

        Assert.Equal(0, await Sender().SendDueAsync());
        Assert.Empty(receiver.Requests);
        var gaveUp = Assert.Single(await DeliveriesAsync());
        Assert.Equal(WebhookDeliveryState.GaveUp, gaveUp.State);
        await Assert.ThrowsAsync<NotFoundException>(() => Service().RetryAsync(_haoDat, gaveUp.Id));
    }

    [SkippableFact]
    public async Task Senders_on_several_nodes_deliver_each_event_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Service().CreateAsync(_haoDat, receiver.Url, WebhookEvents.All);
        for (var i = 0; i < 12; i++) await PlaceAsync(PaymentMethod.BankTransfer, quantity: 1, phone: $"09123456{i:00}");

        var senders = Enumerable.Range(0, 4).Select(_ => Sender()).ToList();
        var sent = await Task.WhenAll(senders.Select(s => Task.Run(() => s.SendDueAsync())));
        Assert.Equal(12, sent.Sum());
        Assert.Equal(12, receiver.Requests.Count);
        Assert.Equal(12, receiver.Requests.Select(r => r.Headers[WebhookSender.EventIdHeader]).Distinct().Count());
        Assert.All(await DeliveriesAsync(), d => Assert.Equal(1, d.Attempts));
    }
}
