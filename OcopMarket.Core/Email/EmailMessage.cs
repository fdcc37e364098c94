using MimeKit;

namespace OcopMarket.Core.Email;

/// <summary>A mailbox: a bare address (<c>an@example.vn</c>) and an optional display name.</summary>
/// <remarks>Validated on construction, so an <see cref="EmailAddress"/> that exists can always be sent to.</remarks>
public sealed record EmailAddress
{
    private static readonly ParserOptions StrictAddressParser = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
    };

    /// <exception cref="ArgumentException">The address is not a single bare address, or the display name has a line break or other control character.</exception>
    public EmailAddress(string address, string? displayName = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        var trimmed = address.Trim();
        EmailText.RejectControlCharacters(trimmed, nameof(address));
        // A bare addr-spec only: "Name <a@b.vn>", "<a@b.vn>" and lists parse to something else and are refused.
        if (trimmed.Length == 0
            || !MailboxAddress.TryParse(StrictAddressParser, trimmed, out var parsed)
            || !string.IsNullOrEmpty(parsed.Name)
            || parsed.Route.Count > 0
            || !string.Equals(parsed.Address, trimmed, StringComparison.Ordinal))
            throw new ArgumentException($"'{address}' is not a valid e-mail address.", nameof(address));
        if (displayName is not null) EmailText.RejectControlCharacters(displayName, nameof(displayName));

        Address = trimmed;
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
    }

    public string Address { get; }
    public string? DisplayName { get; }

    internal MailboxAddress ToMailbox() => new(DisplayName ?? string.Empty, Address);
}

/// <summary>One e-mail to one recipient, as every feature hands it to <see cref="IEmailSender"/>.</summary>
/// <remarks>
/// Subject and display name may hold any Unicode (Vietnamese included) but no line break or other control
/// character, so a value taken from user input can never add a header (header injection).
/// <see cref="ToString"/> leaves the bodies out: they may carry password-reset links.
/// </remarks>
public sealed record EmailMessage
{
    /// <exception cref="ArgumentException">Empty or multi-line subject, empty text body.</exception>
    public EmailMessage(EmailAddress to, string subject, string textBody, string? htmlBody = null)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(textBody);
        EmailText.RejectControlCharacters(subject, nameof(subject));
        if (string.IsNullOrWhiteSpace(subject)) throw new ArgumentException("The subject is empty.", nameof(subject));
        if (string.IsNullOrWhiteSpace(textBody)) throw new ArgumentException("The text body is empty.", nameof(textBody));

        To = to;
        Subject = subject.Trim();
        TextBody = textBody;
        HtmlBody = string.IsNullOrWhiteSpace(htmlBody) ? null : htmlBody;
    }

    /// <summary>Shorthand for <c>new EmailMessage(new EmailAddress(toAddress, toName), ...)</c>.</summary>
    public EmailMessage(string toAddress, string? toName, string subject, string textBody, string? htmlBody = null)
        : this(new EmailAddress(toAddress, toName), subject, textBody, htmlBody)
    {
    }

    public EmailAddress To { get; }
    public string Subject { get; }
    public string TextBody { get; }
    public string? HtmlBody { get; }

    public override string ToString() => $"EmailMessage {{ To = {To.Address}, Subject = {Subject} }}";
}

internal static class EmailText
{
    /// <summary>Refuses CR, LF and every other control character but tab: none belongs in a header value.</summary>
    public static void RejectControlCharacters(string value, string paramName)
    {
        foreach (var c in value)
            if (char.IsControl(c) && c != '\t')
                throw new ArgumentException(
                    c is '\r' or '\n'
                        ? "A line break is not allowed here (header injection)."
                        : $"Control character U+{(int)c:X4} is not allowed here.",
                    paramName);
    }
}
