using OcopMarket.Core.Programme;

namespace OcopMarket.Web.Workers;

/// <summary>
/// Stores the programme's figures once a month, so the dashboard shows a trend. Every node checks once an hour; the
/// first to find the month without a snapshot stores it, and the unique key stops the others
/// (<see cref="ProgrammeService.TakeMonthlySnapshotAsync"/>).
/// </summary>
public sealed class ProgrammeSnapshotWorker(ProgrammeService programme, TimeProvider clock, ILogger<ProgrammeSnapshotWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                if (await programme.TakeMonthlySnapshotAsync(stoppingToken)) logger.LogInformation("Stored this month's programme snapshot");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Taking the programme snapshot failed; retrying in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
