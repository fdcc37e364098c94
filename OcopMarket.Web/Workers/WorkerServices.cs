namespace OcopMarket.Web.Workers;

public static class WorkerServices
{
    /// <summary>The background work of every node: order expiry, the email outbox, producers' webhooks, wishlist alerts, the scan-count flush, the page changes of other nodes, the programme's monthly snapshot, the sales summary's fold, the catalog cache's refreshes and the end of the orders' retention.</summary>
    public static IServiceCollection AddOcopWorkers(this IServiceCollection services)
    {
        services.AddHostedService<OrderExpiryWorker>();
        services.AddHostedService<ComplaintEscalationWorker>();
        services.AddHostedService<OutboxWorker>();
        services.AddHostedService<WebhookWorker>();
        services.AddHostedService<WishlistAlertWorker>();
        services.AddHostedService<ScanFlushWorker>();
        services.AddHostedService<PageChangeWorker>();
        services.AddHostedService<ProgrammeSnapshotWorker>();
        services.AddHostedService<CatalogCacheWorker>();
        services.AddHostedService<SalesSummaryWorker>();
        services.AddHostedService<OrderRetentionWorker>();
        return services;
    }
}
