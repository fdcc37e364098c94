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

    /// <returns>How many emails were sent in this run.</returns>
    public async Task<int> SendDueAsync(int batch = 50, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.OutboxEmails.Where(e => e.SentAt == null && e.NextAttemptAt <= now)
            .OrderBy(e => e.Id).Take(batch).ToListAsync(ct);
        var sent = 0;
        foreach (var email in due)
        {
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
}
