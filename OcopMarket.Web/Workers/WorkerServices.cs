namespace OcopMarket.Web.Workers;

public static class WorkerServices
{
    /// <summary>The background work of every node: order expiry, the email outbox, the scan-count flush and the page changes of other nodes.</summary>
    public static IServiceCollection AddOcopWorkers(this IServiceCollection services)
    {
        services.AddHostedService<OrderExpiryWorker>();
        services.AddHostedService<OutboxWorker>();
        services.AddHostedService<ScanFlushWorker>();
        services.AddHostedService<PageChangeWorker>();
        return services;
    }
}
