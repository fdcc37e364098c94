using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Reference.Domain;

namespace OcopMarket.Core.Reference.Persistence;

internal sealed class ProvinceConfiguration : IEntityTypeConfiguration<Province>
{
    public void Configure(EntityTypeBuilder<Province> e)
    {
        e.HasKey(p => p.Code);
        e.Property(p => p.Code).HasMaxLength(2);
        e.Property(p => p.Name).HasMaxLength(100);
        e.Property(p => p.Slug).HasMaxLength(100);
        e.HasIndex(p => p.Slug).IsUnique();
        
    }
}
