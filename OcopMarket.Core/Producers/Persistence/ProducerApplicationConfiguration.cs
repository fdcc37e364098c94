using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Producers.Domain;

namespace OcopMarket.Core.Producers.Persistence;

internal sealed class ProducerApplicationConfiguration : IEntityTypeConfiguration<ProducerApplication>
{
    public void Configure(EntityTypeBuilder<ProducerApplication> e)
    {
        e.Property(a => a.EntityName).HasMaxLength(300);
        e.Property(a => a.BusinessRegistrationNumber).HasMaxLength(50);
        e.Property(a => a.Phone).HasMaxLength(20);
        e.Property(a => a.Description).HasMaxLength(4000);
        e.Property(a => a.RejectionReason).HasMaxLength(1000);
        e.Property(a => a.StreetAddress).HasMaxLength(300);
        e.Property(a => a.SellerRulesVersion).HasMaxLength(32);
        e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId);
        e.HasIndex(a => new { a.Status, a.SubmittedAt });
        e.HasIndex(a => a.UserId);
    }
}
