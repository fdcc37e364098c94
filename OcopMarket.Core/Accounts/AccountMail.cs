using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Email.Domain;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Accounts;

/// <summary>
/// Puts account emails (password resets, email confirmations) in the outbox instead of sending them while the
/// visitor waits: the forms then answer as fast for a known email as for an unknown one, and a mail server that is
/// slow or down shows nothing and loses nothing. At most <c>maxPerHour</c> of one kind are queued for one address in
/// any hour, so the forms cannot be used to flood someone's inbox; beyond that nothing is queued and the visitor is
/// told the same as always.
/// </summary>
public sealed class AccountMail(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock)
{
    /// <returns>Whether the email was queued (false: this address already had its quota this hour).</returns>
    public async Task<bool> QueueAsync(string to, string subject, string body, int maxPerHour, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerHour, 1);
        var now = clock.GetUtcNow().UtcDateTime;
        var hourAgo = now.AddHours(-1);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The outbox is the record of what was asked for: its rows to this address with this subject are the count.
        var queuedThisHour = await db.OutboxEmails.CountAsync(e => e.To == to && e.Subject == subject && e.CreatedAt > hourAgo, ct);
        if (queuedThisHour >= maxPerHour) return false;
        db.OutboxEmails.Add(new OutboxEmail(to, subject, body, now));
        await db.SaveChangesAsync(ct);
        return true;
    }
}
