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
        // Deleting an account keeps its lines as the proof of what was agreed, unlinked first (ConsentRecord.Unlink);
        // SetNull only guards a deletion that skipped that step.
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.SetNull);
        e.Property(x => x.SubjectHash).HasMaxLength(64);
        e.HasIndex(x => x.SubjectHash);
        e.HasIndex(x => new { x.UserId, x.Purpose });
        e.HasIndex(x => x.CheckoutId);
    }
}
