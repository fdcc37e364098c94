using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Orders.Domain;

namespace OcopMarket.Core.Orders.Persistence;

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> e)
    {
        e.Property(l => l.ProductName).HasMaxLength(300);
        e.Ignore(l => l.LineTotalVnd);
        e.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        
    }
}
