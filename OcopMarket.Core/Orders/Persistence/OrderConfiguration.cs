using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Producers.Domain;

namespace OcopMarket.Core.Orders.Persistence;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> e)
    {
        e.Property(o => o.Number).HasMaxLength(30);
        // Two writers racing on one order (a payment arriving as its window closes, a producer and a buyer
        // cancelling at once): the second save sees the status moved and fails instead of overwriting it.
        e.Property(o => o.Status).IsConcurrencyToken();
        e.HasIndex(o => o.Number).IsUnique();
        e.HasIndex(o => o.CheckoutId);
        e.HasIndex(o => new { o.ProducerId, o.Status, o.PlacedAt });
        // The producer's sales dashboard reads a period of one producer's orders, whatever their status.
        e.HasIndex(o => new { o.ProducerId, o.PlacedAt });
        e.HasIndex(o => new { o.BuyerUserId, o.PlacedAt });
        e.HasIndex(o => o.PlacedAt); // the retention run reads the oldest orders first (AnonymiseOrdersPastRetentionAsync)
        e.HasIndex(o => new { o.Status, o.PaymentDueAt });
        e.HasIndex(o => new { o.Status, o.ConfirmationDueAt });
        e.Property(o => o.PlacedFromIp).HasMaxLength(45); // the longest textual IPv6 address
        e.HasIndex(o => o.PlacedFromIp);
        e.HasOne<Producer>().WithMany().HasForeignKey(o => o.ProducerId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(o => o.Lines).WithOne().HasForeignKey("OrderId").OnDelete(DeleteBehavior.Cascade);
        e.Navigation(o => o.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.HasMany(o => o.Events).WithOne().HasForeignKey("OrderId").OnDelete(DeleteBehavior.Cascade);
        e.Navigation(o => o.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.OwnsOne(o => o.Delivery, d =>
        {
            d.Property(x => x.RecipientName).HasMaxLength(200);
            d.Property(x => x.Phone).HasMaxLength(20);
            d.Property(x => x.Street).HasMaxLength(300);
            d.Property(x => x.Note).HasMaxLength(1000);
        });
        e.Ignore(o => o.SubtotalVnd);
        e.Ignore(o => o.TotalVnd);
        e.Ignore(o => o.IsPaid);
        e.Ignore(o => o.NeedsRefundOnCancel);
        e.Ignore(o => o.RefundOwed);
        e.Ignore(o => o.IsOpen);
        e.Property(o => o.CardSessionId).HasMaxLength(255);
        e.Property(o => o.CardPaymentId).HasMaxLength(255);
        e.Property(o => o.RefundId).HasMaxLength(255);
        e.HasIndex(o => o.CardSessionId);
        
    }
}
