using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Legal;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Privacy.Domain;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Privacy;

/// <summary>The retention worker as the app hosts it: the app's clock moves past Legal:OrderRetentionYears.</summary>
public sealed class OrderRetentionWorkerTests
{
    [Fact]
    public async Task Past_the_retention_years_the_worker_anonymises_a_delivered_order()
    {
        await using var app = new OcopWebFactory(); // its own clock: eleven years must not pass for other tests
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>();
        var (orderId, _) = await AppOrders.PlaceTeaAsync(app, 1, PaymentMethod.CashOnDelivery, "mai@test");
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var order = await db.Orders.Include(o => o.Lines).Include(o => o.Events).SingleAsync(o => o.Id == orderId);
            var now = app.Clock.GetUtcNow().UtcDateTime;
            order.ConfirmByProducer(now);
            order.Pack(now);
            order.Ship("GHTK", "S1", now);
            order.Deliver(now);
            await db.SaveChangesAsync();
        }

        async Task<string?> PhoneAsync()
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            return await db.Orders.Where(o => o.Id == orderId).Select(o => o.Delivery!.Phone).SingleAsync();
        }
        var years = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LegalSettings>>().Value.OrderRetentionYears;
        app.Clock.AdjustTime(app.Clock.GetUtcNow().AddYears(years).AddDays(1));
        var done = await app.Clock.AdvanceUntilAsync(TimeSpan.FromMinutes(1), async () => await PhoneAsync() == "");

        Assert.True(done, "No worker anonymised the order past the retention years.");
        await using var read = await dbFactory.CreateDbContextAsync();
        var gone = await read.Orders.SingleAsync(o => o.Id == orderId);
        Assert.Equal((null, Anonymous.Buyer, OrderStatus.Delivered), (gone.BuyerEmail, gone.Delivery!.RecipientName, gone.Status));
    }
}
