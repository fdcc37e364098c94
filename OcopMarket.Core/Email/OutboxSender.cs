using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OcopMarket.Core.Email.Domain;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Email;

/// <summary>Sends what the outbox holds, oldest first; a failure is recorded and retried later.</summary>
public sealed class OutboxSender(
    IDbContextFactory<OcopDbContext> dbFactory, IEmailSender sender, TimeProvider clock, IOptions<EmailOptions> options, ILogger<OutboxSender> logger)
{
    /// <summary>
    /// Blanks the body of every email sent longer ago than Email:SentBodyRetentionDays. Order links (with their
    /// secret) and reset codes then live only in the recipients' mailboxes, not in a database backup.
    /// </summary>
    /// <returns>How many bodies were blanked.</returns>
    public async Task<int> PurgeSentBodiesAsync(CancellationToken ct = default)
    {
        var sentBefore = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.SentBodyRetentionDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.OutboxEmails
            .Where(e => e.SentAt != null && e.SentAt < sentBefore && e.Body != OutboxEmail.PurgedBody)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Body, OutboxEmail.PurgedBody), ct);
    }

    /// <summary>
    /// How long a claimed email is this sender's alone: far longer than one send may take (the SMTP client's
    /// timeouts), so a live sender never loses an email to another, and short enough that one a crashed node
    /// claimed goes out a few minutes late rather than never.
    /// </summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    // Tells this sender's claims from another node's (or another sender's in the same process, in tests).
    private readonly string _senderId = Common.ClaimOwner.NewId(OutboxEmail.ClaimedByMaxLength);

    /// <summary>
    /// Sends the due emails, each claimed first so that when several nodes run this on one database each email is
    /// sent by one of them: the claim is one conditional UPDATE of the email's row, and only the sender whose
    /// UPDATE changed the row sends it (on PostgreSQL the second UPDATE waits for the first and re-checks the
    /// condition, so it finds the claim taken).
    /// </summary>
    /// <returns>How many emails were sent in this run.</returns>
    public async Task<int> SendDueAsync(int batch = 50, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.OutboxEmails
            .Where(e => e.SentAt == null && e.NextAttemptAt <= now && (e.ClaimedUntil == null || e.ClaimedUntil < now))
            .OrderBy(e => e.Id).Select(e => e.Id).Take(batch).ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            if (await ClaimAsync(db, id, ct) is not { } email) continue; // another sender has it, or has sent it
            try
            {
                await sender.SendAsync(new EmailMessage(email.To, null, email.Subject, email.Body), ct);
                email.MarkSent(clock.GetUtcNow().UtcDateTime);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Email {Id} to the outbox could not be sent: {Error}", email.Id, e.Message);
                email.MarkFailed(e.Message, clock.GetUtcNow().UtcDateTime);
            }
            await db.SaveChangesAsync(ct); // after each one: a crash mid-batch never sends an email twice
        }
        return sent;
    }

    /// <returns>The email, tracked, when this sender now holds its claim; null when it is not (or no longer) free and due.</returns>
    private async Task<OutboxEmail?> ClaimAsync(OcopDbContext db, long id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + ClaimLease;
        var claimed = await db.OutboxEmails
            .Where(e => e.Id == id && e.SentAt == null && e.NextAttemptAt <= now && (e.ClaimedUntil == null || e.ClaimedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.ClaimedUntil, until).SetProperty(e => e.ClaimedBy, _senderId), ct);
        // Read after the claim, so what is sent is the row as it stands under this sender's claim.
        return claimed == 1 ? await db.OutboxEmails.SingleAsync(e => e.Id == id, ct) : null;
    }
}
