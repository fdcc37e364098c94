using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Privacy.Domain;

namespace OcopMarket.Core.Privacy.Persistence;

internal sealed class DataRequestConfiguration : IEntityTypeConfiguration<DataRequest>
{
    public void Configure(EntityTypeBuilder<DataRequest> e)
    {
        e.ToTable("DataRequests");
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        // Two officers closing one request at once: the second save finds the status moved and fails.
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.OrderNumber).HasMaxLength(30);
        e.Property(x => x.ContactEmail).HasMaxLength(256);
        e.Property(x => x.Text).HasMaxLength(DataRequest.MaxTextLength);
        e.Property(x => x.OfficerNote).HasMaxLength(DataRequest.MaxNoteLength);
        e.Property(x => x.HandledByUserId).HasMaxLength(450);
        e.Ignore(x => x.IsOpen);
        // Erasure unlinks a person's requests itself (DataRequest.Unlink); SetNull guards any other deletion of an account.
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(x => new { x.Status, x.DueAt }); // the officers' desk: open ones, most urgent first
        e.HasIndex(x => x.UserId);
        e.HasIndex(x => x.CheckoutId);
    }
}
