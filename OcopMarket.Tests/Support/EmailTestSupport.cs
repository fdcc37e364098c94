using Microsoft.Extensions.Options;
using OcopMarket.Core.Email;

namespace OcopMarket.Tests.Support;

/// <summary>A clock stopped at one instant.</summary>
public sealed class StoppedEmailClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>A fresh folder under the system temp folder, deleted afterwards.</summary>
public sealed class TempMailFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("ocop-mail-test-").FullName;

    public static IOptions<EmailOptions> Options(string pickupDirectory, Action<EmailOptions>? configure = null)
    {
        var options = new EmailOptions { PickupDirectory = pickupDirectory };
        configure?.Invoke(options);
        return Microsoft.Extensions.Options.Options.Create(options);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
