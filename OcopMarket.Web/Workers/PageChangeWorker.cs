using OcopMarket.Core.PublicPages;

namespace OcopMarket.Web.Workers;

/// <summary>
/// Once a second, reads the public pages other nodes' writes changed (<see cref="PageChangePoller"/>), so this node's
/// output cache drops them too: a price changed through node A is fresh on node B within a second.
/// </summary>
public sealed class PageChangeWorker(PageChangePoller poller, TimeProvider clock, ILogger<PageChangeWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            await PollAsync(stoppingToken); // the first poll learns where the feed stands
            while (await timer.WaitForNextTickAsync(stoppingToken)) await PollAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private async Task PollAsync(CancellationToken ct)
    {
        try
        {
            await poller.PollAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Reading page changes failed; cached pages are kept at most PublicCache:ServerDuration");
        }
    }
}
