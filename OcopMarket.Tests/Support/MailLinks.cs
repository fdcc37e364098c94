using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using OcopMarket.Core.Email;

namespace OcopMarket.Tests.Support;

/// <summary>Links read from the emails the app wrote to its pickup folder, as a person would click them.</summary>
public static partial class MailLinks
{
    /// <summary>
    /// The path and query of the newest email-confirmation link sent to <paramref name="email"/>: the outbox is sent
    /// first, as the outbox worker would (account emails are queued, not sent while the visitor waits).
    /// </summary>
    public static async Task<string> EmailConfirmationAsync(OcopWebFactory app, string email)
    {
        await app.Services.GetRequiredService<OutboxSender>().SendDueAsync();
        var message = Directory.GetFiles(app.MailDirectory, "*.eml")
            .Select(f => (Written: File.GetLastWriteTimeUtc(f), Message: MimeMessage.Load(f)))
            .Where(m => m.Message.To.Mailboxes.Any(b => b.Address == email) && (m.Message.Subject ?? "").Contains("Xác nhận email"))
            .OrderBy(m => m.Written).Last().Message;
        return new Uri(ConfirmationLink().Match(message.TextBody ?? "").Value).PathAndQuery;
    }

    [GeneratedRegex(@"http://\S+/Account/ConfirmEmail\?\S+")]
    private static partial Regex ConfirmationLink();
}
