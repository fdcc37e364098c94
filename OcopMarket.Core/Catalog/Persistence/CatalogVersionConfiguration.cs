using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Catalog.Domain;

namespace OcopMarket.Core.Catalog.Persistence;

internal sealed class CatalogVersionConfiguration : IEntityTypeConfiguration<CatalogVersion>
{
    public void Configure(EntityTypeBuilder<CatalogVersion> e)
    {
        e.ToTable("CatalogVersion");
        e.Property(x => x.Id).ValueGeneratedNever();
        // The row exists from the migration on, so moving it is always a plain UPDATE of one row.
        e.HasData(new { Id = CatalogVersion.RowId, Value = 0L }, new { Id = CatalogVersion.SearchTextRowId, Value = 0L });
    }
}
