using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Bookings.Domain;
using OcopMarket.Core.Catalog.Domain;

namespace OcopMarket.Core.Bookings.Persistence;

internal sealed class BookableOfferConfiguration : IEntityTypeConfiguration<BookableOffer>
{
    public void Configure(EntityTypeBuilder<BookableOffer> e)
    {
        e.ToTable("BookableOffers");
        e.HasKey(x => x.ProductId);
        e.Property(x => x.ProductId).ValueGeneratedNever();
        e.HasOne<Product>().WithOne().HasForeignKey<BookableOffer>(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Slots).HasMaxLength(100);
        e.Ignore(x => x.SlotList);
        e.Property(x => x.Seasons).HasMaxLength(100); // six "dd/MM-dd/MM" at most
        e.Ignore(x => x.SeasonList);
        e.Ignore(x => x.IsStay);
    }
}

internal sealed class BookingDayConfiguration : IEntityTypeConfiguration<BookingDay>
{
    public void Configure(EntityTypeBuilder<BookingDay> e)
    {
        e.ToTable("BookingDays");
        e.HasKey(x => new { x.ProductId, x.Date, x.Slot });
        e.Property(x => x.Slot).HasMaxLength(5);
        e.HasOne<BookableOffer>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BookingClosedDateConfiguration : IEntityTypeConfiguration<BookingClosedDate>
{
    public void Configure(EntityTypeBuilder<BookingClosedDate> e)
    {
        e.ToTable("BookingClosedDates");
        e.HasKey(x => new { x.ProductId, x.Date });
        e.HasOne<BookableOffer>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> e)
    {
        e.ToTable("Bookings");
        e.Property(x => x.OrderNumber).HasMaxLength(32);
        e.Property(x => x.ProductName).HasMaxLength(300);
        e.Property(x => x.Slot).HasMaxLength(5);
        e.Property(x => x.GuestName).HasMaxLength(200);
        e.Property(x => x.GuestPhone).HasMaxLength(20);
        e.Ignore(x => x.Choice);
        // The order is Orders' entity: Bookings keeps only its id (Orders depends on Bookings, never the reverse).
        e.HasIndex(x => x.OrderId);
        // The producer's calendar: their bookings still holding places, by first day.
        e.HasIndex(x => new { x.ProducerId, x.StartDate });
        e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}
