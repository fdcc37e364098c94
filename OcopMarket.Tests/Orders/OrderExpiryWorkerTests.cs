using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Orders;

/// <summary>The order expiry worker as the app hosts it: its timer runs on the app's clock, which the test moves.</summary>
public sealed class OrderExpiryWorkerTests
{
    [Fact]
    public async Task Moving_the_clock_past_the_window_lets_the_worker_cancel_an_unpaid_transfer_and_return_its_stock()
    {
        // An app of its own: moving its clock a day on must not expire the orders of tests sharing a factory.
        await using var app = new OcopWebFactory();
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>();
        var (orderId, productId) = await AppOrders.PlaceTeaAsync(app, 3, PaymentMethod.BankTransfer);

        async Task<(OrderStatus Status, int Stock)> StateAsync()
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            return (await db.Orders.Where(o => o.Id == orderId).Select(o => o.Status).SingleAsync(),
                    await db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync());
        }
        Assert.Equal((OrderStatus.AwaitingPayment, 7), await StateAsync());

        // The day of the window passes at once (AdjustTime: Advance would fire the day's 43,200 scan-flush ticks one by
        // one, seconds of real time), then the clock moves a minute, the worker's period, at a time until it has run.
        app.Clock.AdjustTime(app.Clock.GetUtcNow() + app.Services.GetRequiredService<CheckoutOptions>().PaymentWindow);
        var expired = await app.Clock.AdvanceUntilAsync(TimeSpan.FromMinutes(1), async () => (await StateAsync()).Status == OrderStatus.Cancelled);

        Assert.True(expired, "No worker cancelled the order past its payment window.");
        Assert.Equal((OrderStatus.Cancelled, 10), await StateAsync());
        await using var read = await dbFactory.CreateDbContextAsync();
        Assert.Equal(CancelledBy.Expiry, await read.Orders.Where(o => o.Id == orderId).Select(o => o.CancelledBy).SingleAsync());
    }
}
