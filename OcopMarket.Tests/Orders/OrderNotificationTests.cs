using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Email.Domain;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Orders;

/// <summary>
/// Every change to an order tells the people it concerns, whoever or whatever made it: the emails are decided in
/// one place (OrderNotifications) from the events the domain records, and queued by the save that writes them.
/// </summary>
public abstract class OrderNotificationTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : OrderNotificationTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : OrderNotificationTests(DatabaseProvider.PostgreSql);

    private const string BuyerEmail = "mai@example.test";
    private TestDatabase _db = null!;
    private Actor _haoDat = null!;
    private Actor _buyer = null!;
    private int _teaId;
    private long _teaPrice;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        (_haoDat, _, _, _buyer) = await PortalTestData.CreateActorsAsync(_db);
        await using var db = _db.CreateDbContext();
        var tea = await db.Products.SingleAsync(x => x.Slug == "che-dinh-tan-cuong");
        tea.SetStock(10);
        await db.SaveChangesAsync();
        (_teaId, _teaPrice) = (tea.Id, tea.PriceVnd);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<PlacedOrder> PlaceAsync(PaymentMethod payment, string? buyerUserId = null) =>
        (await PlaceCheckoutAsync(payment, buyerUserId)).Orders.Single();

    private Task<PlacedCheckout> PlaceCheckoutAsync(PaymentMethod payment, string? buyerUserId = null) =>
        new CheckoutService(_db, _db.Clock, CheckoutOptions.Default).PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(_teaId, 2, _teaPrice)], new DeliveryAddress("Mai", "0912345678", "Số 5", "05503", "19", null),
            payment, buyerUserId, BuyerEmail));

    private async Task<List<OutboxEmail>> EmailsAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.OutboxEmails.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    [SkippableFact]
    public async Task An_order_that_expires_unpaid_tells_the_buyer_and_the_producer()
    {
        var order = await PlaceAsync(PaymentMethod.BankTransfer);
        var before = (await EmailsAsync()).Count;
        _db.Clock.Now += CheckoutOptions.Default.PaymentWindow + TimeSpan.FromMinutes(1);

        Assert.Equal(1, await new OrderExpiryService(_db, _db.Clock).ExpireDueAsync());

        var sent = (await EmailsAsync()).Skip(before).ToList();
        Assert.Equal(2, sent.Count);
        var buyer = Assert.Single(sent, e => e.To == BuyerEmail);
        Assert.Equal($"Đơn {order.Number}: đã bị huỷ: Quá hạn thanh toán", buyer.Subject);
        var producer = Assert.Single(sent, e => e.To == "haodat@test");
        Assert.Equal($"Đơn {order.Number} đã huỷ", producer.Subject);
        Assert.Contains("quá hạn thanh toán", producer.Body);
    }

    [SkippableFact]
    public async Task A_buyer_cancel_tells_the_producer_and_a_producer_cancel_tells_the_buyer()
    {
        var byBuyerCheckout = await PlaceCheckoutAsync(PaymentMethod.CashOnDelivery, _buyer.UserId);
        var byBuyer = byBuyerCheckout.Orders.Single();
        var byProducer = await PlaceAsync(PaymentMethod.CashOnDelivery, _buyer.UserId);
        var before = (await EmailsAsync()).Count;

        await new OrderQueryService(_db, _db.Clock, _db.Cards()).CancelByBuyerAsync(byBuyerCheckout.CheckoutId, byBuyer.Id, null, _buyer);
        await new ProducerOrderService(_db, _db.Clock, _db.Cards()).CancelAsync(_haoDat, byProducer.Id, "Hết hàng trong kho");

        var sent = (await EmailsAsync()).Skip(before).ToList();
        Assert.Contains(sent, e => e.To == "haodat@test" && e.Subject == $"Đơn {byBuyer.Number} đã huỷ" && e.Body.Contains("người mua huỷ"));
        Assert.Contains(sent, e => e.To == BuyerEmail && e.Subject == $"Đơn {byProducer.Number}: đã bị huỷ: Hết hàng trong kho");
        Assert.Contains(sent, e => e.To == "haodat@test" && e.Subject == $"Đơn {byProducer.Number} đã huỷ");
        Assert.Equal(4, sent.Count);
    }

    [SkippableFact]
    public async Task Every_link_in_an_order_email_is_absolute()
    {
        var order = await PlaceAsync(PaymentMethod.BankTransfer, _buyer.UserId);
        await new ProducerOrderService(_db, _db.Clock, _db.Cards()).MarkTransferReceivedAsync(_haoDat, order.Id);

        var emails = await EmailsAsync();
        Assert.Equal(4, emails.Count); // placed: buyer and producer; paid: buyer and producer
        var producerNotice = Assert.Single(emails, e => e.Subject == $"Đơn hàng mới {order.Number}");
        Assert.Contains($"http://localhost/portal/orders/number/{order.Number}", producerNotice.Body);
        foreach (var email in emails)
        {
            var paths = System.Text.RegularExpressions.Regex.Matches(email.Body, @"(?<![\w:/.])/[\w-]+/[^\s]*");
            Assert.True(paths.Count == 0, $"A relative link in “{email.Subject}”: {string.Join(", ", paths)}");
        }
        Assert.Contains(emails, e => e.To == "haodat@test" && e.Subject.Contains("đã thanh toán"));
    }

    [SkippableFact]
    public async Task A_change_that_fails_to_save_queues_no_email()
    {
        var order = await PlaceAsync(PaymentMethod.BankTransfer);
        var before = (await EmailsAsync()).Count;
        await using (var stale = _db.CreateDbContext())
        {
            var tracked = await stale.Orders.Include(o => o.Lines).Include(o => o.Events).SingleAsync(o => o.Id == order.Id);
            await new ProducerOrderService(_db, _db.Clock, _db.Cards()).MarkTransferReceivedAsync(_haoDat, order.Id);
            tracked.Cancel(CancelledBy.Producer, "Khách đổi ý", _db.Clock.GetUtcNow().UtcDateTime);
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
        }

        var sent = (await EmailsAsync()).Skip(before).ToList();
        Assert.DoesNotContain(sent, e => e.Subject.Contains("huỷ"));
        Assert.Equal(2, sent.Count); // only the payment's: buyer and producer
    }
}
