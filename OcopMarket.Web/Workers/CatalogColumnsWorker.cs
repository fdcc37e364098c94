using OcopMarket.Core.Catalog;

namespace OcopMarket.Web.Workers;

/// <summary>
/// Once a second, keeps this node's facet columns current (<see cref="CatalogService.KeepColumnsCurrentAsync"/>):
/// another node's write is observed and the columns reloaded in the background, and they never reach
/// <see cref="CatalogCache.MaxAge"/> unrefreshed, so no visitor's search waits for a full scan of the products
/// (about a second at 1,000,000) after a quiet minute.
/// </summary>
public sealed class CatalogColumnsWorker(CatalogService catalog, TimeProvider clock, ILogger<CatalogColumnsWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await catalog.KeepColumnsCurrentAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Refreshing the catalog's facet columns failed; the next search loads them");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }
}
