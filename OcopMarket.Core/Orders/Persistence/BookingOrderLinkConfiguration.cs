using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Bookings.Domain;
using OcopMarket.Core.Orders.Domain;

namespace OcopMarket.Core.Orders.Persistence;

/// <summary>
/// A booking belongs to its order. Configured here, on the Orders side, because Orders depends on Bookings (checkout
/// reserves places) and Bookings must not name the Order type back.
/// </summary>
internal sealed class BookingOrderLinkConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> e) =>
        e.HasOne<Order>().WithMany().HasForeignKey(b => b.OrderId).OnDelete(DeleteBehavior.Cascade);
}
