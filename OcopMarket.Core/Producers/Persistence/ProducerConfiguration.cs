using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference.Domain;

namespace OcopMarket.Core.Producers.Persistence;

internal sealed class ProducerConfiguration : IEntityTypeConfiguration<Producer>
{
    public void Configure(EntityTypeBuilder<Producer> e)
    {
        e.Property(p => p.Name).HasMaxLength(300);
        e.Property(p => p.Slug).HasMaxLength(120);
        e.HasIndex(p => p.Slug).IsUnique();
        e.HasOne(p => p.Province).WithMany().HasForeignKey(p => p.ProvinceCode);
        e.HasOne(p => p.Commune).WithMany().HasForeignKey(p => p.CommuneCode);
        e.HasIndex(p => p.ProvinceCode);
        e.HasIndex(p => p.Type);
        
    }
}
