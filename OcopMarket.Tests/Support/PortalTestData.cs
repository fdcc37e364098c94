using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Seeding;

namespace OcopMarket.Tests.Support;

/// <summary>Accounts for portal tests: two producers (seeded profiles), an officer and a buyer.</summary>
public static class PortalTestData
{
    public static async Task<(Actor HaoDat, Actor VanHuong, Actor Admin, Actor Buyer)> CreateActorsAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        await AccountSeeder.SeedRolesAsync(db);
        var haoDatId = await db.Producers.Where(p => p.Slug == "hop-tac-xa-che-hao-dat").Select(p => p.Id).SingleAsync();
        var vanHuongId = await db.Producers.Where(p => p.Slug == "hop-tac-xa-van-huong").Select(p => p.Id).SingleAsync();
        AppUser User(string email, int? producerId) => new()
        {
            Id = Guid.NewGuid().ToString(), UserName = email, NormalizedUserName = email.ToUpperInvariant(),
            Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = email, ProducerId = producerId,
        };
        var haoDat = User("haodat@test", haoDatId);
        var vanHuong = User("vanhuong@test", vanHuongId);
        var admin = User("admin@test", null);
        var buyer = User("buyer@test", null);
        db.Users.AddRange(haoDat, vanHuong, admin, buyer);
        await db.SaveChangesAsync();
        return (new Actor(haoDat.Id, haoDatId, false), new Actor(vanHuong.Id, vanHuongId, false),
                new Actor(admin.Id, null, true), new Actor(buyer.Id, null, false));
    }
}
