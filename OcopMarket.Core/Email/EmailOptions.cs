namespace OcopMarket.Core.Email;

/// <summary>Configuration section <c>Email</c>. Without <c>Email:Smtp:Host</c> mail goes to <see cref="PickupDirectory"/>.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    /// <summary>Sender mailbox of every message, e.g. <c>OcopMarket &lt;no-reply@ocopmarket.local&gt;</c>.</summary>
    public string From { get; set; } = "OcopMarket <no-reply@ocopmarket.local>";

    /// <summary>Folder receiving one <c>.eml</c> per message when SMTP is not configured. Relative paths are under the content root.</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// Days a sent email keeps its body in the outbox (for a support question about what was sent) before the body
    /// is blanked: bodies carry order links with their secret and password-reset codes. The row, its address,
    /// subject and times stay.
    /// </summary>
    public int SentBodyRetentionDays { get; set; } = 7;
}

/// <summary>Configuration section <c>Email:Smtp</c>.</summary>
public sealed class SmtpOptions
{
    /// <summary>SMTP server; null or empty means SMTP is not configured and the pickup folder is used.</summary>
    public string? Host { get; set; }

    /// <summary>587 (submission, STARTTLS) by default. Port 465 always means TLS from the first byte (SMTPS).</summary>
    public int Port { get; set; } = 587;

    /// <summary>Require STARTTLS (the connection fails if the server does not offer it). Turn off only for a local relay.</summary>
    public bool UseStartTls { get; set; } = true;

    /// <summary>Authenticate when set.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Limit for connecting and for each SMTP command, in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    internal bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
