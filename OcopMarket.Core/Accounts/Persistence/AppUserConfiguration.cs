using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OcopMarket.Core.Accounts.Persistence;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> e)
    {
        e.Property(u => u.DisplayName).HasMaxLength(200);
        // The link to the producer an account acts for is mapped from the producer's side (ProducerConfiguration):
        // accounts are the lower layer, every capability knows them, they know no capability.
    }
}
