using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.PublicPages.Domain;

namespace OcopMarket.Core.PublicPages.Persistence;

internal sealed class PageChangeConfiguration : IEntityTypeConfiguration<PageChange>
{
    public void Configure(EntityTypeBuilder<PageChange> e)
    {
        e.ToTable("PageChanges");
        e.Property(x => x.Tags).HasMaxLength(PageChange.MaxTagsLength);
        // Each node reads the changes of the last seconds once a second.
        e.HasIndex(x => x.AtUtc);
    }
}
