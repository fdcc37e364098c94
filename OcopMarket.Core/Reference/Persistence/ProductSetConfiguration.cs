using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Reference.Domain;

namespace OcopMarket.Core.Reference.Persistence;

internal sealed class ProductSetConfiguration : IEntityTypeConfiguration<ProductSet>
{
    public void Configure(EntityTypeBuilder<ProductSet> e)
    {
        e.HasKey(s => s.Code);
        e.Property(s => s.Code).HasMaxLength(8);
        
    }
}
