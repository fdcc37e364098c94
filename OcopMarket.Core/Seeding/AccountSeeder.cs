using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Seeding;

/// <summary>The three roles (always) and, in Development, demo accounts tied to seeded producers.</summary>
public static class AccountSeeder
{
    public const string DemoPassword = "OcopDemo2026";

    /// <summary>Demo producers: each account acts for one seeded producer profile, found by its slug.</summary>
    public static readonly IReadOnlyList<(string Email, string Name, string ProducerSlug)> DemoProducers =
    [
        ("haodat@ocopmarket.test", "HTX chè Hảo Đạt", "hop-tac-xa-che-hao-dat"),
        ("khaihoan@ocopmarket.test", "Nước mắm Khải Hoàn", "cong-ty-co-phan-thuong-mai-khai-hoan"),
        ("vanhuong@ocopmarket.test", "HTX Vân Hương", "hop-tac-xa-van-huong"),
        // Group 6: a homestay booked by the night, to try the bookings calendar with.
        ("lan@ocopmarket.test", "Lan's Homestay", "hoang-thi-lan-chu-homestay"),
    ];

    public const string DemoAdminEmail = "admin@ocopmarket.test";
    public const string DemoBuyerEmail = "buyer@ocopmarket.test";

    /// <summary>
    /// The demo officer's authenticator key (Base32), printed in the README so the admin desk can be tried with any
    /// authenticator app or <c>oathtool --totp -b</c>. Officers need a second factor, and no environment skips it; the
    /// demo accounts, this key included, exist only in Development.
    /// </summary>
    public const string DemoAdminAuthenticatorKey = "OCOPDEMOADMINTOTPSECRETKEY234567";

    public static async Task SeedRolesAsync(OcopDbContext db, CancellationToken ct = default)
    {
        foreach (var role in Roles.All)
        {
            var normalized = role.ToUpperInvariant();
            if (!await db.Roles.AnyAsync(r => r.NormalizedName == normalized, ct))
                db.Roles.Add(new IdentityRole(role) { NormalizedName = normalized });
        }
        await db.SaveChangesAsync(ct);
    }

    public static async Task SeedDemoAccountsAsync(UserManager<AppUser> users, OcopDbContext db, ILogger logger, CancellationToken ct = default)
    {
        await EnsureAsync(users, logger, DemoAdminEmail, "Cán bộ chương trình OCOP", Roles.Admin, null);
        // Also for a demo database made before officers needed a second factor.
        if (await users.FindByEmailAsync(DemoAdminEmail) is { } admin && await users.GetAuthenticatorKeyAsync(admin) is null)
        {
            // Identity's user store keeps the authenticator key as a token of its own internal login provider.
            await users.SetAuthenticationTokenAsync(admin, "[AspNetUserStore]", "AuthenticatorKey", DemoAdminAuthenticatorKey);
            await users.SetTwoFactorEnabledAsync(admin, true);
        }
        await EnsureAsync(users, logger, DemoBuyerEmail, "Nguyễn Thị Mai", Roles.Buyer, null);
        foreach (var (email, name, slug) in DemoProducers)
        {
            var producerId = await db.Producers.Where(p => p.Slug == slug).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
            if (producerId is null)
            {
                logger.LogWarning("Demo producer {Slug} is not in the catalog; {Email} not created", slug, email);
                continue;
            }
            await EnsureAsync(users, logger, email, name, Roles.Producer, producerId);
        }
    }

    private static async Task EnsureAsync(UserManager<AppUser> users, ILogger logger, string email, string name, string role, int? producerId)
    {
        if (await users.FindByEmailAsync(email) is not null) return;
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, ProducerId = producerId };
        var result = await users.CreateAsync(user, DemoPassword);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Demo account {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        await users.AddToRoleAsync(user, role);
        logger.LogInformation("Demo account {Email} ({Role})", email, role);
    }
}
