using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Utils;

namespace OcopMarket.Core.Email;

/// <summary>Builds the MIME message both senders send, so a pickup <c>.eml</c> and an SMTP message are alike.</summary>
internal static partial class MimeMessageFactory
{
    /// <summary>CRLF line ends (RFC 5322) whatever the OS; non-ASCII headers as RFC 2047 encoded-words.</summary>
    public static readonly FormatOptions Format = CreateFormat();

    /// <exception cref="InvalidOperationException">The configured From is not a single mailbox.</exception>
    public static MailboxAddress ParseFrom(string? from)
    {
        if (string.IsNullOrWhiteSpace(from) || !MailboxAddress.TryParse(from, out var mailbox)
            || string.IsNullOrEmpty(mailbox.Address) || !mailbox.Address.Contains('@')
            || from.Contains('\r') || from.Contains('\n'))
            throw new InvalidOperationException($"Email:From '{from}' is not a valid mailbox, e.g. 'OcopMarket <no-reply@ocopmarket.vn>'.");
        return mailbox;
    }

    public static MimeMessage Create(EmailMessage message, MailboxAddress from, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = now,
            MessageId = MimeUtils.GenerateMessageId(from.Domain),
        };
        mime.From.Add(from.Clone());
        mime.To.Add(message.To.ToMailbox());

        // Text is CRLF-delimited in canonical MIME form (RFC 2046), whatever line ends the caller used.
        var body = new BodyBuilder { TextBody = ToCrlf(message.TextBody), HtmlBody = ToCrlf(message.HtmlBody) };
        mime.Body = body.ToMessageBody();
        // 7-bit safe: UTF-8 bodies become quoted-printable or base64, so any relay and any file reader copes.
        mime.Prepare(EncodingConstraint.SevenBit, 78);
        return mime;
    }

    [return: NotNullIfNotNull(nameof(text))]
    private static string? ToCrlf(string? text) => text is null ? null : LineEnd().Replace(text, "\r\n");

    [GeneratedRegex(@"\r\n|\r|\n")]
    private static partial Regex LineEnd();

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        format.International = false;
        return format;
    }
}
