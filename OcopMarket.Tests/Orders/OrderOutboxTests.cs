using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using OcopMarket.Core.Common;
using OcopMarket.Core.Email;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Orders;

public abstract class OrderOutboxTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : OrderOutboxTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : OrderOutboxTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;
    private readonly RecordingSender _sender = new();
    private OcopMarket.Core.Accounts.Actor _haoDat = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        (_haoDat, _, _, _) = await PortalTestData.CreateActorsAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<PlacedCheckout> PlaceAsync()
    {
        long price;
        int id;
        await using (var db = _db.CreateDbContext())
        {
            var p = await db.Products.SingleAsync(x => x.Slug == "che-dinh-tan-cuong");
            p.SetStock(10);
            await db.SaveChangesAsync();
            (id, price) = (p.Id, p.PriceVnd);
        }
        return await new CheckoutService(_db, _db.Clock, CheckoutOptions.Default).PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(id, 1, price)], new DeliveryAddress("Mai", "0912345678", "Số 5", "05503", "19", null),
            PaymentMethod.CashOnDelivery, null, "mai@example.test", (c, t) => $"https://ocop.test/don-hang/{c}?t={t}"));
    }

    private OutboxSender Outbox() => new(_db, _sender, _db.Clock, Microsoft.Extensions.Options.Options.Create(new EmailOptions()), NullLogger<OutboxSender>.Instance);

    [SkippableFact]
    public async Task Placing_queues_the_buyers_link_and_the_producers_notice_in_the_same_commit()
    {
        var placed = await PlaceAsync();
        Assert.Equal(2, await Outbox().SendDueAsync());
        var buyer = _sender.Sent.Single(m => m.To.Address == "mai@example.test");
        Assert.Contains(placed.Orders[0].Number, buyer.Subject);
        Assert.Contains($"https://ocop.test/don-hang/{placed.CheckoutId}?t={placed.AccessToken}", buyer.TextBody);
        Assert.Contains(_sender.Sent, m => m.To.Address == "haodat@test" && m.Subject.Contains("Đơn hàng mới"));
        Assert.Equal(0, await Outbox().SendDueAsync()); // nothing is sent twice
    }

    [SkippableFact]
    public async Task A_mail_server_that_is_down_delays_email_and_loses_no_order()
    {
        _sender.Fail = true;
        var placed = await PlaceAsync();
        Assert.Equal(0, await Outbox().SendDueAsync());
        await using (var db = _db.CreateDbContext())
        {
            Assert.Equal(1, await db.Orders.CountAsync(o => o.CheckoutId == placed.CheckoutId));
            var waiting = await db.OutboxEmails.ToListAsync();
            Assert.Equal(2, waiting.Count); // the buyer's and the producer's, both kept
            Assert.All(waiting, e => { Assert.Null(e.SentAt); Assert.Equal(1, e.Attempts); });
        }
        _sender.Fail = false;
        Assert.Equal(0, await Outbox().SendDueAsync()); // backing off: not yet
        _db.Clock.Now += TimeSpan.FromMinutes(1);
        Assert.Equal(2, await Outbox().SendDueAsync());
    }

    [SkippableFact]
    public async Task Each_status_change_tells_the_buyer()
    {
        var placed = await PlaceAsync();
        var orders = new ProducerOrderService(_db, _db.Clock, _db.Cards());
        await orders.ConfirmAsync(_haoDat, placed.Orders[0].Id); // cash on delivery waits for the producer's call
        await orders.PackAsync(_haoDat, placed.Orders[0].Id);
        await Assert.ThrowsAsync<DomainException>(() => orders.PackAsync(_haoDat, placed.Orders[0].Id)); // refused: no second email
        await orders.ShipAsync(_haoDat, placed.Orders[0].Id, "GHTK", "S1");
        await Outbox().SendDueAsync();
        var toBuyer = _sender.Sent.Where(m => m.To.Address == "mai@example.test").Select(m => m.Subject).ToList();
        Assert.Equal(4, toBuyer.Count); // placed, confirmed by the shop, packed, shipped
        Assert.Contains(toBuyer, s => s.Contains("đã được cửa hàng xác nhận"));
        Assert.Contains(toBuyer, s => s.Contains("đã được đóng gói"));
        Assert.Contains(toBuyer, s => s.Contains("GHTK") && s.Contains("S1"));
    }

    private sealed class RecordingSender : IEmailSender
    {
        public bool Fail { get; set; }
        public List<EmailMessage> Sent { get; } = [];

        public Task SendAsync(EmailMessage message, CancellationToken ct)
        {
            if (Fail) throw new System.Net.Sockets.SocketException(111);
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }
}
