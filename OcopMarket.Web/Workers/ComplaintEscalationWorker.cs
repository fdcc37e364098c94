using OcopMarket.Core.Complaints;

namespace OcopMarket.Web.Workers;

/// <summary>
/// Once a minute, records the complaints whose producer let the answer deadline pass as gone to an officer and queues
/// the emails. Every node runs it; each complaint is saved under its status as a concurrency token, so one node does
/// it (the desk already counts an overdue complaint as the officer's on read).
/// </summary>
public sealed class ComplaintEscalationWorker(ComplaintService complaints, TimeProvider clock, ILogger<ComplaintEscalationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var escalated = await complaints.EscalateOverdueAsync(ct: stoppingToken);
                if (escalated > 0) logger.LogInformation("Escalated {Count} overdue complaints to the officers", escalated);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Complaint escalation run failed; retrying next minute");
            }
        }
    }
}
