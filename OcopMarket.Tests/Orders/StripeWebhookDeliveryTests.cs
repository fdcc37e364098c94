using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Support;
using Xunit.Abstractions;

namespace OcopMarket.Tests.Orders;

/// <summary>
/// Stripe webhook deliveries that fail, repeat or race, over HTTP to the app's endpoint on its SQLite file, with the
/// real Stripe.net talking to the fake Stripe: the money paths where a slip would keep a buyer's money or lose it.
/// Each test leaves its orders settled (paid or cancelled), so the next one's stock and expiry see only its own.
/// </summary>
public sealed class StripeWebhookDeliveryTests(StripeWebFactory app, ITestOutputHelper output) : IClassFixture<StripeWebFactory>
{
    private static readonly DeliveryAddress Address = new("Nguyễn Thị Mai", "0912 345 678", "Số 5, ngõ 12", "05503", "19", null);
    private const string Tea = "che-dinh-tan-cuong";
    private const string Spirit = "ruou-nep-cai-hoa-vang";

    private T Service<T>() where T : notnull => app.Services.GetRequiredService<T>();

    private async Task<OcopDbContext> DbAsync() => await Service<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();

    /// <summary>A card checkout of tea (2) and rice spirit (1) from two producers, both in stock at 50: two orders, one session.</summary>
    private async Task<(PlacedCheckout Placed, string SessionId)> PlaceAndStartAsync(string buyerEmail = "mai@example.test")
    {
        var lines = new List<CheckoutLine>();
        await using (var db = await DbAsync())
        {
            foreach (var (slug, quantity) in new[] { (Tea, 2), (Spirit, 1) })
            {
                var product = await db.Products.SingleAsync(p => p.Slug == slug);
                product.SetStock(50);
                lines.Add(new CheckoutLine(product.Id, quantity, product.PriceVnd));
            }
            await db.SaveChangesAsync();
        }
        var placed = await Service<CheckoutService>().PlaceAsync(new CheckoutRequest(lines, Address, PaymentMethod.Card, null, buyerEmail));
        var url = await Service<CardPaymentService>().StartAsync(placed.CheckoutId, placed.AccessToken, null,
            "https://shop.test/ok", "https://shop.test/back");
        return (placed, url.Split('/').Last());
    }

    private async Task<List<Order>> OrdersAsync(Guid checkoutId)
    {
        await using var db = await DbAsync();
        return await db.Orders.Include(o => o.Lines).Include(o => o.Events).Where(o => o.CheckoutId == checkoutId).OrderBy(o => o.Id).ToListAsync();
    }

    private async Task<(int Tea, int Spirit)> StockAsync()
    {
        await using var db = await DbAsync();
        var stock = await db.Products.Where(p => p.Slug == Tea || p.Slug == Spirit).ToDictionaryAsync(p => p.Slug, p => p.Stock);
        return (stock[Tea], stock[Spirit]);
    }

    private async Task<int> TimesRecordedAsync(string eventId)
    {
        await using var db = await DbAsync();
        return await db.ProcessedWebhookEvents.CountAsync(e => e.Id == eventId);
    }

    private async Task<int> EmailsToAsync(string address)
    {
        await using var db = await DbAsync();
        return await db.OutboxEmails.CountAsync(e => e.To == address);
    }

    /// <summary>One delivery as Stripe makes it: signed now, POSTed to the app's endpoint.</summary>
    private async Task<(HttpStatusCode Status, string? Outcome)> DeliverAsync(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/stripe/webhook") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", FakeStripeApi.SignatureHeader(json, app.Clock.GetUtcNow()));
        using var response = await app.CreateClient().SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.IsSuccessStatusCode ? (string?)JsonNode.Parse(body)!["outcome"] : null);
    }

    /// <summary>The deliveries, started together: each waits at a barrier on its own thread, then all go at once.</summary>
    private async Task<(HttpStatusCode Status, string? Outcome)[]> DeliverAtOnceAsync(params string[] jsons)
    {
        using var start = new Barrier(jsons.Length);
        return await Task.WhenAll(jsons.Select(json => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await DeliverAsync(json);
        })));
    }

    /// <summary>
    /// Stripe delivers again until it gets a 2xx (for days, backing off); here, at most a few times.
    /// </summary>
    private async Task<string> RedeliverUntilAcceptedAsync(string json)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var (status, outcome) = await DeliverAsync(json);
            if (status == HttpStatusCode.OK) return outcome!;
            Assert.Equal(HttpStatusCode.InternalServerError, status); // "not applied, deliver again", never a 4xx
        }
        throw new Xunit.Sdk.XunitException("Five redeliveries were all refused.");
    }

    /// <summary>
    /// The orders' payment window closes. AdjustTime moves the clock without firing the workers' timers, so the
    /// expiry runs only when the test runs it, at the moment it chooses.
    /// </summary>
    private void PassThePaymentWindow() =>
        app.Clock.AdjustTime(app.Clock.GetUtcNow() + Service<CheckoutOptions>().PaymentWindow + TimeSpan.FromMinutes(1));

    private long Charged(string sessionId) => app.Stripe.Sessions.Single(s => s.Id == sessionId).AmountTotal;

    /// <summary>The refunds of the payment made through this session (the fake keeps those of the whole class).</summary>
    private List<FakeRefund> RefundsOf(string sessionId)
    {
        var paymentIntent = app.Stripe.Sessions.Single(s => s.Id == sessionId).PaymentIntentId;
        return [.. app.Stripe.Refunds.Where(r => r.PaymentIntentId == paymentIntent)];
    }

    private long RefundedOf(string sessionId) => RefundsOf(sessionId).Sum(r => r.Amount);

    [Fact]
    public async Task A_refund_stripe_refuses_inside_a_webhook_leaves_the_event_unrecorded_until_a_redelivery_refunds_it()
    {
        var (placed, sessionId) = await PlaceAndStartAsync();
        PassThePaymentWindow();
        Assert.Equal(2, await Service<OrderExpiryService>().ExpireDueAsync());
        // The buyer paid as the window closed; the event reaches the shop after the expiry.
        var json = app.Stripe.EventJson("checkout.session.completed", app.Stripe.Complete(sessionId), "evt_late_payment_refund_refused");

        app.Stripe.FailNext(HttpStatusCode.BadRequest); // the refund the late payment calls for
        var (status, _) = await DeliverAsync(json);

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal(0, await TimesRecordedAsync("evt_late_payment_refund_refused"));
        Assert.Equal(0, RefundedOf(sessionId));
        Assert.All(await OrdersAsync(placed.CheckoutId), o =>
        {
            Assert.Equal(OrderStatus.Cancelled, o.Status);
            Assert.Null(o.RefundId);
        });

        // Stripe has recovered when it delivers the event again.
        Assert.Equal("Handled", (await DeliverAsync(json)).Outcome);
        Assert.Equal(1, await TimesRecordedAsync("evt_late_payment_refund_refused"));
        var orders = await OrdersAsync(placed.CheckoutId);
        Assert.All(orders, o =>
        {
            Assert.Equal(OrderStatus.Cancelled, o.Status);
            Assert.True(o.IsPaid);
            Assert.NotNull(o.RefundId);
            Assert.False(o.RefundOwed);
        });
        Assert.Equal(Charged(sessionId), RefundedOf(sessionId));
        Assert.Equal(orders.Select(o => o.TotalVnd).Order(), RefundsOf(sessionId).Select(r => r.Amount).Order());

        // A further delivery changes nothing, and the stock came back once, with the expiry.
        Assert.Equal("AlreadyHandled", (await DeliverAsync(json)).Outcome);
        Assert.Equal(2, RefundsOf(sessionId).Count);
        Assert.Equal((50, 50), await StockAsync());
        Assert.Empty(app.Stripe.Refusals);
    }

    [Fact]
    public async Task Two_deliveries_of_one_payment_at_the_same_moment_confirm_the_orders_once()
    {
        for (var round = 1; round <= 3; round++) // a few rounds: the interleaving differs from one to the next
        {
            var buyer = $"mai+{round}@example.test";
            var (placed, sessionId) = await PlaceAndStartAsync(buyer);
            var emailsBefore = await EmailsToAsync(buyer);
            var eventId = $"evt_paid_twice_at_once_{round}";
            var json = app.Stripe.EventJson("checkout.session.completed", app.Stripe.Complete(sessionId), eventId);

            var deliveries = await DeliverAtOnceAsync(json, json);

            Assert.All(deliveries, d => Assert.Equal(HttpStatusCode.OK, d.Status));
            Assert.Equal(["AlreadyHandled", "Handled"], deliveries.Select(d => d.Outcome).Order());
            Assert.Equal(1, await TimesRecordedAsync(eventId));
            Assert.All(await OrdersAsync(placed.CheckoutId), o =>
            {
                Assert.Equal(OrderStatus.Confirmed, o.Status);
                Assert.Single(o.Events, e => e.Status == OrderStatus.Confirmed);
            });
            Assert.Equal(emailsBefore + 2, await EmailsToAsync(buyer)); // one "confirmed" email per order, not two
            Assert.Equal((48, 49), await StockAsync());
            Assert.Empty(RefundsOf(sessionId));
        }
    }

    [Fact]
    public async Task Two_deliveries_of_a_late_payment_at_the_same_moment_refund_it_once()
    {
        var (placed, sessionId) = await PlaceAndStartAsync();
        PassThePaymentWindow();
        Assert.Equal(2, await Service<OrderExpiryService>().ExpireDueAsync());
        const string eventId = "evt_late_payment_twice_at_once";
        var json = app.Stripe.EventJson("checkout.session.completed", app.Stripe.Complete(sessionId), eventId);

        var deliveries = await DeliverAtOnceAsync(json, json);

        // Both ask Stripe for the same refunds at once. The shop's idempotency keys make them one refund each;
        // a delivery that met the other's refund still in flight answers 500 and is delivered again.
        var outcomes = new List<string>();
        foreach (var (status, outcome) in deliveries)
            outcomes.Add(status == HttpStatusCode.OK ? outcome! : await RedeliverUntilAcceptedAsync(json));
        Assert.Single(outcomes, o => o == "Handled");
        Assert.Equal(1, await TimesRecordedAsync(eventId));
        Assert.Equal(2, RefundsOf(sessionId).Count);
        Assert.Equal(Charged(sessionId), RefundedOf(sessionId));
        Assert.All(await OrdersAsync(placed.CheckoutId), o =>
        {
            Assert.Equal(OrderStatus.Cancelled, o.Status);
            Assert.NotNull(o.RefundId);
        });
        Assert.Equal((50, 50), await StockAsync());
        Assert.Empty(app.Stripe.Refusals);
    }

    [Fact]
    public async Task The_expiry_racing_a_payment_ends_paid_or_cancelled_and_refunded_never_both_nor_neither()
    {
        var endings = new List<string>();
        for (var round = 1; round <= 4; round++)
        {
            var (placed, sessionId) = await PlaceAndStartAsync();
            PassThePaymentWindow();
            var eventId = $"evt_payment_racing_expiry_{round}";
            var json = app.Stripe.EventJson("checkout.session.completed", app.Stripe.Complete(sessionId), eventId);

            // The expiry worker's run and the webhook, at the same moment.
            using var start = new Barrier(2);
            var expiry = Task.Run(async () =>
            {
                start.SignalAndWait();
                try
                {
                    await Service<OrderExpiryService>().ExpireDueAsync();
                    return true;
                }
                catch (DbUpdateConcurrencyException)
                {
                    return false; // the payment confirmed an order first: the whole run rolled back
                }
            });
            var webhook = Task.Run(async () =>
            {
                start.SignalAndWait();
                return await DeliverAsync(json);
            });
            var expiryCompleted = await expiry;
            var (status, outcome) = await webhook;

            // Then what the system does next on its own: Stripe delivers a refused event again, the worker runs again.
            var settled = status == HttpStatusCode.OK ? outcome! : await RedeliverUntilAcceptedAsync(json);
            Assert.Equal("Handled", settled);
            if (!expiryCompleted) await Service<OrderExpiryService>().ExpireDueAsync();

            var orders = await OrdersAsync(placed.CheckoutId);
            Assert.Equal(1, await TimesRecordedAsync(eventId));
            Assert.All(orders, o => Assert.True(o.IsPaid)); // the payment is on record whichever won
            if (orders.All(o => o.Status == OrderStatus.Confirmed))
            {
                // The payment won: the orders go ahead, keep their stock, and nothing is refunded.
                Assert.All(orders, o => Assert.Null(o.RefundId));
                Assert.Equal(0, RefundedOf(sessionId));
                Assert.Equal((48, 49), await StockAsync());
                endings.Add("paid");
            }
            else
            {
                // The expiry won: every order is cancelled, its stock back once, and the money back in full.
                Assert.All(orders, o =>
                {
                    Assert.Equal(OrderStatus.Cancelled, o.Status);
                    Assert.Equal(CancelledBy.Expiry, o.CancelledBy);
                    Assert.NotNull(o.RefundId);
                    Assert.False(o.RefundOwed);
                });
                Assert.Equal(Charged(sessionId), RefundedOf(sessionId));
                Assert.Equal((50, 50), await StockAsync());
                endings.Add("cancelled and refunded");
            }
        }
        Assert.Equal(4, endings.Count);
        output.WriteLine("Endings: " + string.Join(", ", endings)); // which side won varies with the scheduling
        Assert.Empty(app.Stripe.Refusals);
    }
}
