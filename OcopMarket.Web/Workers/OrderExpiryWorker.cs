using OcopMarket.Core.Orders;

namespace OcopMarket.Web.Workers;

/// <summary>Once a minute, cancels unpaid transfer and card orders past their window and returns their stock.</summary>
public sealed class OrderExpiryWorker(OrderExpiryService expiry, TimeProvider clock, ILogger<OrderExpiryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var expired = await expiry.ExpireDueAsync(stoppingToken);
                if (expired > 0) logger.LogInformation("Expired {Count} unpaid orders", expired);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed run (say, a payment racing an expiry) is retried on the next tick.
                logger.LogWarning(e, "Order expiry run failed; retrying next minute");
            }
        }
    }
}
