using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Producers.Domain;

namespace OcopMarket.Core.Producers.Persistence;

internal sealed class ProducerConfiguration : IEntityTypeConfiguration<Producer>
{
    public void Configure(EntityTypeBuilder<Producer> e)
    {
        e.Property(p => p.Name).HasMaxLength(300);
        e.Property(p => p.Slug).HasMaxLength(120);
        e.Property(p => p.BusinessRegistrationNumber).HasMaxLength(50);
        e.Property(p => p.ApprovedByName).HasMaxLength(256);
        e.HasIndex(p => p.Slug).IsUnique();
        e.HasOne(p => p.Province).WithMany().HasForeignKey(p => p.ProvinceCode);
        e.HasOne(p => p.Commune).WithMany().HasForeignKey(p => p.CommuneCode);
        // The accounts that act for this producer; they stay (as buyers) if the producer is removed.
        e.HasMany<AppUser>().WithOne().HasForeignKey(u => u.ProducerId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(p => p.ProvinceCode);
        e.HasIndex(p => p.Type);
        
    }
}
