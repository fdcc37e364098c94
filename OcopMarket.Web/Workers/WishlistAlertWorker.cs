using OcopMarket.Core.Wishlists;

namespace OcopMarket.Web.Workers;

/// <summary>
/// Every 15 minutes, queues the emails about saved products that are back in stock or cheaper (for the buyers who
/// asked); the outbox sends them. Each node may run it: an alert is claimed before it is queued.
/// </summary>
public sealed class WishlistAlertWorker(WishlistService wishlists, TimeProvider clock, ILogger<WishlistAlertWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await wishlists.QueueAlertsAsync(ct: stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Wishlist alert run failed; retrying");
            }
        }
    }
}
