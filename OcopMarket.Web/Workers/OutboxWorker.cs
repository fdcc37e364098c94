using OcopMarket.Core.Email;

namespace OcopMarket.Web.Workers;

/// <summary>Every 15 seconds, sends the emails waiting in the outbox (order placed, status changes).</summary>
public sealed class OutboxWorker(OutboxSender outbox, TimeProvider clock, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await outbox.SendDueAsync(ct: stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Outbox run failed; retrying");
            }
        }
    }
}
