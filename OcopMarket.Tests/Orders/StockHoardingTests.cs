using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Admin;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Orders;

/// <summary>
/// One visitor cannot empty the shop with cash-on-delivery orders that cost nothing to place: each waits for the
/// producer's confirmation and gives its stock back when none comes, quantities are capped, unconfirmed checkouts
/// are capped per phone and per IP, and an officer clears what one phone or IP placed in one go.
/// </summary>
public abstract class StockHoardingTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : StockHoardingTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : StockHoardingTests(DatabaseProvider.PostgreSql);

    private const string Phone = "0912345678";
    private const string Ip = "203.0.113.7";

    private TestDatabase _db = null!;
    private Actor _haoDat = null!, _officer = null!;
    private ProducerOrderService _producerOrders = null!;
    private int _teaId, _spiritId;
    private long _teaPrice, _spiritPrice;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        (_haoDat, _, _officer, _) = await PortalTestData.CreateActorsAsync(_db);
        _producerOrders = new ProducerOrderService(_db, _db.Clock, _db.Cards());
        await using var db = _db.CreateDbContext();
        var tea = await db.Products.SingleAsync(p => p.Slug == "che-dinh-tan-cuong");
        var spirit = await db.Products.SingleAsync(p => p.Slug == "ruou-nep-cai-hoa-vang");
        tea.SetStock(100);
        spirit.SetStock(100);
        await db.SaveChangesAsync();
        (_teaId, _teaPrice, _spiritId, _spiritPrice) = (tea.Id, tea.PriceVnd, spirit.Id, spirit.PriceVnd);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private CheckoutService Checkout(HoardingLimits? limits = null, TimeSpan? confirmationWindow = null) =>
        new(_db, _db.Clock, CheckoutOptions.Default with
        {
            Limits = limits ?? CheckoutOptions.Default.Limits,
            CodConfirmationWindow = confirmationWindow ?? CheckoutOptions.Default.CodConfirmationWindow,
        });

    private static CheckoutRequest Request(IReadOnlyList<CheckoutLine> lines, string phone = Phone, string? ip = Ip,
        PaymentMethod payment = PaymentMethod.CashOnDelivery) =>
        new(lines, new DeliveryAddress("Mai", phone, "Số 5", "05503", "19", null), payment, null, "mai@example.test", ClientIp: ip);

    private CheckoutLine Tea(int quantity) => new(_teaId, quantity, _teaPrice);

    private CheckoutLine Spirit(int quantity) => new(_spiritId, quantity, _spiritPrice);

    private async Task<int> TeaStockAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.Products.Where(p => p.Id == _teaId).Select(p => p.Stock).SingleAsync();
    }

    private async Task<Order> OrderAsync(int id)
    {
        await using var db = _db.CreateDbContext();
        return await db.Orders.AsNoTracking().Include(o => o.Events).SingleAsync(o => o.Id == id);
    }

    private async Task<List<string>> BuyerSubjectsAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.OutboxEmails.Where(m => m.To == "mai@example.test").OrderBy(m => m.Id).Select(m => m.Subject + "\n" + m.Body).ToListAsync();
    }

    [SkippableFact]
    public async Task An_unconfirmed_cash_order_gives_its_stock_back_after_the_window_and_both_sides_are_told()
    {
        var placed = (await Checkout(confirmationWindow: TimeSpan.FromHours(48)).PlaceAsync(Request([Tea(5)]))).Orders.Single();
        Assert.Equal(OrderStatus.AwaitingConfirmation, placed.Status);
        Assert.Equal(95, await TeaStockAsync());
        var placement = Assert.Single(await BuyerSubjectsAsync());
        Assert.Contains("Đang chờ cửa hàng xác nhận", placement);
        Assert.Contains("Waiting for the shop to confirm", placement);
        await using (var db = _db.CreateDbContext())
        {
            var toProducer = await db.OutboxEmails.SingleAsync(m => m.To == "haodat@test");
            Assert.Contains("Xác nhận đơn", toProducer.Body);
            Assert.Contains(Phone, toProducer.Body);
        }

        var expiry = new OrderExpiryService(_db, _db.Clock);
        _db.Clock.Now += TimeSpan.FromHours(48) - TimeSpan.FromMinutes(1);
        Assert.Equal(0, await expiry.ExpireDueAsync());
        Assert.Equal(95, await TeaStockAsync());

        _db.Clock.Now += TimeSpan.FromMinutes(1);
        Assert.Equal(1, await expiry.ExpireDueAsync());
        var order = await OrderAsync(placed.Id);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(CancelledBy.Expiry, order.CancelledBy);
        Assert.Equal(OrderExpiryService.NotConfirmedInTime, order.CancelReason);
        Assert.Equal(100, await TeaStockAsync());
        Assert.Equal(0, await expiry.ExpireDueAsync()); // returned once
        Assert.Equal(100, await TeaStockAsync());

        var cancelled = (await BuyerSubjectsAsync())[1];
        Assert.Contains("đã bị huỷ", cancelled);
        Assert.Contains("The shop did not confirm the order in time", cancelled);
        await using (var db = _db.CreateDbContext())
        {
            var toProducer = await db.OutboxEmails.Where(m => m.To == "haodat@test").OrderBy(m => m.Id).Select(m => m.Body).ToListAsync();
            Assert.Equal(2, toProducer.Count);
            Assert.Contains("quá hạn xác nhận", toProducer[1]);
        }
    }

    [SkippableFact]
    public async Task The_producers_confirmation_tells_the_buyer_and_keeps_the_order_past_the_window()
    {
        var placed = (await Checkout().PlaceAsync(Request([Tea(2)]))).Orders.Single();
        await _producerOrders.ConfirmAsync(_haoDat, placed.Id);
        await _producerOrders.ConfirmAsync(_haoDat, placed.Id); // a double click sends nothing more

        var toBuyer = await BuyerSubjectsAsync();
        Assert.Equal(2, toBuyer.Count);
        Assert.Contains("đã được cửa hàng xác nhận", toBuyer[1]);
        Assert.Contains("was confirmed by the shop", toBuyer[1]);

        _db.Clock.Now += TimeSpan.FromDays(10);
        Assert.Equal(0, await new OrderExpiryService(_db, _db.Clock).ExpireDueAsync());
        Assert.Equal(OrderStatus.Confirmed, (await OrderAsync(placed.Id)).Status);
        Assert.Equal(98, await TeaStockAsync());
    }

    [SkippableFact]
    public async Task The_portal_lists_orders_to_confirm_first()
    {
        var first = (await Checkout().PlaceAsync(Request([Tea(1)]))).Orders.Single();
        await _producerOrders.ConfirmAsync(_haoDat, first.Id);
        _db.Clock.Now += TimeSpan.FromMinutes(5);
        var second = (await Checkout().PlaceAsync(Request([Tea(1)]))).Orders.Single();
        _db.Clock.Now += TimeSpan.FromMinutes(5);
        var third = (await Checkout().PlaceAsync(Request([Tea(1)], payment: PaymentMethod.BankTransfer))).Orders.Single();

        var rows = await _producerOrders.ListAsync(_haoDat, null);
        Assert.Equal([second.Id, third.Id, first.Id], rows.Select(r => r.Id));
    }

    [SkippableFact]
    public async Task Quantities_above_the_caps_are_refused_in_both_languages_and_reserve_nothing()
    {
        var line = await Assert.ThrowsAsync<DomainException>(() => Checkout().PlaceAsync(Request([Tea(21)])));
        Assert.Equal(new UserText(
            "Mỗi sản phẩm đặt tối đa 20 trong một lần. Cần số lượng lớn hơn, vui lòng liên hệ trực tiếp nhà sản xuất.",
            "You can order at most 20 of each product at a time. For larger quantities, please contact the producer directly."), line.Text);
        await Checkout().PlaceAsync(Request([Tea(20)])); // the cap itself is allowed

        var total = await Assert.ThrowsAsync<DomainException>(() =>
            Checkout(new HoardingLimits(20, 30, 3, 5)).PlaceAsync(Request([Tea(16), Spirit(15)], phone: "0987654321")));
        Assert.Equal("One checkout can hold at most 30 items. Please split it up, or contact the producer directly.", total.Text.En);
        Assert.Equal("Một lần đặt hàng tối đa 30 sản phẩm. Vui lòng chia thành nhiều lần, hoặc liên hệ trực tiếp nhà sản xuất.", total.Text.Vi);
        Assert.Equal(80, await TeaStockAsync()); // only the accepted 20
    }

    [SkippableFact]
    public async Task One_phone_holds_only_so_many_unconfirmed_cash_checkouts_until_a_shop_confirms_one()
    {
        var checkout = Checkout(new HoardingLimits(20, 50, MaxUnconfirmedCodCheckoutsPerPhone: 2, MaxUnconfirmedCodCheckoutsPerIp: 10));
        // One checkout with two producers is two orders but one checkout: it counts once.
        var first = await checkout.PlaceAsync(Request([Tea(1), Spirit(1)], phone: "0912 345 678", ip: "198.51.100.1"));
        Assert.Equal(2, first.Orders.Count);
        await checkout.PlaceAsync(Request([Tea(1)], phone: "+84912345678", ip: "198.51.100.2"));

        var refused = await Assert.ThrowsAsync<DomainException>(() => checkout.PlaceAsync(Request([Tea(1)], ip: "198.51.100.3")));
        Assert.Equal(
            "This phone number already has 2 checkouts waiting for the shop to confirm. Please wait for the shop's call, or pay by transfer.",
            refused.Text.En);
        Assert.StartsWith("Số điện thoại này đã có 2 lần đặt hàng đang chờ cửa hàng xác nhận.", refused.Text.Vi);
        Assert.Equal(98, await TeaStockAsync()); // the refused checkout's stock was rolled back

        // A transfer waits for money, not for a call: it is not capped here.
        await checkout.PlaceAsync(Request([Tea(1)], payment: PaymentMethod.BankTransfer));
        // Once the shop confirmed one, the phone may order again.
        await _producerOrders.ConfirmAsync(_haoDat, first.Orders.Single(o => o.ProducerId == _haoDat.ProducerId).Id);
        await using (var db = _db.CreateDbContext())
        {
            var spiritOrder = await db.Orders.Include(o => o.Events).SingleAsync(o => o.CheckoutId == first.CheckoutId && o.ProducerId != _haoDat.ProducerId);
            spiritOrder.ConfirmByProducer(_db.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }
        await checkout.PlaceAsync(Request([Tea(1)]));
    }

    [SkippableFact]
    public async Task One_ip_holds_only_so_many_unconfirmed_cash_checkouts_and_the_order_keeps_its_ip()
    {
        var checkout = Checkout(new HoardingLimits(20, 50, MaxUnconfirmedCodCheckoutsPerPhone: 3, MaxUnconfirmedCodCheckoutsPerIp: 2));
        var placed = await checkout.PlaceAsync(Request([Tea(1)], phone: "0911111111"));
        await checkout.PlaceAsync(Request([Tea(1)], phone: "0922222222"));
        var refused = await Assert.ThrowsAsync<DomainException>(() => checkout.PlaceAsync(Request([Tea(1)], phone: "0933333333")));
        Assert.Equal("Too many cash-on-delivery orders from your network are waiting for confirmation. Please try again later, or pay by transfer.",
            refused.Text.En);
        await checkout.PlaceAsync(Request([Tea(1)], phone: "0933333333", ip: "198.51.100.9")); // another network
        await checkout.PlaceAsync(Request([Tea(1)], phone: "0944444444", ip: null)); // no address known (a tool): only the phone cap

        Assert.Equal(Ip, (await OrderAsync(placed.Orders.Single().Id)).PlacedFromIp);
    }

    [SkippableFact]
    public async Task An_officer_cancels_every_open_order_of_one_phone_returns_the_stock_and_skips_card_paid_ones()
    {
        var checkout = Checkout();
        var hoarded = await checkout.PlaceAsync(Request([Tea(20), Spirit(20)], ip: "198.51.100.1"));
        var confirmed = (await checkout.PlaceAsync(Request([Tea(20)], ip: "198.51.100.2"))).Orders.Single();
        await _producerOrders.ConfirmAsync(_haoDat, confirmed.Id);
        var transfer = (await checkout.PlaceAsync(Request([Tea(5)], payment: PaymentMethod.BankTransfer))).Orders.Single();
        var stranger = (await checkout.PlaceAsync(Request([Tea(3)], phone: "0987654321", ip: "192.0.2.50"))).Orders.Single();
        // A card order already paid: it needs a refund, which the bulk cancel leaves to the officer.
        var paidByCard = (await new CheckoutService(_db, _db.Clock, CheckoutOptions.Default with { CardPaymentsEnabled = true })
            .PlaceAsync(Request([Tea(2)], payment: PaymentMethod.Card))).Orders.Single();
        await using (var db = _db.CreateDbContext())
        {
            (await db.Orders.Include(o => o.Events).SingleAsync(o => o.Id == paidByCard.Id)).MarkPaidByCard("pi_1", _db.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }
        Assert.Equal(100 - 20 - 20 - 5 - 3 - 2, await TeaStockAsync());
        var admin = new ProgramAdminService(_db, _db.Clock);

        var found = await admin.OpenOrdersFromAsync(_officer, "0912 345 678");
        Assert.Equal(5, found.Count); // two from the first checkout, the confirmed one, the transfer, the card
        Assert.Single(found, o => o.NeedsRefund);
        Assert.DoesNotContain(found, o => o.Id == stranger.Id);

        await Assert.ThrowsAsync<DomainException>(() => admin.CancelOpenOrdersFromAsync(_officer, Phone, " "));
        var result = await admin.CancelOpenOrdersFromAsync(_officer, "0912 345 678", "Đặt giữ hàng hàng loạt");

        Assert.Equal(4, result.Cancelled.Count);
        Assert.Equal([paidByCard.Number], result.SkippedPaidByCard);
        Assert.Equal(100 - 3 - 2, await TeaStockAsync()); // everything but the stranger's and the paid card order came back
        await using (var db = _db.CreateDbContext())
        {
            var orders = await db.Orders.AsNoTracking().ToListAsync();
            Assert.All(orders.Where(o => o.CheckoutId == hoarded.CheckoutId || o.Id == confirmed.Id || o.Id == transfer.Id), o =>
            {
                Assert.Equal(OrderStatus.Cancelled, o.Status);
                Assert.Equal(CancelledBy.Officer, o.CancelledBy);
                Assert.Equal("Đặt giữ hàng hàng loạt", o.CancelReason);
            });
            Assert.Equal(OrderStatus.AwaitingConfirmation, orders.Single(o => o.Id == stranger.Id).Status);
            Assert.Equal(OrderStatus.Confirmed, orders.Single(o => o.Id == paidByCard.Id).Status);
            Assert.Equal(4, await db.OutboxEmails.CountAsync(m => m.To == "mai@example.test" && m.Subject.Contains("đã bị huỷ: Đặt giữ hàng hàng loạt")));
        }
        Assert.Equal([paidByCard.Id], (await admin.OpenOrdersFromAsync(_officer, Phone)).Select(o => o.Id));
    }

    [SkippableFact]
    public async Task An_officer_finds_and_cancels_by_ip_and_a_phone_that_looks_like_a_number_is_not_taken_for_an_ip()
    {
        var checkout = Checkout();
        var fromIp = (await checkout.PlaceAsync(Request([Tea(4)], phone: "0911111111", ip: "2001:db8::1"))).Orders.Single();
        var otherIp = (await checkout.PlaceAsync(Request([Tea(4)], phone: "0922222222", ip: Ip))).Orders.Single();
        var admin = new ProgramAdminService(_db, _db.Clock);

        Assert.Equal([otherIp.Id], (await admin.OpenOrdersFromAsync(_officer, "0922222222")).Select(o => o.Id));
        var result = await admin.CancelOpenOrdersFromAsync(_officer, " 2001:DB8::1 ", "Đặt giữ hàng hàng loạt");
        Assert.Equal([fromIp.Number], result.Cancelled);
        Assert.Equal(OrderStatus.AwaitingConfirmation, (await OrderAsync(otherIp.Id)).Status);
        Assert.Equal(96, await TeaStockAsync());

        var neither = await Assert.ThrowsAsync<DomainException>(() => admin.OpenOrdersFromAsync(_officer, "mai"));
        Assert.Equal("Please enter a phone number or an IP address.", neither.Text.En);
    }
}

public class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("127.0.0.1", null)] // a proxy on this machine: capping it would cap every buyer
    [InlineData("::1", null)]
    [InlineData("10.0.0.5", null)]
    [InlineData("172.18.0.2", null)] // a container network's proxy
    [InlineData("192.168.1.10", null)]
    [InlineData("fd00::5", null)]
    public void Only_a_public_address_is_taken_for_the_buyers(string remote, string? expected) =>
        Assert.Equal(expected, ClientAddress.OfBuyer(System.Net.IPAddress.Parse(remote)));
}
