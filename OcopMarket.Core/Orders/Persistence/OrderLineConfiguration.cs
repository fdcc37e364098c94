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
        e.OwnsOne(l => l.Booking, b =>
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
