using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Legal.Domain;

namespace OcopMarket.Core.Legal.Persistence;

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> e)
    {
        e.ToTable("ConsentRecords");
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.DocumentVersion).HasMaxLength(32);
        e.Property(x => x.Purpose).HasConversion<string>().HasMaxLength(32);
        e.Property(x => x.Source).HasConversion<string>().HasMaxLength(32);
        // An account's lines go with the account (deleting it deletes what it agreed to; guests' lines stay with their orders).
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.UserId, x.Purpose });
        e.HasIndex(x => x.CheckoutId);
    }
}
