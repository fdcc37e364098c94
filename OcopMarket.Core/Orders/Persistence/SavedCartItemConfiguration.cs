using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Orders.Domain;

namespace OcopMarket.Core.Orders.Persistence;

internal sealed class SavedCartItemConfiguration : IEntityTypeConfiguration<SavedCartItem>
{
    public void Configure(EntityTypeBuilder<SavedCartItem> e)
    {
        e.HasKey(x => new { x.UserId, x.ProductId });
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        
    }
}
