using OcopMarket.Core.Email;

namespace OcopMarket.Web.Workers;

/// <summary>
/// Every 15 seconds, sends the emails waiting in the outbox (order placed, status changes); every hour, blanks
/// the bodies of those sent longer ago than their retention.
/// </summary>
public sealed class OutboxWorker(OutboxSender outbox, TimeProvider clock, ILogger<OutboxWorker> logger) : BackgroundService
{
    /// <summary>A body's retention is counted in days: an hour late is nothing, and it spares a scan every tick.</summary>
    public static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15), clock);
        DateTimeOffset? lastPurge = null;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await outbox.SendDueAsync(ct: stoppingToken);
                if (lastPurge is null || clock.GetUtcNow() - lastPurge >= PurgeInterval)
                {
                    await outbox.PurgeSentBodiesAsync(stoppingToken);
                    lastPurge = clock.GetUtcNow();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Outbox run failed; retrying");
            }
        }
    }
}
