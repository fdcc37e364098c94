using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Admin;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Email;
using OcopMarket.Core.Media;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Portal;
using OcopMarket.Core.Producers;
using OcopMarket.Core.Seeding;
using OcopMarket.Core.Traceability;

namespace OcopMarket.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the database and the Core services. Components never hold a DbContext: services open one per call.</summary>
    /// <param name="mediaRoot">Folder for uploaded photos and scans (App_Data/media under the web app by default).</param>
    public static IServiceCollection AddOcopCore(this IServiceCollection services, string connectionString, string? mediaRoot = null)
    {
        services.AddSingleton<Media.ProductImageProcessor>();
        services.AddSingleton<Media.IMediaStore>(new Media.FileSystemMediaStore(
            mediaRoot ?? Path.Combine(AppContext.BaseDirectory, "App_Data", "media")));
        services.AddSingleton<Portal.ProductPhotoService>();
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
        services.AddSingleton<Producers.ProducerOnboardingService>();
        services.AddSingleton<Portal.ProducerPortalService>();
        services.AddSingleton<Admin.ProgramAdminService>();
        services.TryAddSingleton(Orders.CheckoutOptions.Default);
        services.TryAddSingleton(Orders.StripeSettings.None);
        services.AddSingleton<Orders.CardPaymentService>();
        services.AddSingleton<Orders.CheckoutService>();
        services.AddSingleton<Orders.CartService>();
        services.AddSingleton<Orders.OrderQueryService>();
        services.AddSingleton<Orders.ProducerOrderService>();
        services.AddSingleton<Orders.OrderExpiryService>();
        services.AddSingleton<Email.OutboxSender>();
        services.TryAddSingleton(Traceability.TraceabilityOptions.Default);
        services.TryAddSingleton(sp => new Traceability.SerialKeyStore(sp.GetRequiredService<IDbContextFactory<OcopDbContext>>(), null));
        services.AddSingleton<Traceability.ScanCounter>();
        services.AddSingleton<Traceability.TraceabilityService>();
        services.AddSingleton<Traceability.LotService>();
        return services;
    }
}
