using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace OcopMarket.Core.Email;

/// <summary>Sends through the SMTP server of <see cref="EmailOptions.Smtp"/> with MailKit, one connection per message.</summary>
/// <remarks>
/// Any failure before the server accepts the message (refused connection, TLS, authentication, a 4xx/5xx reply,
/// timeout) is thrown from <see cref="SendAsync"/>. A failure while saying goodbye after acceptance is only logged,
/// so a retrying caller does not send the message twice.
/// </remarks>
public sealed class SmtpEmailSender : IEmailSender
{
    private readonly SmtpOptions smtp;
    private readonly string host;
    private readonly MailboxAddress from;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;

    public SmtpEmailSender(IOptions<EmailOptions> options, TimeProvider timeProvider, ILogger<SmtpEmailSender>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        smtp = value.Smtp ?? throw new InvalidOperationException("Email:Smtp is missing.");
        if (string.IsNullOrWhiteSpace(smtp.Host)) throw new InvalidOperationException("Email:Smtp:Host is not set.");
        host = smtp.Host.Trim();
        if (smtp.Port is < 1 or > 65535) throw new InvalidOperationException($"Email:Smtp:Port {smtp.Port} is out of range.");
        from = MimeMessageFactory.ParseFrom(value.From);
        this.timeProvider = timeProvider;
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ct.ThrowIfCancellationRequested();
        var mime = MimeMessageFactory.Create(message, from, timeProvider.GetUtcNow());

        using var client = new SmtpClient();
        client.Timeout = (int)TimeSpan.FromSeconds(Math.Max(1, smtp.TimeoutSeconds)).TotalMilliseconds;
        var security = smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
            : smtp.UseStartTls ? SecureSocketOptions.StartTls
            : SecureSocketOptions.None;

        await client.ConnectAsync(host, smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, ct);
        await client.SendAsync(MimeMessageFactory.Format, mime, ct);

        try
        {
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "SMTP server {Host} accepted {MessageId} but closing the session failed", host, mime.MessageId);
        }
    }
}
