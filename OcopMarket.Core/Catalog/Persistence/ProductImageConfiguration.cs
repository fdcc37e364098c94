using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Catalog.Domain;

namespace OcopMarket.Core.Catalog.Persistence;

internal sealed class ProductImageConfiguration : IEntityTypeConfiguration<ProductImage>
{
    public void Configure(EntityTypeBuilder<ProductImage> e)
    {
        e.Property(i => i.DisplayPath).HasMaxLength(200);
        e.Property(i => i.ThumbnailPath).HasMaxLength(200);
        e.HasIndex(i => new { i.ProductId, i.Position });
        
    }
}
