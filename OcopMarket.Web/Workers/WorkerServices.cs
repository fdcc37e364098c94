namespace OcopMarket.Web.Workers;

public static class WorkerServices
{
    /// <summary>The background work of every node: order expiry, the email outbox and the scan-count flush.</summary>
    public static IServiceCollection AddOcopWorkers(this IServiceCollection services)
    {
        services.AddHostedService<OrderExpiryWorker>();
        services.AddHostedService<OutboxWorker>();
        services.AddHostedService<ScanFlushWorker>();
        return services;
    }
}
