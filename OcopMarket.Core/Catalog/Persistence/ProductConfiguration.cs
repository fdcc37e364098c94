using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Reference.Domain;

namespace OcopMarket.Core.Catalog.Persistence;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> e)
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
        e.Ignore(p => p.ReviewAverage);
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
        // A product page's "more of this product set", newest first: a seek to the set and six rows in order. The
        // set's foreign key index alone made SQLite read and sort the whole set (4,755 rows, 12 ms at 100,000
        // products, for every product page). It also serves as that foreign key's index.
        e.HasIndex(p => new { p.ProductSetCode, p.CreatedAt, p.Id }, "IX_Products_Set_Newest");
        // The same for a province's listing: its foreign key index made SQLite gather and sort every product of the
        // province (27,000 at 1,000,000 products: p95 51 ms); this one is a seek and 24 rows in order.
        e.HasIndex(p => new { p.ProvinceCode, p.CreatedAt, p.Id }, "IX_Products_Province_Newest");
        // The open data API's updatedSince pages in this order.
        e.HasIndex(p => new { p.UpdatedAt, p.Id }, "IX_Products_Updated");
        // The home page's featured products: current 5★, newest first (StorefrontService), without a sort of every 5★ row.
        e.HasIndex(p => new { p.CertificateStars, p.CreatedAt, p.Id, p.CertificateValidUntil, p.Stock }, "IX_Products_Featured")
            .HasFilter("\"IsPublished\"");
        
    }
}
