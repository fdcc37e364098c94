using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Producers.Domain;

namespace OcopMarket.Core.Accounts.Persistence;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> e)
    {
        e.Property(u => u.DisplayName).HasMaxLength(200);
        e.HasOne<Producer>().WithMany().HasForeignKey(u => u.ProducerId).OnDelete(DeleteBehavior.SetNull);
        
    }
}
