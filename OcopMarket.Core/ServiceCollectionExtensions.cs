using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Seeding;
using OcopMarket.Core.Services.Catalog;
using OcopMarket.Core.Services.Producers;

namespace OcopMarket.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the database and the Core services. Components never hold a DbContext: services open one per call.</summary>
    /// <param name="mediaRoot">Folder for uploaded photos and scans (App_Data/media under the web app by default).</param>
    public static IServiceCollection AddOcopCore(this IServiceCollection services, string connectionString, string? mediaRoot = null)
    {
        services.AddSingleton<Services.Media.ProductImageProcessor>();
        services.AddSingleton<Services.Media.IMediaStore>(new Services.Media.FileSystemMediaStore(
            mediaRoot ?? Path.Combine(AppContext.BaseDirectory, "App_Data", "media")));
        services.AddSingleton<Services.Portal.ProductPhotoService>();
        services.AddSingleton<CatalogCache>();
        services.AddSingleton<CatalogCacheInvalidator>();
        services.AddDbContextFactory<OcopDbContext>((sp, o) => o
            .UseSqlite(connectionString)
            .AddInterceptors(sp.GetRequiredService<CatalogCacheInvalidator>(), new SqliteBusyTimeout()));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CatalogSeeder>();
        services.AddSingleton<CatalogService>();
        services.AddSingleton<ProductDetailsService>();
        services.AddSingleton<ProducerDirectory>();
        services.AddSingleton<StorefrontService>();
        services.AddSingleton<Accounts.AccountDirectory>();
        services.AddSingleton<Services.Onboarding.ProducerOnboardingService>();
        services.AddSingleton<Services.Portal.ProducerPortalService>();
        services.AddSingleton<Services.Admin.ProgramAdminService>();
        services.TryAddSingleton(Services.Orders.CheckoutOptions.Default);
        services.TryAddSingleton(Services.Payments.Card.StripeSettings.None);
        services.AddSingleton<Services.Payments.Card.CardPaymentService>();
        services.AddSingleton<Services.Orders.CheckoutService>();
        services.AddSingleton<Services.Orders.CartService>();
        services.AddSingleton<Services.Orders.OrderQueryService>();
        services.AddSingleton<Services.Orders.ProducerOrderService>();
        services.AddSingleton<Services.Orders.OrderExpiryService>();
        services.AddSingleton<Services.Email.OutboxSender>();
        services.TryAddSingleton(Services.Traceability.TraceabilityOptions.Default);
        services.TryAddSingleton(sp => new Services.Traceability.SerialKeyStore(sp.GetRequiredService<IDbContextFactory<OcopDbContext>>(), null));
        services.AddSingleton<Services.Traceability.ScanCounter>();
        services.AddSingleton<Services.Traceability.TraceabilityService>();
        services.AddSingleton<Services.Traceability.LotService>();
        return services;
    }
}
