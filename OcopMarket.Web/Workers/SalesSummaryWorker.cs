using OcopMarket.Core.Sales;

namespace OcopMarket.Web.Workers;

/// <summary>
/// Every five seconds, folds the order changes' sales deltas into the daily summaries. The dashboard is exact without
/// it (it adds the deltas not folded yet); folding keeps what it reads to a few rows per day.
/// </summary>
public sealed class SalesSummaryWorker(SalesSummaryFolder folder, TimeProvider clock, ILogger<SalesSummaryWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await folder.FoldAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Folding the sales deltas failed; they stay and are folded next time");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping: what is not folded is read as deltas, and folded by the next start or another node
        }
    }
}
