using OcopMarket.Core.Webhooks;

namespace OcopMarket.Web.Workers;

/// <summary>Every 5 seconds, posts the webhook deliveries that are due (new events and retries); each node claims its own.</summary>
public sealed class WebhookWorker(WebhookSender sender, TimeProvider clock, ILogger<WebhookWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await sender.SendDueAsync(ct: stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Webhook run failed; retrying");
            }
        }
    }
}
