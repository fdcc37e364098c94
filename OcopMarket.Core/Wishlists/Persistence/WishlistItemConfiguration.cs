using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Wishlists.Domain;

namespace OcopMarket.Core.Wishlists.Persistence;

internal sealed class WishlistItemConfiguration : IEntityTypeConfiguration<WishlistItem>
{
    public void Configure(EntityTypeBuilder<WishlistItem> e)
    {
        e.ToTable("WishlistItems");
        e.Property(x => x.UserId).HasMaxLength(450);
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.UserId, x.ProductId }).IsUnique();
        e.HasIndex(x => new { x.Alerts, x.ProductId }); // the alert run reads only the items that asked
    }
}
