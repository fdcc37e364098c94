using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Catalog.Domain;

namespace OcopMarket.Core.Catalog.Persistence;

internal sealed class RankedSearchConfiguration : IEntityTypeConfiguration<RankedSearch>
{
    public void Configure(EntityTypeBuilder<RankedSearch> e)
    {
        e.ToTable("RankedSearches");
        e.HasKey(x => x.Match);
        // One word's expression: a prefix of a folded word in quotes or with :*, far under this.
        e.Property(x => x.Match).HasMaxLength(200);
    }
}
