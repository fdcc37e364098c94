using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Reference.Domain;

namespace OcopMarket.Core.Reference.Persistence;

internal sealed class CommuneConfiguration : IEntityTypeConfiguration<Commune>
{
    public void Configure(EntityTypeBuilder<Commune> e)
    {
        e.HasKey(c => c.Code);
        e.Property(c => c.Code).HasMaxLength(5);
        e.Property(c => c.Name).HasMaxLength(100);
        e.HasOne<Province>().WithMany().HasForeignKey(c => c.ProvinceCode);
        e.HasIndex(c => new { c.ProvinceCode, c.Name });
        
    }
}
