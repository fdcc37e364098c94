using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Admin;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Common;
using OcopMarket.Core.Email;
using OcopMarket.Core.Media;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Programme;
using OcopMarket.Core.Portal;
using OcopMarket.Core.Producers;
using OcopMarket.Core.PublicPages;
using OcopMarket.Core.Seeding;
using OcopMarket.Core.Traceability;

namespace OcopMarket.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Everything Core needs, configured from the app's settings: the database ("Database:Provider" and
    /// "ConnectionStrings:Ocop"), media,
    /// checkout, Stripe, traceability and email sections, each bound once and validated when the host starts.
    /// </summary>
    /// <param name="contentRoot">Relative folders in the settings (media, mail pickup) are taken from here.</param>
    public static IServiceCollection AddOcopCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddSettings<MediaOptions>(MediaOptions.Section)
            .PostConfigure(o =>
            {
                if (!string.IsNullOrWhiteSpace(o.Root)) o.Root = Path.GetFullPath(o.Root, contentRoot);
            });
        services.AddSettings<StripeSettings>(StripeSettings.Section);
        services.AddSettings<CheckoutSettings>(CheckoutSettings.Section);
        services.AddSingleton(sp => CheckoutOptions.Of(
            sp.GetRequiredService<CheckoutSettings>(), cardPaymentsEnabled: sp.GetRequiredService<StripeSettings>().IsConfigured));
        services.AddSettings<TraceabilityOptions>(TraceabilityOptions.Section);
        services.AddSettings<Reviews.ReviewSettings>(Reviews.ReviewSettings.Section);
        services.AddSettings<Legal.LegalSettings>(Legal.LegalSettings.Section);
        services.AddOcopEmail(configuration, contentRoot);
        return services.AddOcopCore(DatabaseConnection.From(configuration));
    }

    /// <summary>
    /// Registers the database and the Core services; settings not registered before keep their defaults (tests and
    /// the bench tools call this directly). Components never hold a DbContext: services open one per call.
    /// </summary>
    /// <param name="mediaRoot">Folder for uploaded photos and scans, when no media settings are registered.</param>
    public static IServiceCollection AddOcopCore(this IServiceCollection services, string connectionString, string? mediaRoot = null) =>
        services.AddOcopCore(new DatabaseConnection(DatabaseProvider.Sqlite, connectionString), mediaRoot);

    /// <inheritdoc cref="AddOcopCore(IServiceCollection, string, string?)"/>
    public static IServiceCollection AddOcopCore(this IServiceCollection services, DatabaseConnection database, string? mediaRoot = null)
    {
        services.TryAddSingleton(new MediaOptions { Root = mediaRoot ?? Path.Combine(AppContext.BaseDirectory, "App_Data", "media") });
        services.TryAddSingleton(StripeSettings.None);
        services.TryAddSingleton(CheckoutOptions.Default);
        services.TryAddSingleton(TraceabilityOptions.Default);
        services.TryAddSingleton(new Legal.LegalSettings());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IOrderLinks>(FixedOrderLinks.Localhost);
        services.TryAddSingleton(Reviews.ReviewSettings.Default);
        // Signed with the app's key ring; without one (tools, tests of Core alone), with a key that lives as long as the process.
        services.AddSingleton(sp => new Reviews.ReviewUnsubscribeTokens(
            sp.GetService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>() ?? new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()));
        services.TryAddSingleton<Reviews.IReviewLinks>(sp => new Reviews.FixedReviewLinks("http://localhost", sp.GetRequiredService<Reviews.ReviewUnsubscribeTokens>()));
        services.TryAddSingleton<Wishlists.IWishlistLinks>(Wishlists.FixedWishlistLinks.Localhost);
        services.TryAddSingleton<Complaints.IComplaintLinks>(Complaints.FixedComplaintLinks.Localhost);
        services.AddSingleton<OrderNotifications>();
        services.AddSingleton<OrderEventOutbox>();

        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<CatalogCacheInvalidator>());
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<OrderEventOutbox>());
        // The sales summary's deltas, in the same SaveChanges as each order change (Sales reads Orders, not the reverse).
        services.AddSingleton<IInterceptor, Sales.SalesDeltaRecorder>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<PageChangeRecorder>());
        services.AddSingleton<IInterceptor>(sp => new ProductChangeStamp(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IInterceptor>(sp => new Webhooks.WebhookQueue(sp.GetRequiredService<TimeProvider>()));
        // The links are resolved at the first delivery, not with the contexts: they need the key ring, which is kept in this database.
        services.AddSingleton<IInterceptor>(sp => new Reviews.ReviewInvitationQueue(() => sp.GetRequiredService<Reviews.IReviewLinks>()));
        services.AddSingleton<PageChangeFeed>();
        services.AddSingleton<PageChangePoller>();
        services.AddSingleton<PageChangeRecorder>();
        services.AddOcopDatabase(database);

        services.AddSingleton<ProductImageProcessor>();
        services.AddSingleton<IMediaStore>(sp => new FileSystemMediaStore(sp.GetRequiredService<MediaOptions>().Root));
        services.AddSingleton<ProductPhotoService>();
        services.AddSingleton<CatalogCache>();
        services.AddSingleton<CatalogCacheInvalidator>();
        services.AddSingleton<CatalogSeeder>();
        services.AddSingleton<CatalogService>();
        services.AddSingleton<Legal.ConsentService>();
        services.AddSingleton<AbuseLimits.RateWindowCounter>();
        services.AddSingleton<Privacy.PersonalDataService>();
        services.AddSingleton<Privacy.AccountErasureService>();
        services.AddSingleton<Privacy.DataRequestService>();
        services.AddSingleton<Privacy.PersonalDetailsService>();
        services.AddSingleton<Privacy.ConcernedPeopleService>();
        services.AddSingleton<ProductDetailsService>();
        services.AddSingleton<ProducerDirectory>();
        services.AddSingleton<StorefrontService>();
        services.AddSingleton<ProgrammeService>();
        services.AddSingleton<ProducerApi.ApiTokenService>();
        services.AddSingleton<Sales.SalesDashboardService>();
        services.AddSingleton<Sales.SalesSummaryFolder>();
        services.AddSingleton<OpenData.OpenDataService>();
        services.AddSingleton<Traceability.EpcisEventService>();
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<ProducerOnboardingService>();
        services.AddSingleton<ProducerPortalService>();
        services.AddSingleton<ProgramAdminService>();
        services.AddSingleton<AuthorityTakedownService>();
        services.AddSingleton<SuspendedProducerOrderService>();
        services.AddSingleton<CardPaymentService>();
        services.AddSingleton<CheckoutService>();
        services.AddSingleton<CartService>();
        services.AddSingleton<Bookings.BookingService>();
        services.AddSingleton<Wishlists.WishlistService>();
        services.AddSingleton<OrderQueryService>();
        services.AddSingleton<ProducerOrderService>();
        services.AddSingleton<OrderExpiryService>();
        services.AddSingleton<OutboxSender>();
        services.AddOptions<Webhooks.WebhookOptions>();
        services.AddSingleton<Webhooks.WebhookService>();
        services.AddSingleton<Reviews.ReviewService>();
        services.AddSingleton<Reviews.ReviewModerationService>();
        services.AddSingleton<Reviews.ProductReviewsService>();
        services.AddSingleton<Complaints.ComplaintNotifications>();
        services.AddSingleton<Complaints.ComplaintService>();
        services.AddSingleton<Complaints.LabelReportService>();
        // Its own client: the connect step that refuses private addresses must not be shared with other calls.
        services.AddSingleton(sp => new Webhooks.WebhookSender(sp.GetRequiredService<IDbContextFactory<OcopDbContext>>(),
            Webhooks.WebhookHttp.CreateClient(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Webhooks.WebhookOptions>>().Value.AllowLocalTargets),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Webhooks.WebhookSender>>()));
        services.AddSingleton<AccountMail>();
        services.TryAddSingleton(sp => new SerialKeyStore(
            sp.GetRequiredService<IDbContextFactory<OcopDbContext>>(), sp.GetRequiredService<TraceabilityOptions>().SerialKey));
        services.AddSingleton<ScanCounter>();
        services.AddSingleton<TraceabilityService>();
        services.AddSingleton<LotService>();
        return services;
    }
}
