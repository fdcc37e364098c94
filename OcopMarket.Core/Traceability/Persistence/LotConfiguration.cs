using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Traceability.Domain;

namespace OcopMarket.Core.Traceability.Persistence;

internal sealed class LotConfiguration : IEntityTypeConfiguration<Lot>
{
    public void Configure(EntityTypeBuilder<Lot> e)
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
        
    }
}
