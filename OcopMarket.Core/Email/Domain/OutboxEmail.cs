namespace OcopMarket.Core.Email.Domain;

/// <summary>
/// An email waiting to be sent. It is written in the same transaction as the change it reports, so a mail
/// server that is down delays the email but can never lose it, nor roll back the order that caused it.
/// </summary>
public sealed class OutboxEmail
{
    public const int MaxAttempts = 10;

    private OutboxEmail() { }

    public OutboxEmail(string to, string subject, string body, DateTime createdAtUtc)
    {
        To = to;
        Subject = subject;
        Body = body;
        CreatedAt = NextAttemptAt = DateTime.SpecifyKind(createdAtUtc, DateTimeKind.Utc);
    }

    public long Id { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public DateTime? SentAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>
    /// Until when one sender has it to itself (OutboxSender claims it before sending). A sender that crashed
    /// mid-send leaves its claim behind; once it has passed, another sender takes the email over.
    /// </summary>
    public DateTime? ClaimedUntil { get; private set; }

    /// <summary>Which sender claimed it last (process and instance), for whoever looks into a stuck email.</summary>
    public string? ClaimedBy { get; private set; }

    public const int ClaimedByMaxLength = 100;

    public void MarkSent(DateTime atUtc)
    {
        SentAt = atUtc;
        ClaimedUntil = null;
    }

    /// <summary>What a sent email's body becomes once its retention has passed (OutboxSender.PurgeSentBodiesAsync).</summary>
    public const string PurgedBody = "";

    /// <summary>Backs off 1, 2, 4 … minutes (at most an hour) and gives up after <see cref="MaxAttempts"/>.</summary>
    public void MarkFailed(string error, DateTime atUtc)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        NextAttemptAt = Attempts >= MaxAttempts ? DateTime.MaxValue : atUtc.AddMinutes(Math.Min(60, Math.Pow(2, Attempts - 1)));
        ClaimedUntil = null; // free for whichever sender comes when it is due again
    }
}
