using OcopMarket.Core.Catalog;

namespace OcopMarket.Web.Workers;

/// <summary>
/// Once a second, keeps what this node's searches read current (<see cref="CatalogService.KeepCurrentAsync"/>):
/// another node's write is observed, the facet columns are reloaded in the background and never reach
/// <see cref="CatalogCache.MaxAge"/> unrefreshed, and the broad searches asked lately are re-ranked before they
/// expire, so no visitor waits for a scan of the products or a ranking of a quarter of them; the broadest one-word
/// searches are ranked after start-up before anyone asks.
/// </summary>
public sealed class CatalogCacheWorker(CatalogService catalog, TimeProvider clock, ILogger<CatalogCacheWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>How often the broadest one-word searches are ranked again before anyone asks (<see cref="CatalogService.WarmBroadSearchesAsync"/>).</summary>
    public static readonly TimeSpan WarmInterval = TimeSpan.FromMinutes(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        var nextWarm = clock.GetUtcNow();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await catalog.KeepCurrentAsync(stoppingToken);
                    if (clock.GetUtcNow() >= nextWarm)
                    {
                        nextWarm = clock.GetUtcNow() + WarmInterval;
                        var started = clock.GetTimestamp();
                        var warmed = await catalog.WarmBroadSearchesAsync(stoppingToken);
                        // Said once per round: the first after start-up costs seconds of database time at 100,000
                        // products, which a node started just before a sale spends while its first buyers arrive.
                        logger.LogInformation("Warmed {Searches} broad searches in {Seconds:F1} s", warmed, clock.GetElapsedTime(started).TotalSeconds);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Refreshing the catalog cache failed; the next search builds what it needs");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }
}
