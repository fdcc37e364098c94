using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Complaints.Domain;
using OcopMarket.Core.Orders.Domain;

namespace OcopMarket.Core.Complaints.Persistence;

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> e)
    {
        e.ToTable("Complaints");
        e.Property(c => c.OrderNumber).HasMaxLength(40);
        e.Property(c => c.BuyerUserId).HasMaxLength(450);
        e.Property(c => c.DecidedByUserId).HasMaxLength(450);
        e.Property(c => c.Text).HasMaxLength(Complaint.MaxTextLength);
        e.Property(c => c.Answer).HasMaxLength(Complaint.MaxAnswerLength);
        e.Property(c => c.DecisionNote).HasMaxLength(Complaint.MaxReasonLength);
        e.Property(c => c.RefundReference).HasMaxLength(Complaint.MaxReferenceLength);
        e.Ignore(c => c.IsOpen);
        // Every step moves the status: two steps at once (the deadline worker on two nodes, an answer at the deadline,
        // two officers) cannot both save, as with orders.
        e.Property(c => c.Status).IsConcurrencyToken();
        // One complaint not yet settled per order: set while open, null once settled (nulls never collide).
        e.HasIndex(c => c.OpenOrderId).IsUnique();
        e.HasIndex(c => c.OrderId);
        e.HasIndex(c => new { c.Status, c.OpenedAt });
        e.HasIndex(c => new { c.ProducerId, c.OpenedAt });
        e.HasIndex(c => new { c.Status, c.AnswerDueAt });
        e.HasIndex(c => c.BuyerUserId);
        e.HasOne<Order>().WithMany().HasForeignKey(c => c.OrderId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AppUser>().WithMany().HasForeignKey(c => c.BuyerUserId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(c => c.Photos).WithOne().HasForeignKey(p => p.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(c => c.Photos).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.HasMany(c => c.Events).WithOne().HasForeignKey(p => p.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(c => c.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ComplaintPhotoConfiguration : IEntityTypeConfiguration<ComplaintPhoto>
{
    public void Configure(EntityTypeBuilder<ComplaintPhoto> e)
    {
        e.ToTable("ComplaintPhotos");
        e.Property(p => p.DisplayPath).HasMaxLength(200);
        e.Property(p => p.ThumbnailPath).HasMaxLength(200);
    }
}

internal sealed class ComplaintEventConfiguration : IEntityTypeConfiguration<ComplaintEvent>
{
    public void Configure(EntityTypeBuilder<ComplaintEvent> e)
    {
        e.ToTable("ComplaintEvents");
        e.Property(p => p.Note).HasMaxLength(ComplaintEvent.MaxNoteLength);
    }
}

internal sealed class LabelReportConfiguration : IEntityTypeConfiguration<LabelReport>
{
    public void Configure(EntityTypeBuilder<LabelReport> e)
    {
        e.ToTable("LabelReports");
        e.Property(r => r.LotCode).HasMaxLength(64);
        e.Property(r => r.LotPublicCode).HasMaxLength(16);
        e.Property(r => r.ProductName).HasMaxLength(300);
        e.Property(r => r.Serial).HasMaxLength(64);
        e.Property(r => r.Contact).HasMaxLength(LabelReport.MaxContactLength);
        e.Property(r => r.Note).HasMaxLength(LabelReport.MaxNoteLength);
        e.Property(r => r.ReporterUserId).HasMaxLength(450);
        e.Property(r => r.ReviewedByUserId).HasMaxLength(450);
        e.HasIndex(r => new { r.ReviewedAt, r.ReportedAt });
        e.HasIndex(r => r.ReporterUserId);
        e.HasOne<AppUser>().WithMany().HasForeignKey(r => r.ReporterUserId).OnDelete(DeleteBehavior.SetNull);
    }
}
