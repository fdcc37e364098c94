using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OcopMarket.Core.Email;
using OcopMarket.Core.Email.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Email;

/// <summary>
/// Several web nodes run an outbox sender each on one database: every email is claimed by one of them before it
/// is sent, so it goes out once; a claim left by a node that died mid-send is taken over once it has passed.
/// </summary>
public abstract class OutboxSeveralSendersTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : OutboxSeveralSendersTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : OutboxSeveralSendersTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(seed: false, provider: provider);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>Counts what it is asked to send, by subject, taking a moment over each as a mail server does.</summary>
    private sealed class CountingEmailSender : IEmailSender
    {
        public ConcurrentDictionary<string, int> Sent { get; } = new();

        public async Task SendAsync(EmailMessage message, CancellationToken ct)
        {
            await Task.Delay(1, ct);
            Sent.AddOrUpdate(message.Subject, 1, (_, n) => n + 1);
        }
    }

    /// <summary>Stops in the middle of a send and never records anything, as a node that is shut down or crashes.</summary>
    private sealed class DyingEmailSender : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken ct) => throw new OperationCanceledException("the node went away");
    }

    private OutboxSender Sender(IEmailSender mail) =>
        new(_db, mail, _db.Clock, Options.Create(new EmailOptions()), NullLogger<OutboxSender>.Instance);

    private async Task QueueAsync(int count)
    {
        await using var db = _db.CreateDbContext();
        var now = _db.Clock.GetUtcNow().UtcDateTime;
        db.OutboxEmails.AddRange(Enumerable.Range(1, count).Select(i => new OutboxEmail($"nguoi{i}@example.test", $"Thư {i}", "Nội dung", now)));
        await db.SaveChangesAsync();
    }

    [SkippableFact]
    public async Task Two_senders_running_at_once_on_one_database_send_each_email_exactly_once()
    {
        const int emails = 60;
        await QueueAsync(emails);
        var mail = new CountingEmailSender();
        var nodes = new[] { Sender(mail), Sender(mail) };

        // Each node drains the outbox in small batches, as its worker would, both at the same time.
        var sentByNode = await Task.WhenAll(nodes.Select(node => Task.Run(async () =>
        {
            var sent = 0;
            for (var run = 0; run < 20; run++) sent += await node.SendDueAsync(batch: 10);
            return sent;
        })));

        Assert.Equal(emails, sentByNode.Sum());
        Assert.Equal(emails, mail.Sent.Count);
        Assert.All(mail.Sent, kv => Assert.Equal(1, kv.Value));
        await using var db = _db.CreateDbContext();
        Assert.False(await db.OutboxEmails.AnyAsync(e => e.SentAt == null));
    }

    [SkippableFact]
    public async Task An_email_claimed_by_a_node_that_died_is_sent_by_another_once_the_claim_has_passed()
    {
        await QueueAsync(1);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sender(new DyingEmailSender()).SendDueAsync());

        var mail = new CountingEmailSender();
        var survivor = Sender(mail);
        Assert.Equal(0, await survivor.SendDueAsync()); // still claimed: the other node may yet be sending it

        _db.Clock.Now += OutboxSender.ClaimLease - TimeSpan.FromSeconds(1);
        Assert.Equal(0, await survivor.SendDueAsync());

        _db.Clock.Now += TimeSpan.FromSeconds(2);
        Assert.Equal(1, await survivor.SendDueAsync());
        Assert.Equal(1, mail.Sent["Thư 1"]);
        Assert.Equal(0, await survivor.SendDueAsync());
    }

    [SkippableFact]
    public async Task A_failed_send_frees_the_email_for_any_sender_when_it_is_due_again()
    {
        await QueueAsync(1);
        Assert.Equal(0, await Sender(new FailingEmailSender()).SendDueAsync());

        await using (var db = _db.CreateDbContext())
        {
            var failed = await db.OutboxEmails.SingleAsync();
            Assert.Null(failed.ClaimedUntil);
            Assert.Equal(1, failed.Attempts);
        }
        var mail = new CountingEmailSender();
        _db.Clock.Now += TimeSpan.FromMinutes(1); // the first retry's back-off, far shorter than a claim
        Assert.Equal(1, await Sender(mail).SendDueAsync());
        Assert.Equal(1, mail.Sent["Thư 1"]);
    }

    private sealed class FailingEmailSender : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken ct) => throw new IOException("450 mailbox busy");
    }
}
