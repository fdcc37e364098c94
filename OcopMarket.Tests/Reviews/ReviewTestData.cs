using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Reviews;

/// <summary>Orders delivered to a buyer, written as the seed writes them, for tests that need a line to review.</summary>
internal static class ReviewTestData
{
    /// <summary>A delivered order of one product for <paramref name="userId"/>, delivered at <paramref name="deliveredAt"/>; its line's id.</summary>
    public static async Task<int> DeliveredLineAsync(IDbContextFactory<OcopDbContext> database, string userId, DateTime deliveredAt,
        string slug = "che-dinh-tan-cuong")
    {
        await using var db = await database.CreateDbContextAsync();
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        var product = await db.Products.SingleAsync(p => p.Slug == slug);
        var order = new Order("OCM-T-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), Guid.NewGuid(), product.ProducerId,
            PaymentMethod.CashOnDelivery, [new OrderLine(product.Id, product.Name, product.Unit, product.PriceVnd, 1)], 30_000, deliveredAt.AddDays(-3),
            delivery: new DeliveryAddress("Nguyễn Thị Mai", "0912000111", "Số 12 phố Hàng Bạc", "00004", "01", null),
            buyerUserId: user.Id, buyerEmail: user.Email);
        order.ConfirmByProducer(deliveredAt.AddDays(-3));
        order.Pack(deliveredAt.AddDays(-2));
        order.Ship("Viettel Post", "VTP000123", deliveredAt.AddDays(-2));
        order.Deliver(deliveredAt);
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return order.Lines[0].Id;
    }

    /// <summary>A buyer's account (no password: the component tests sign in through bUnit's authorization).</summary>
    public static async Task<Actor> BuyerAsync(IDbContextFactory<OcopDbContext> database, string displayName)
    {
        await using var db = await database.CreateDbContextAsync();
        var email = $"buyer-{Guid.NewGuid():N}@test";
        var user = new AppUser
        {
            Id = Guid.NewGuid().ToString(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
            NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = displayName,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return new Actor(user.Id, null, false);
    }
}
