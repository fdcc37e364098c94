using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Traceability.Domain;

namespace OcopMarket.Core.Traceability.Persistence;

internal sealed class ServerSecretConfiguration : IEntityTypeConfiguration<ServerSecret>
{
    public void Configure(EntityTypeBuilder<ServerSecret> e)
    {
        e.HasKey(x => x.Name);
        e.Property(x => x.Name).HasMaxLength(100);
        
    }
}
