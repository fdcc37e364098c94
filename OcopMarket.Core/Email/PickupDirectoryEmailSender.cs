using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using MimeKit;

namespace OcopMarket.Core.Email;

/// <summary>
/// Writes each message as one RFC 5322 <c>.eml</c> file in <see cref="EmailOptions.PickupDirectory"/>, named
/// <c>yyyyMMddTHHmmss.fffZ-xxxxxxxx.eml</c> (UTC time, then 8 random hex digits) so names sort by time.
/// </summary>
/// <remarks>
/// The file is written under a <c>.tmp</c> name in the same folder, flushed to disk, then renamed: a reader that
/// looks for <c>*.eml</c> never sees a partial message.
/// </remarks>
public sealed class PickupDirectoryEmailSender : IEmailSender
{
    private readonly MailboxAddress from;
    private readonly TimeProvider timeProvider;

    public PickupDirectoryEmailSender(IOptions<EmailOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        if (string.IsNullOrWhiteSpace(value.PickupDirectory))
            throw new InvalidOperationException("Email:PickupDirectory is empty.");
        Directory = Path.GetFullPath(value.PickupDirectory);
        from = MimeMessageFactory.ParseFrom(value.From);
        this.timeProvider = timeProvider;
    }

    /// <summary>Absolute path of the pickup folder.</summary>
    public string Directory { get; }

    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ct.ThrowIfCancellationRequested();

        var now = timeProvider.GetUtcNow();
        var mime = MimeMessageFactory.Create(message, from, now);
        System.IO.Directory.CreateDirectory(Directory);

        // Temp name: hidden, unique, not *.eml. Same folder, so the final rename stays on one file system.
        var tempPath = Path.Combine(Directory, $".{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None,
                             bufferSize: 16 * 1024, FileOptions.Asynchronous))
            {
                await mime.WriteToAsync(MimeMessageFactory.Format, stream, ct);
                await stream.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            }

            for (var attempt = 0; ; attempt++)
            {
                var finalPath = Path.Combine(Directory,
                    $"{now.UtcDateTime:yyyyMMdd'T'HHmmss'.'fff'Z'}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}.eml");
                try
                {
                    File.Move(tempPath, finalPath, overwrite: false);
                    return;
                }
                catch (IOException) when (attempt < 3 && File.Exists(finalPath))
                {
                    // Same millisecond and same 32 random bits as another message: draw again.
                }
            }
        }
        finally
        {
            TryDelete(tempPath); // nothing left after a successful rename; removes the partial file after a failure
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
