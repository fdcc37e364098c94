using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.ProducerApi.Domain;

namespace OcopMarket.Core.ProducerApi.Persistence;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> e)
    {
        e.ToTable("ApiTokens");
        e.Property(x => x.Name).HasMaxLength(60);
        e.Property(x => x.Hash).HasMaxLength(64);
        e.Property(x => x.Hint).HasMaxLength(16);
        e.Property(x => x.CreatedByUserId).HasMaxLength(450);
        e.HasIndex(x => x.Hash).IsUnique();
        e.HasIndex(x => x.ProducerId);
        e.Ignore(x => x.IsActive);
    }
}
