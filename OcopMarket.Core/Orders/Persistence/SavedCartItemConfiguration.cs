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
        e.OwnsOne(x => x.Booking, b =>
        {
            b.Property(x => x.Date).HasColumnName("BookingDate");
            b.Property(x => x.Nights).HasColumnName("BookingNights");
            b.Property(x => x.People).HasColumnName("BookingPeople");
            b.Property(x => x.Slot).HasColumnName("BookingSlot").HasMaxLength(5);
            b.Ignore(x => x.Days);
            b.Ignore(x => x.LastDay);
        });
    }
}
