using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Accounts;

/// <summary>Looks up what an account may act as, with a context of its own per call.</summary>
public sealed class AccountDirectory(IDbContextFactory<OcopDbContext> dbFactory)
{
    /// <summary>The actor for a signed-in user id, or null when the account no longer exists.</summary>
    public async Task<Actor?> ActorAsync(string userId, bool isAdmin, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.ProducerId }).FirstOrDefaultAsync(ct);
        return user is null ? null : new Actor(user.Id, user.ProducerId, isAdmin);
    }

    /// <summary>Whether the account still exists (a deleted account's cookie must stop working).</summary>
    public async Task<bool> ExistsAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId, ct);
    }

    /// <summary>Whether the account has confirmed its email (see <see cref="EmailConfirmation"/>).</summary>
    public async Task<bool> EmailConfirmedAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await EmailConfirmation.IsConfirmedAsync(db, userId, ct);
    }
}
