using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Bookings.Domain;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Email.Domain;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Programme.Domain;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Core.Sales.Domain;
using OcopMarket.Core.Traceability.Domain;

namespace OcopMarket.Core.Persistence;

/// <summary>The one database: catalog, producers, and the Identity tables of the accounts.</summary>
/// <remarks>
/// It also keeps the Data Protection key ring, so sign-in and cart cookies outlive a restart and every instance of
/// the app on this database reads the others' cookies.
/// </remarks>
public abstract class OcopDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// The few places whose SQL must differ between providers (search, upsert, locks) look here; nothing else does.
    /// </summary>
    public abstract DatabaseProvider Provider { get; }

    public DbSet<Province> Provinces => Set<Province>();
    public DbSet<Commune> Communes => Set<Commune>();
    public DbSet<ProductSet> ProductSets => Set<ProductSet>();
    public DbSet<Producer> Producers => Set<Producer>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<RankedSearch> RankedSearches => Set<RankedSearch>();
    public DbSet<OcopCertificate> Certificates => Set<OcopCertificate>();
    public DbSet<ProducerApplication> ProducerApplications => Set<ProducerApplication>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<ProcessedWebhookEvent> ProcessedWebhookEvents => Set<ProcessedWebhookEvent>();
    public DbSet<SavedCartItem> SavedCartItems => Set<SavedCartItem>();
    public DbSet<Lot> Lots => Set<Lot>();
    public DbSet<TraceEvent> TraceEvents => Set<TraceEvent>();
    public DbSet<SerialScan> SerialScans => Set<SerialScan>();
    public DbSet<LotEngagementDay> LotEngagementDays => Set<LotEngagementDay>();
    public DbSet<SalesDay> SalesDays => Set<SalesDay>();
    public DbSet<ProductSalesDay> ProductSalesDays => Set<ProductSalesDay>();
    public DbSet<SalesDelta> SalesDeltas => Set<SalesDelta>();
    public DbSet<ProductSalesDelta> ProductSalesDeltas => Set<ProductSalesDelta>();
    public DbSet<BuyerSalesDay> BuyerSalesDays => Set<BuyerSalesDay>();
    public DbSet<SalesBuyer> SalesBuyers => Set<SalesBuyer>();
    public DbSet<BuyerDelta> BuyerDeltas => Set<BuyerDelta>();
    public DbSet<ServerSecret> ServerSecrets => Set<ServerSecret>();
    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();
    public DbSet<Legal.Domain.ConsentRecord> ConsentRecords => Set<Legal.Domain.ConsentRecord>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<AbuseLimits.Domain.RateWindow> RateWindows => Set<AbuseLimits.Domain.RateWindow>();
    public DbSet<Admin.Domain.AuthorityTakedown> AuthorityTakedowns => Set<Admin.Domain.AuthorityTakedown>();
    public DbSet<NationalFigure> NationalFigures => Set<NationalFigure>();
    public DbSet<ProgrammeSnapshot> ProgrammeSnapshots => Set<ProgrammeSnapshot>();
    public DbSet<BookableOffer> BookableOffers => Set<BookableOffer>();
    public DbSet<BookingDay> BookingDays => Set<BookingDay>();
    public DbSet<BookingClosedDate> BookingClosedDates => Set<BookingClosedDate>();
    public DbSet<Booking> Bookings => Set<Booking>();
    public DbSet<Privacy.Domain.DataRequest> DataRequests => Set<Privacy.Domain.DataRequest>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        // One IEntityTypeConfiguration per entity, in the Persistence folder of the capability that owns it.
        b.ApplyConfigurationsFromAssembly(typeof(OcopDbContext).Assembly);
    }
}
