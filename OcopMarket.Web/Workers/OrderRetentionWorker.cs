using Microsoft.Extensions.Options;
using OcopMarket.Core.Legal;
using OcopMarket.Core.Privacy;

namespace OcopMarket.Web.Workers;

/// <summary>
/// Once a day (and a minute after start), anonymises the orders past Legal:OrderRetentionYears in batches until none is
/// left (<see cref="AccountErasureService.AnonymiseOrdersPastRetentionAsync"/>). Every node may run it: the batches
/// write the same values whoever gets there.
/// </summary>
public sealed class OrderRetentionWorker(AccountErasureService erasure, IOptions<LegalSettings> legal, TimeProvider clock,
    ILogger<OrderRetentionWorker> logger) : BackgroundService
{
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wait = TimeSpan.FromMinutes(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(wait, clock, stoppingToken);
            wait = TimeSpan.FromDays(1);
            try
            {
                int done, total = 0;
                do
                {
                    done = await erasure.AnonymiseOrdersPastRetentionAsync(legal.Value.OrderRetentionYears, Batch, stoppingToken);
                    total += done;
                } while (done == Batch);
                if (total > 0) logger.LogInformation("Anonymised {Count} orders past the {Years}-year retention", total, legal.Value.OrderRetentionYears);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Order retention run failed; retrying in an hour");
                wait = TimeSpan.FromHours(1);
            }
        }
    }
}
