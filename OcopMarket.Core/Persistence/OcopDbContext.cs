using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Email.Domain;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Core.Traceability.Domain;

namespace OcopMarket.Core.Persistence;

/// <summary>The one database: catalog, producers, and the Identity tables of the accounts.</summary>
public sealed class OcopDbContext(DbContextOptions<OcopDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Province> Provinces => Set<Province>();
    public DbSet<Commune> Communes => Set<Commune>();
    public DbSet<ProductSet> ProductSets => Set<ProductSet>();
    public DbSet<Producer> Producers => Set<Producer>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<OcopCertificate> Certificates => Set<OcopCertificate>();
    public DbSet<ProducerApplication> ProducerApplications => Set<ProducerApplication>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<ProcessedWebhookEvent> ProcessedWebhookEvents => Set<ProcessedWebhookEvent>();
    public DbSet<SavedCartItem> SavedCartItems => Set<SavedCartItem>();
    public DbSet<Lot> Lots => Set<Lot>();
    public DbSet<TraceEvent> TraceEvents => Set<TraceEvent>();
    public DbSet<SerialScan> SerialScans => Set<SerialScan>();
    public DbSet<ServerSecret> ServerSecrets => Set<ServerSecret>();
    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<AppUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.HasOne<Producer>().WithMany().HasForeignKey(u => u.ProducerId).OnDelete(DeleteBehavior.SetNull);
        });

        b.Entity<ProducerApplication>(e =>
        {
            e.Property(a => a.EntityName).HasMaxLength(300);
            e.Property(a => a.BusinessRegistrationNumber).HasMaxLength(50);
            e.Property(a => a.Phone).HasMaxLength(20);
            e.Property(a => a.Description).HasMaxLength(4000);
            e.Property(a => a.RejectionReason).HasMaxLength(1000);
            e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId);
            e.HasIndex(a => new { a.Status, a.SubmittedAt });
            e.HasIndex(a => a.UserId);
        });

        b.Entity<Province>(e =>
        {
            e.HasKey(p => p.Code);
            e.Property(p => p.Code).HasMaxLength(2);
            e.Property(p => p.Name).HasMaxLength(100);
            e.Property(p => p.Slug).HasMaxLength(100);
            e.HasIndex(p => p.Slug).IsUnique();
        });

        b.Entity<Commune>(e =>
        {
            e.HasKey(c => c.Code);
            e.Property(c => c.Code).HasMaxLength(5);
            e.Property(c => c.Name).HasMaxLength(100);
            e.HasOne<Province>().WithMany().HasForeignKey(c => c.ProvinceCode);
            e.HasIndex(c => new { c.ProvinceCode, c.Name });
        });

        b.Entity<ProductSet>(e =>
        {
            e.HasKey(s => s.Code);
            e.Property(s => s.Code).HasMaxLength(8);
        });

        b.Entity<Producer>(e =>
        {
            e.Property(p => p.Name).HasMaxLength(300);
            e.Property(p => p.Slug).HasMaxLength(120);
            e.HasIndex(p => p.Slug).IsUnique();
            e.HasOne(p => p.Province).WithMany().HasForeignKey(p => p.ProvinceCode);
            e.HasOne(p => p.Commune).WithMany().HasForeignKey(p => p.CommuneCode);
            e.HasIndex(p => p.ProvinceCode);
            e.HasIndex(p => p.Type);
        });

        b.Entity<Product>(e =>
        {
            e.Property(p => p.Gtin).HasMaxLength(14);
            e.HasIndex(p => p.Gtin).IsUnique().HasFilter("\"Gtin\" IS NOT NULL");
            e.Property(p => p.Name).HasMaxLength(300);
            e.Property(p => p.Slug).HasMaxLength(120);
            e.HasIndex(p => p.Slug).IsUnique();
            e.HasOne(p => p.Producer).WithMany().HasForeignKey(p => p.ProducerId);
            e.HasOne<ProductSet>().WithMany().HasForeignKey(p => p.ProductSetCode);
            e.HasMany(p => p.Certificates).WithOne().HasForeignKey(c => c.ProductId);
            e.Navigation(p => p.Certificates).UsePropertyAccessMode(PropertyAccessMode.Field);
            e.HasMany(p => p.Images).WithOne().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Cascade);
            e.Navigation(p => p.Images).UsePropertyAccessMode(PropertyAccessMode.Field);
            e.Ignore(p => p.LatestCertificate);
            e.Property(p => p.ProvinceCode).HasMaxLength(2);
            e.HasOne<Province>().WithMany().HasForeignKey(p => p.ProvinceCode).OnDelete(DeleteBehavior.Restrict);
            // The catalog lists published products in one of two orders. Each order has a partial index over the
            // published rows that leads with the sort key and carries every filter column, so a page is read by
            // walking one index in order, testing filters inside it, and stopping after OFFSET + 24 hits: no sort,
            // no table reads, whichever filters are on. IsPublished is repeated as a column because SQLite counts a
            // partial index as covering only when every column the query names is in it; the facet cube then reads
            // the newest-first index instead of the whole table. (An index led by a filter column tempts SQLite to gather
            // all matching rows and sort them, which is slower for broad filters; so there is none.)
            e.HasIndex(p => new { p.CreatedAt, p.Id, p.Group, p.ProductSetCode, p.ProvinceCode, p.ProducerType,
                    p.CertificateStars, p.CertificateValidUntil, p.Stock, p.PriceVnd, p.IsPublished }, "IX_Products_Catalog_Newest")
                .HasFilter("\"IsPublished\"");
            e.HasIndex(p => new { p.PriceVnd, p.Id, p.Group, p.ProductSetCode, p.ProvinceCode, p.ProducerType,
                    p.CertificateStars, p.CertificateValidUntil, p.Stock, p.CreatedAt, p.IsPublished }, "IX_Products_Catalog_Price")
                .HasFilter("\"IsPublished\"");
            e.HasIndex(p => p.ProducerId);
        });

        b.Entity<Order>(e =>
        {
            e.Property(o => o.Number).HasMaxLength(30);
            // Two writers racing on one order (a payment arriving as its window closes, a producer and a buyer
            // cancelling at once): the second save sees the status moved and fails instead of overwriting it.
            e.Property(o => o.Status).IsConcurrencyToken();
            e.HasIndex(o => o.Number).IsUnique();
            e.HasIndex(o => o.CheckoutId);
            e.HasIndex(o => new { o.ProducerId, o.Status, o.PlacedAt });
            e.HasIndex(o => new { o.BuyerUserId, o.PlacedAt });
            e.HasIndex(o => new { o.Status, o.PaymentDueAt });
            e.HasOne<Producer>().WithMany().HasForeignKey(o => o.ProducerId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(o => o.Lines).WithOne().HasForeignKey("OrderId").OnDelete(DeleteBehavior.Cascade);
            e.Navigation(o => o.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
            e.HasMany(o => o.Events).WithOne().HasForeignKey("OrderId").OnDelete(DeleteBehavior.Cascade);
            e.Navigation(o => o.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
            e.OwnsOne(o => o.Delivery, d =>
            {
                d.Property(x => x.RecipientName).HasMaxLength(200);
                d.Property(x => x.Phone).HasMaxLength(20);
                d.Property(x => x.Street).HasMaxLength(300);
                d.Property(x => x.Note).HasMaxLength(1000);
            });
            e.Ignore(o => o.SubtotalVnd);
            e.Ignore(o => o.TotalVnd);
            e.Ignore(o => o.IsPaid);
            e.Ignore(o => o.NeedsRefundOnCancel);
            e.Ignore(o => o.RefundOwed);
            e.Property(o => o.CardSessionId).HasMaxLength(255);
            e.Property(o => o.CardPaymentId).HasMaxLength(255);
            e.Property(o => o.RefundId).HasMaxLength(255);
            e.HasIndex(o => o.CardSessionId);
        });
        b.Entity<OrderLine>(e =>
        {
            e.Property(l => l.ProductName).HasMaxLength(300);
            e.Ignore(l => l.LineTotalVnd);
            e.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Lot>(e =>
        {
            e.Property(l => l.Code).HasMaxLength(20);
            e.Property(l => l.PublicCode).HasMaxLength(8);
            e.Property(l => l.GrowingAreaCode).HasMaxLength(40);
            e.Property(l => l.Notes).HasMaxLength(2000);
            e.HasIndex(l => l.PublicCode).IsUnique();
            e.HasIndex(l => new { l.ProductId, l.Code }).IsUnique();
            e.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(l => l.Events).WithOne().HasForeignKey(x => x.LotId).OnDelete(DeleteBehavior.Cascade);
            e.Navigation(l => l.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
            // Raw materials are read and written with their lot, never queried alone: one JSON column.
            e.Ignore(l => l.RawMaterials);
            e.Property<List<RawMaterial>>("_rawMaterials").HasColumnName("RawMaterials")
                .HasConversion(
                    v => System.Text.Json.JsonSerializer.Serialize(v, (System.Text.Json.JsonSerializerOptions?)null),
                    v => System.Text.Json.JsonSerializer.Deserialize<List<RawMaterial>>(v, (System.Text.Json.JsonSerializerOptions?)null) ?? new List<RawMaterial>(),
                    new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<RawMaterial>>(
                        (a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, m) => HashCode.Combine(h, m.GetHashCode())), v => v.ToList()));
        });
        b.Entity<TraceEvent>(e =>
        {
            e.Property(x => x.Place).HasMaxLength(300);
            e.Property(x => x.Description).HasMaxLength(2000);
            e.Property(x => x.InspectionResult).HasMaxLength(500);
            e.Property(x => x.Inspector).HasMaxLength(300);
            e.Property(x => x.AttachmentPath).HasMaxLength(200);
            e.Property(x => x.AttachmentContentType).HasMaxLength(100);
            e.HasIndex(x => new { x.LotId, x.OccurredAt });
        });
        b.Entity<SerialScan>(e => e.HasKey(x => new { x.LotId, x.SerialNumber }));
        b.Entity<ServerSecret>(e =>
        {
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(100);
        });

        b.Entity<SavedCartItem>(e =>
        {
            e.HasKey(x => new { x.UserId, x.ProductId });
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<ProcessedWebhookEvent>(e =>
        {
            e.Property(x => x.Id).HasMaxLength(255);
            e.Property(x => x.Type).HasMaxLength(100);
        });

        b.Entity<OutboxEmail>(e =>
        {
            e.Property(x => x.To).HasMaxLength(320);
            e.Property(x => x.Subject).HasMaxLength(300);
            e.HasIndex(x => new { x.SentAt, x.NextAttemptAt });
        });

        b.Entity<ProductImage>(e =>
        {
            e.Property(i => i.DisplayPath).HasMaxLength(200);
            e.Property(i => i.ThumbnailPath).HasMaxLength(200);
            e.HasIndex(i => new { i.ProductId, i.Position });
        });

        b.Entity<OcopCertificate>(e =>
        {
            e.Property(c => c.Number).HasMaxLength(300);
            e.Ignore(c => c.ValidUntil);
        });
    }
}
