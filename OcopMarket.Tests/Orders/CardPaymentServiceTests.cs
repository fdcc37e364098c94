using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Orders;

/// <summary>
/// Card payments end to end below the web layer: the real Stripe.net client against the fake Stripe API on a
/// loopback port, webhooks signed by Stripe's published scheme, orders on real SQLite.
/// </summary>
public abstract class CardPaymentServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : CardPaymentServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : CardPaymentServiceTests(DatabaseProvider.PostgreSql);

    private static readonly DeliveryAddress Address = new("Nguyễn Thị Mai", "0912 345 678", "Số 5, ngõ 12", "05503", "19", null);
    private const string Success = "https://shop.test/don-hang/x?the=thanh-cong";
    private const string Cancel = "https://shop.test/don-hang/x?the=chua-thanh-toan";

    private TestDatabase _db = null!;
    private FakeStripeApi _stripe = null!;
    private CardPaymentService _cards = null!;
    private CheckoutService _checkout = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        _stripe = await FakeStripeApi.StartAsync();
        _stripe.Clock = () => _db.Clock.GetUtcNow();
        _cards = _db.Cards(_stripe.Settings);
        _checkout = new CheckoutService(_db, _db.Clock, CheckoutOptions.Default with { CardPaymentsEnabled = true });
        await using var db = _db.CreateDbContext();
        foreach (var p in await db.Products.Where(p => p.Slug == "che-dinh-tan-cuong" || p.Slug == "ruou-nep-cai-hoa-vang").ToListAsync())
            p.SetStock(50);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _stripe.DisposeAsync();
        await _db.DisposeAsync();
    }

    /// <summary>A card checkout of tea (Hảo Đạt, 2) and rice spirit (another producer, 1): two orders, one payment.</summary>
    private async Task<PlacedCheckout> PlaceCardCheckoutAsync(CheckoutService? checkout = null)
    {
        await using var db = _db.CreateDbContext();
        var tea = await db.Products.SingleAsync(p => p.Slug == "che-dinh-tan-cuong");
        var spirit = await db.Products.SingleAsync(p => p.Slug == "ruou-nep-cai-hoa-vang");
        return await (checkout ?? _checkout).PlaceAsync(new CheckoutRequest(
            [new CheckoutLine(tea.Id, 2, tea.PriceVnd), new CheckoutLine(spirit.Id, 1, spirit.PriceVnd)],
            Address, PaymentMethod.Card, null, "mai@example.test"));
    }

    private async Task<List<Order>> OrdersAsync(Guid checkoutId)
    {
        await using var db = _db.CreateDbContext();
        var orders = await db.Orders.Include(o => o.Lines).Include(o => o.Events).Where(o => o.CheckoutId == checkoutId).OrderBy(o => o.Id).ToListAsync();
        Assert.Equal(2, orders.Count); // every checkout here is two producers' orders; checks over them would pass on none
        return orders;
    }

    private async Task<int> StockAsync(string slug)
    {
        await using var db = _db.CreateDbContext();
        return await db.Products.Where(p => p.Slug == slug).Select(p => p.Stock).SingleAsync();
    }

    private async Task<(PlacedCheckout Placed, string SessionId)> StartedAsync()
    {
        var placed = await PlaceCardCheckoutAsync();
        var url = await _cards.StartAsync(placed.CheckoutId, placed.AccessToken, null, Success, Cancel);
        return (placed, url.Split('/').Last());
    }

    private Task<WebhookOutcome> DeliverAsync(string json, DateTimeOffset? signedAt = null, string secret = FakeStripeApi.WebhookSecret) =>
        _cards.HandleWebhookAsync(json, FakeStripeApi.SignatureHeader(json, signedAt ?? _db.Clock.GetUtcNow(), secret));

    private async Task<(PlacedCheckout Placed, List<Order> Orders)> PaidAsync()
    {
        var (placed, sessionId) = await StartedAsync();
        Assert.Equal(WebhookOutcome.Handled, await DeliverAsync(_stripe.EventJson("checkout.session.completed", _stripe.Complete(sessionId))));
        return (placed, await OrdersAsync(placed.CheckoutId));
    }

    /// <summary>A programme officer's account: the address a payment that does not match its orders is reported to.</summary>
    private async Task<string> AddOfficerAsync()
    {
        await using var db = _db.CreateDbContext();
        var officer = new AppUser { UserName = "officer@ocop.test", Email = "officer@ocop.test", DisplayName = "Cán bộ OCOP" };
        var role = new Microsoft.AspNetCore.Identity.IdentityRole(Roles.Admin) { NormalizedName = Roles.Admin.ToUpperInvariant() };
        db.Users.Add(officer);
        db.Roles.Add(role);
        db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = officer.Id, RoleId = role.Id });
        await db.SaveChangesAsync();
        return officer.Email;
    }

    [SkippableTheory]
    [InlineData("amount", "vnd")]
    [InlineData("currency", "usd")]
    public async Task A_payment_whose_amount_or_currency_is_not_the_orders_total_leaves_them_unpaid_and_alerts_the_officers(string altered, string currency)
    {
        var officer = await AddOfficerAsync();
        var (placed, sessionId) = await StartedAsync();
        var session = _stripe.Complete(sessionId);
        var dueVnd = (await OrdersAsync(placed.CheckoutId)).Sum(o => o.TotalVnd);
        Assert.Equal(dueVnd, (long)session["amount_total"]!); // the fake reports what the session charges
        Assert.Equal("vnd", (string)session["currency"]!);
        if (altered == "amount") session["amount_total"] = dueVnd - 1_000;
        session["currency"] = currency;

        Assert.Equal(WebhookOutcome.Handled, await DeliverAsync(_stripe.EventJson("checkout.session.completed", session)));

        Assert.All(await OrdersAsync(placed.CheckoutId), o =>
        {
            Assert.False(o.IsPaid);
            Assert.Equal(OrderStatus.AwaitingPayment, o.Status);
            Assert.Null(o.CardPaymentId);
        });
        await using var db = _db.CreateDbContext();
        var alert = Assert.Single(await db.OutboxEmails.Where(e => e.To == officer).ToListAsync());
        Assert.Contains("Card payment does not match", alert.Subject);
        Assert.Contains(sessionId, alert.Body);
        Assert.Contains($"{dueVnd} VND", alert.Body);
        Assert.Empty(_stripe.Refunds); // a person decides what happens to the money
    }

    [SkippableFact]
    public async Task A_payment_of_exactly_the_orders_total_in_dong_marks_them_paid_and_alerts_no_one()
    {
        var officer = await AddOfficerAsync();
        var (_, orders) = await PaidAsync();
        Assert.All(orders, o => Assert.True(o.IsPaid));
        await using var db = _db.CreateDbContext();
        Assert.DoesNotContain(await db.OutboxEmails.Select(e => e.To).ToListAsync(), to => to == officer);
    }

    [SkippableFact]
    public async Task One_session_pays_every_card_order_of_the_checkout_in_dong_and_nothing_is_paid_yet()
    {
        var placed = await PlaceCardCheckoutAsync();
        var url = await _cards.StartAsync(placed.CheckoutId, placed.AccessToken, null, Success, Cancel);

        var session = Assert.Single(_stripe.Sessions);
        Assert.Equal(new Uri(_stripe.BaseUri, $"/pay/{session.Id}").AbsoluteUri, url);
        var orders = await OrdersAsync(placed.CheckoutId);
        Assert.Equal(orders.Sum(o => o.TotalVnd), session.AmountTotal);
        Assert.Equal("payment", session.Form["mode"]);
        // Cards only, and nothing else: a delayed method would complete the session unpaid.
        Assert.Equal(["card"], session.Form.Where(f => f.Key.StartsWith("payment_method_types[", StringComparison.Ordinal)).Select(f => f.Value));
        var currencies = session.Form.Where(f => f.Key.EndsWith("[currency]", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(currencies);
        Assert.Equal(session.Form.Keys.Count(k => k.StartsWith("line_items[", StringComparison.Ordinal) && k.EndsWith("][quantity]", StringComparison.Ordinal)), currencies.Count); // one per line item
        Assert.All(currencies, f => Assert.Equal("vnd", f.Value));
        Assert.Equal(placed.CheckoutId.ToString(), session.Form["metadata[checkout_id]"]);
        Assert.Equal(Success, session.Form["success_url"]);
        Assert.Equal(Cancel, session.Form["cancel_url"]);
        Assert.Equal("mai@example.test", session.Form["customer_email"]);
        // The session closes five minutes before the orders' own payment window.
        var closes = DateTimeOffset.FromUnixTimeSeconds(long.Parse(session.Form["expires_at"], CultureInfo.InvariantCulture));
        Assert.Equal(orders.Min(o => o.PaymentDueAt!.Value) - TimeSpan.FromMinutes(5), closes.UtcDateTime);
        Assert.All(orders, o =>
        {
            Assert.Equal(session.Id, o.CardSessionId);
            Assert.Equal(OrderStatus.AwaitingPayment, o.Status);
            Assert.False(o.IsPaid);
        });
    }

    [SkippableFact]
    public async Task Coming_back_reuses_the_open_session_and_a_closed_one_is_replaced()
    {
        var placed = await PlaceCardCheckoutAsync();
        var first = await _cards.StartAsync(placed.CheckoutId, placed.AccessToken, null, Success, Cancel);
        Assert.Equal(first, await _cards.StartAsync(placed.CheckoutId, placed.AccessToken, null, Success, Cancel));
        Assert.Single(_stripe.Sessions);

        _stripe.Expire(first.Split('/').Last()); // closed at Stripe; its webhook has not arrived yet
        var second = await _cards.StartAsync(placed.CheckoutId, placed.AccessToken, null, Success, Cancel);
        Assert.NotEqual(first, second);
        Assert.All(await OrdersAsync(placed.CheckoutId), o => Assert.Equal(second.Split('/').Last(), o.CardSessionId));
    }

    [SkippableFact]
    public async Task Someone_elses_checkout_or_a_wrong_secret_is_not_found()
    {
        var placed = await PlaceCardCheckoutAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => _cards.StartAsync(placed.CheckoutId, "forged", null, Success, Cancel));
        await Assert.ThrowsAsync<NotFoundException>(() => _cards.StartAsync(placed.CheckoutId, null,
            new Actor("someone-else", null, IsAdmin: false), Success, Cancel));
        Assert.Empty(_stripe.Sessions);
    }

    [SkippableFact]
    public async Task When_stripe_fails_the_buyer_is_told_and_the_orders_wait_unchanged()
    {
        var placed = await PlaceCardCheckoutAsync();
        _stripe.FailNext(HttpStatusCode.PaymentRequired);
        var e = await Assert.ThrowsAsync<DomainException>(() => _cards.StartAsync(placed.CheckoutId, placed.AccessToken, null, Success, Cancel));
        Assert.Contains("thử lại", e.Message);
        Assert.All(await OrdersAsync(placed.CheckoutId), o =>
        {
            Assert.Null(o.CardSessionId);
            Assert.Equal(OrderStatus.AwaitingPayment, o.Status);
        });
    }

    [SkippableFact]
    public async Task A_completed_session_confirms_both_orders_and_tells_the_buyer()
    {
        var (_, orders) = await PaidAsync();
        var paymentIntent = _stripe.Sessions.Single().PaymentIntentId;
        Assert.All(orders, o =>
        {
            Assert.Equal(OrderStatus.Confirmed, o.Status);
            Assert.Equal(paymentIntent, o.CardPaymentId);
            Assert.Equal(_db.Clock.GetUtcNow().UtcDateTime, o.PaidAt);
        });
        await using var db = _db.CreateDbContext();
        Assert.Equal(2, await db.OutboxEmails.CountAsync(m => m.To == "mai@example.test" && m.Subject.Contains("đã được xác nhận")));
    }

    [SkippableFact]
    public async Task A_replayed_event_changes_nothing_the_second_time()
    {
        var (placed, sessionId) = await StartedAsync();
        var json = _stripe.EventJson("checkout.session.completed", _stripe.Complete(sessionId));
        Assert.Equal(WebhookOutcome.Handled, await DeliverAsync(json));
        _db.Clock.Now += TimeSpan.FromMinutes(1);
        Assert.Equal(WebhookOutcome.AlreadyHandled, await DeliverAsync(json)); // freshly signed, same event id

        var orders = await OrdersAsync(placed.CheckoutId);
        Assert.All(orders, o => Assert.Single(o.Events, e => e.Status == OrderStatus.Confirmed));
        await using var db = _db.CreateDbContext();
        Assert.Equal(1, await db.ProcessedWebhookEvents.CountAsync());
        Assert.Equal(2, await db.OutboxEmails.CountAsync(m => m.Subject.Contains("đã được xác nhận")));
    }

    /// <summary>
    /// Stripe retrying while the first delivery is still running, to two nodes at once: one delivery does the work,
    /// the others answer AlreadyHandled (or fail, so Stripe delivers again), and nothing happens twice.
    /// </summary>
    [SkippableFact]
    public async Task The_same_event_delivered_eight_times_at_once_is_handled_once()
    {
        var (placed, sessionId) = await StartedAsync();
        var json = _stripe.EventJson("checkout.session.completed", _stripe.Complete(sessionId));
        using var start = new Barrier(8);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            try
            {
                return await DeliverAsync(json);
            }
            catch (DbUpdateException)
            {
                return (WebhookOutcome?)null; // answered 500: Stripe delivers it again later
            }
        })));

        Assert.Equal(1, outcomes.Count(o => o == WebhookOutcome.Handled));
        Assert.All(outcomes.Where(o => o != WebhookOutcome.Handled), o => Assert.True(o is null or WebhookOutcome.AlreadyHandled));
        Assert.Equal(WebhookOutcome.AlreadyHandled, await DeliverAsync(json)); // a later retry
        var orders = await OrdersAsync(placed.CheckoutId);
        Assert.All(orders, o => Assert.Single(o.Events, e => e.Status == OrderStatus.Confirmed));
        await using var db = _db.CreateDbContext();
        Assert.Equal(1, await db.ProcessedWebhookEvents.CountAsync());
        Assert.Equal(2, await db.OutboxEmails.CountAsync(m => m.Subject.Contains("đã được xác nhận")));
    }

    [SkippableFact]
    public async Task A_forged_signature_is_rejected_and_nothing_is_paid()
    {
        var (placed, sessionId) = await StartedAsync();
        var json = _stripe.EventJson("checkout.session.completed", _stripe.Complete(sessionId));
        await Assert.ThrowsAsync<WebhookRejectedException>(() => DeliverAsync(json, secret: "whsec_someone_elses_secret"));
        await Assert.ThrowsAsync<WebhookRejectedException>(() => _cards.HandleWebhookAsync(json, null));
        await Assert.ThrowsAsync<WebhookRejectedException>(() => _cards.HandleWebhookAsync(json, "t=1,v1=00"));

        Assert.All(await OrdersAsync(placed.CheckoutId), o => Assert.Equal(OrderStatus.AwaitingPayment, o.Status));
        await using var db = _db.CreateDbContext();
        Assert.Equal(0, await db.ProcessedWebhookEvents.CountAsync());
    }

    [SkippableFact]
    public async Task A_body_altered_after_signing_is_rejected()
    {
        var (placed, sessionId) = await StartedAsync();
        var json = _stripe.EventJson("checkout.session.completed", _stripe.Complete(sessionId));
        var header = FakeStripeApi.SignatureHeader(json, _db.Clock.GetUtcNow());
        var altered = json.Replace("\"paid\"", "\"paid\" ", StringComparison.Ordinal);
        await Assert.ThrowsAsync<WebhookRejectedException>(() => _cards.HandleWebhookAsync(altered, header));
        Assert.All(await OrdersAsync(placed.CheckoutId), o => Assert.False(o.IsPaid));
    }

    [SkippableFact]
    public async Task A_stale_delivery_signed_ten_minutes_ago_is_rejected()
    {
        var (placed, sessionId) = await StartedAsync();
        var json = _stripe.EventJson("checkout.session.completed", _stripe.Complete(sessionId));
        await Assert.ThrowsAsync<WebhookRejectedException>(() => DeliverAsync(json, _db.Clock.GetUtcNow() - TimeSpan.FromMinutes(10)));
        Assert.All(await OrdersAsync(placed.CheckoutId), o => Assert.False(o.IsPaid));
        // Within Stripe's five minutes it is accepted.
        Assert.Equal(WebhookOutcome.Handled, await DeliverAsync(json, _db.Clock.GetUtcNow() - TimeSpan.FromMinutes(4)));
    }

    [SkippableFact]
    public async Task An_event_type_the_shop_does_not_act_on_is_acknowledged_and_ignored()
    {
        var (placed, sessionId) = await StartedAsync();
        var session = _stripe.Complete(sessionId);
        Assert.Equal(WebhookOutcome.Ignored, await DeliverAsync(_stripe.EventJson("checkout.session.async_payment_failed", session)));
        var unpaid = JsonNode.Parse(session.ToJsonString())!.AsObject();
        unpaid["payment_status"] = "unpaid";
        Assert.Equal(WebhookOutcome.Ignored, await DeliverAsync(_stripe.EventJson("checkout.session.completed", unpaid)));
        Assert.All(await OrdersAsync(placed.CheckoutId), o => Assert.Equal(OrderStatus.AwaitingPayment, o.Status));
    }

    [SkippableFact]
    public async Task An_expired_session_cancels_the_orders_and_gives_the_stock_back()
    {
        var teaBefore = await StockAsync("che-dinh-tan-cuong");
        var (placed, sessionId) = await StartedAsync();
        Assert.Equal(teaBefore - 2, await StockAsync("che-dinh-tan-cuong"));

        _db.Clock.Now += TimeSpan.FromHours(24) - TimeSpan.FromMinutes(5); // when the session's expires_at comes
        Assert.Equal(WebhookOutcome.Handled, await DeliverAsync(_stripe.EventJson("checkout.session.expired", _stripe.Expire(sessionId))));

        Assert.Equal(teaBefore, await StockAsync("che-dinh-tan-cuong"));
        Assert.Equal(50, await StockAsync("ruou-nep-cai-hoa-vang"));
        Assert.All(await OrdersAsync(placed.CheckoutId), o =>
        {
            Assert.Equal(OrderStatus.Cancelled, o.Status);
            Assert.Equal(CancelledBy.Expiry, o.CancelledBy);
        });
    }

    [SkippableFact]
    public async Task An_abandoned_older_session_expiring_leaves_the_orders_waiting_on_the_new_one()
    {
        var placed = await PlaceCardCheckoutAsync();
        var first = (await _cards.StartAsync(placed.CheckoutId, placed.AccessToken, null, Success, Cancel)).Split('/').Last();
        var expired = _stripe.Expire(first);
        await _cards.StartAsync(placed.CheckoutId, placed.AccessToken, null, Success, Cancel);

        Assert.Equal(WebhookOutcome.Handled, await DeliverAsync(_stripe.EventJson("checkout.session.expired", expired)));
        Assert.All(await OrdersAsync(placed.CheckoutId), o => Assert.Equal(OrderStatus.AwaitingPayment, o.Status));
        Assert.Equal(48, await StockAsync("che-dinh-tan-cuong"));
    }

    [SkippableFact]
    public async Task Money_arriving_after_the_orders_expired_is_refunded_at_once()
    {
        var (placed, sessionId) = await StartedAsync();
        _db.Clock.Now += TimeSpan.FromHours(25);
        Assert.Equal(2, await new OrderExpiryService(_db, _db.Clock).ExpireDueAsync());

        Assert.Equal(WebhookOutcome.Handled, await DeliverAsync(_stripe.EventJson("checkout.session.completed", _stripe.Complete(sessionId))));

        var orders = await OrdersAsync(placed.CheckoutId);
        Assert.All(orders, o =>
        {
            Assert.Equal(OrderStatus.Cancelled, o.Status);
            Assert.NotNull(o.RefundId);
            Assert.False(o.RefundOwed);
        });
        Assert.Equal(_stripe.Sessions.Single().AmountTotal, _stripe.Refunds.Sum(r => r.Amount));
        Assert.Equal(50, await StockAsync("che-dinh-tan-cuong")); // returned once, by the expiry
    }

    [SkippableFact]
    public async Task The_producer_cancelling_a_paid_card_order_refunds_that_order_only_and_returns_its_stock()
    {
        var (_, orders) = await PaidAsync();
        var tea = orders.Single(o => o.Lines.Any(l => l.Quantity == 2));
        var producer = new Actor("hao-dat-owner", tea.ProducerId, IsAdmin: false);
        var service = new ProducerOrderService(_db, _db.Clock, _cards);

        await service.CancelAsync(producer, tea.Id, "Hết hàng trong kho");

        var refund = Assert.Single(_stripe.Refunds);
        Assert.Equal(tea.TotalVnd, refund.Amount);
        Assert.Equal(tea.CardPaymentId, refund.PaymentIntentId);
        Assert.Equal(tea.Number, refund.Order);
        var after = await OrdersAsync(tea.CheckoutId);
        Assert.Equal(OrderStatus.Cancelled, after.Single(o => o.Id == tea.Id).Status);
        Assert.Equal(refund.Id, after.Single(o => o.Id == tea.Id).RefundId);
        Assert.Equal(OrderStatus.Confirmed, after.Single(o => o.Id != tea.Id).Status);
        Assert.Equal(50, await StockAsync("che-dinh-tan-cuong"));
        await using var db = _db.CreateDbContext();
        Assert.True(await db.OutboxEmails.AnyAsync(m => m.To == "mai@example.test" && m.Body.Contains("Đã hoàn")));
    }

    [SkippableFact]
    public async Task When_stripe_refuses_the_refund_the_order_is_not_cancelled()
    {
        var (_, orders) = await PaidAsync();
        var order = orders.Single(o => o.Lines.Any(l => l.Quantity == 2));
        var producer = new Actor("hao-dat-owner", order.ProducerId, IsAdmin: false);
        _stripe.FailNext(HttpStatusCode.BadRequest);

        var e = await Assert.ThrowsAsync<DomainException>(() => new ProducerOrderService(_db, _db.Clock, _cards).CancelAsync(producer, order.Id, "Hết hàng"));
        Assert.Contains("chưa hoàn tiền", e.Message);
        Assert.Empty(_stripe.Refunds);
        var after = (await OrdersAsync(order.CheckoutId)).Single(o => o.Id == order.Id);
        Assert.Equal(OrderStatus.Confirmed, after.Status);
        Assert.Null(after.RefundId);
        Assert.Equal(48, await StockAsync("che-dinh-tan-cuong"));
    }

    [SkippableFact]
    public async Task The_buyer_cancelling_both_paid_orders_gets_back_exactly_what_was_charged()
    {
        var (placed, orders) = await PaidAsync();
        var query = new OrderQueryService(_db, _db.Clock, _cards);

        foreach (var o in orders) await query.CancelByBuyerAsync(o.CheckoutId, o.Id, placed.AccessToken, null);

        Assert.Equal(_stripe.Sessions.Single().AmountTotal, _stripe.Refunds.Sum(r => r.Amount));
        Assert.All(await OrdersAsync(orders[0].CheckoutId), o =>
        {
            Assert.Equal(OrderStatus.Cancelled, o.Status);
            Assert.Equal(CancelledBy.Buyer, o.CancelledBy);
            Assert.NotNull(o.RefundId);
        });
    }

    [SkippableFact]
    public async Task Without_stripe_keys_cards_are_off_and_say_so()
    {
        var off = _db.Cards();
        Assert.False(off.IsEnabled);
        var placed = await PlaceCardCheckoutAsync();
        await Assert.ThrowsAsync<DomainException>(() => off.StartAsync(placed.CheckoutId, placed.AccessToken, null, Success, Cancel));
        await Assert.ThrowsAsync<WebhookRejectedException>(() => off.HandleWebhookAsync("{}", "t=1,v1=00"));

        await using var db = _db.CreateDbContext();
        var tea = await db.Products.SingleAsync(x => x.Slug == "che-dinh-tan-cuong");
        var e = await Assert.ThrowsAsync<DomainException>(() => new CheckoutService(_db, _db.Clock, CheckoutOptions.Default).PlaceAsync(
            new CheckoutRequest([new CheckoutLine(tea.Id, 1, tea.PriceVnd)], Address, PaymentMethod.Card, null, null)));
        Assert.Contains("thẻ", e.Message);
    }

    [SkippableFact]
    public async Task A_session_paid_but_not_yet_confirmed_is_not_replaced_by_a_second_one()
    {
        var (placed, sessionId) = await StartedAsync();
        var completed = _stripe.Complete(sessionId); // paid at Stripe; the webhook is still on its way
        var e = await Assert.ThrowsAsync<DomainException>(() => _cards.StartAsync(placed.CheckoutId, placed.AccessToken, null, Success, Cancel));
        Assert.Contains("đang xác nhận", e.Message);
        Assert.Single(_stripe.Sessions);

        Assert.Equal(WebhookOutcome.Handled, await DeliverAsync(_stripe.EventJson("checkout.session.completed", completed)));
        Assert.All(await OrdersAsync(placed.CheckoutId), o => Assert.Equal(OrderStatus.Confirmed, o.Status));
    }

    [SkippableFact]
    public async Task Paying_twice_through_two_sessions_refunds_the_second_payment_in_full()
    {
        var (placed, first) = await StartedAsync();
        // A second tab read the orders before the first session was attached, and opened its own.
        await using (var db = _db.CreateDbContext())
        {
            foreach (var o in await db.Orders.Where(o => o.CheckoutId == placed.CheckoutId).ToListAsync()) o.DetachCardSession();
            await db.SaveChangesAsync();
        }
        var second = (await _cards.StartAsync(placed.CheckoutId, placed.AccessToken, null, Success, Cancel)).Split('/').Last();
        Assert.NotEqual(first, second);

        Assert.Equal(WebhookOutcome.Handled, await DeliverAsync(_stripe.EventJson("checkout.session.completed", _stripe.Complete(first))));
        Assert.Equal(WebhookOutcome.Handled, await DeliverAsync(_stripe.EventJson("checkout.session.completed", _stripe.Complete(second))));

        var secondPayment = _stripe.Sessions.Single(x => x.Id == second);
        Assert.Equal(secondPayment.AmountTotal, _stripe.Refunds.Where(r => r.PaymentIntentId == secondPayment.PaymentIntentId).Sum(r => r.Amount));
        Assert.DoesNotContain(_stripe.Refunds, r => r.PaymentIntentId == _stripe.Sessions.Single(x => x.Id == first).PaymentIntentId);
        Assert.All(await OrdersAsync(placed.CheckoutId), o =>
        {
            Assert.Equal(OrderStatus.Confirmed, o.Status);
            Assert.Equal(_stripe.Sessions.Single(x => x.Id == first).PaymentIntentId, o.CardPaymentId);
            Assert.Null(o.RefundId);
        });
    }

    [SkippableFact]
    public async Task After_one_order_is_cancelled_the_old_session_is_closed_and_a_new_one_charges_only_the_other()
    {
        var (placed, first) = await StartedAsync();
        var orders = await OrdersAsync(placed.CheckoutId);
        var tea = orders.Single(o => o.Lines.Any(l => l.Quantity == 2));
        await new OrderQueryService(_db, _db.Clock, _cards).CancelByBuyerAsync(placed.CheckoutId, tea.Id, placed.AccessToken, null);

        var url = await _cards.StartAsync(placed.CheckoutId, placed.AccessToken, null, Success, Cancel);
        var second = url.Split('/').Last();
        Assert.NotEqual(first, second);
        Assert.Equal("expired", _stripe.Sessions.Single(x => x.Id == first).Status);
        Assert.Equal(orders.Single(o => o.Id != tea.Id).TotalVnd, _stripe.Sessions.Single(x => x.Id == second).AmountTotal);

        // The closed session's "expired" event changes nothing: the remaining order waits on the new one.
        Assert.Equal(WebhookOutcome.Handled, await DeliverAsync(_stripe.EventJson("checkout.session.expired", _stripe.Expire(first))));
        var remaining = (await OrdersAsync(placed.CheckoutId)).Single(o => o.Id != tea.Id);
        Assert.Equal(OrderStatus.AwaitingPayment, remaining.Status);
        Assert.Equal(second, remaining.CardSessionId);
    }

    private DateTimeOffset ExpiresAt(string sessionId) =>
        DateTimeOffset.FromUnixTimeSeconds(long.Parse(_stripe.Sessions.Single(s => s.Id == sessionId).Form["expires_at"], CultureInfo.InvariantCulture));

    [SkippableFact]
    public async Task With_a_two_day_window_the_session_stays_inside_stripes_day_when_the_shops_clock_runs_ahead()
    {
        // Two machines never agree to the second: here the shop's clock is ten seconds ahead of Stripe's.
        _stripe.Clock = () => _db.Clock.GetUtcNow() - TimeSpan.FromSeconds(10);
        var twoDays = new CheckoutService(_db, _db.Clock, CheckoutOptions.Default with { PaymentWindow = TimeSpan.FromHours(48), CardPaymentsEnabled = true });
        var placed = await PlaceCardCheckoutAsync(twoDays);

        var sessionId = (await _cards.StartAsync(placed.CheckoutId, placed.AccessToken, null, Success, Cancel)).Split('/').Last();

        Assert.Empty(_stripe.Refusals);
        Assert.InRange(ExpiresAt(sessionId), _db.Clock.GetUtcNow() + TimeSpan.FromHours(23), _stripe.Clock() + FakeStripeApi.LongestSession);
    }

    [SkippableFact]
    public async Task An_order_with_barely_half_an_hour_left_gets_no_session_stripe_would_refuse()
    {
        var placed = await PlaceCardCheckoutAsync();
        // 35 minutes left: a session closing five minutes before would live exactly Stripe's shortest 30 minutes,
        // counted from when the shop read its clock; the request reaches Stripe a moment later.
        _db.Clock.Now += CheckoutOptions.Default.PaymentWindow - TimeSpan.FromMinutes(35);
        _stripe.Clock = () => _db.Clock.GetUtcNow() + TimeSpan.FromSeconds(2);

        await Assert.ThrowsAsync<DomainException>(() => _cards.StartAsync(placed.CheckoutId, placed.AccessToken, null, Success, Cancel));

        Assert.Empty(_stripe.Refusals); // the shop said no itself, rather than asking Stripe for what it refuses
        Assert.Empty(_stripe.Sessions);
        Assert.All(await OrdersAsync(placed.CheckoutId), o => Assert.Equal(OrderStatus.AwaitingPayment, o.Status));
    }

}
