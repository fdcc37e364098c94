namespace OcopMarket.Core.Email;

/// <summary>The one way the application sends e-mail.</summary>
/// <remarks>
/// <see cref="SendAsync"/> returns only once the message is handed over for good (file in place, or accepted by
/// the SMTP server) and throws on any failure, so a caller such as an outbox can mark the message sent or retry it.
/// Implementations are thread-safe singletons.
/// </remarks>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct);
}
