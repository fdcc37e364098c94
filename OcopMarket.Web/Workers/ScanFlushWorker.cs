using OcopMarket.Core.Traceability;

namespace OcopMarket.Web.Workers;

/// <summary>Every two seconds, writes the label scans counted in memory; once more when the app stops.</summary>
public sealed class ScanFlushWorker(ScanCounter scans, TimeProvider clock, ILogger<ScanFlushWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        await FlushAsync(CancellationToken.None);
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        try
        {
            await scans.FlushAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Writing label scan counts failed; they are kept and retried");
        }
    }
}
