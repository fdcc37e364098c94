using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Reviews.Domain;

namespace OcopMarket.Core.Reviews.Persistence;

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> e)
    {
        e.ToTable("Reviews");
        e.Property(r => r.AuthorUserId).HasMaxLength(450);
        e.Property(r => r.AuthorName).HasMaxLength(Review.MaxAuthorNameLength);
        e.Property(r => r.Text).HasMaxLength(Review.MaxTextLength);
        e.Property(r => r.Reply).HasMaxLength(Review.MaxReplyLength);
        e.Property(r => r.ModerationReason).HasMaxLength(Review.MaxReasonLength);
        e.Property(r => r.HeldBecause).HasMaxLength(80);
        e.Ignore(r => r.IsPublished);
        // One review per order line, whoever races to write it: the second insert fails on this index.
        e.HasIndex(r => r.OrderLineId).IsUnique();
        e.HasOne<OrderLine>().WithMany().HasForeignKey(r => r.OrderLineId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Product>().WithMany().HasForeignKey(r => r.ProductId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<AppUser>().WithMany().HasForeignKey(r => r.AuthorUserId).OnDelete(DeleteBehavior.Cascade);
        // The product page's two orders over its published reviews, and the distribution's GROUP BY.
        e.HasIndex(r => new { r.ProductId, r.Status, r.PublishedAt, r.Id }, "IX_Reviews_Product_Newest");
        e.HasIndex(r => new { r.ProductId, r.Status, r.HelpfulCount, r.PublishedAt }, "IX_Reviews_Product_Helpful");
        // The portal's list and the rating over time, per producer; the officer's queue by status.
        e.HasIndex(r => new { r.ProducerId, r.CreatedAt });
        e.HasIndex(r => new { r.Status, r.CreatedAt });
        e.HasIndex(r => r.AuthorUserId);
        e.HasMany(r => r.Photos).WithOne().HasForeignKey(p => p.ReviewId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(r => r.Photos).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ReviewPhotoConfiguration : IEntityTypeConfiguration<ReviewPhoto>
{
    public void Configure(EntityTypeBuilder<ReviewPhoto> e)
    {
        e.ToTable("ReviewPhotos");
        e.Property(p => p.DisplayPath).HasMaxLength(200);
        e.Property(p => p.ThumbnailPath).HasMaxLength(200);
    }
}

internal sealed class ReviewReportConfiguration : IEntityTypeConfiguration<ReviewReport>
{
    public void Configure(EntityTypeBuilder<ReviewReport> e)
    {
        e.ToTable("ReviewReports");
        e.Property(r => r.UserId).HasMaxLength(450);
        e.Property(r => r.Reason).HasMaxLength(ReviewReport.MaxReasonLength);
        e.HasIndex(r => new { r.ReviewId, r.UserId }).IsUnique(); // once per person
        e.HasOne<Review>().WithMany().HasForeignKey(r => r.ReviewId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewVoteConfiguration : IEntityTypeConfiguration<ReviewVote>
{
    public void Configure(EntityTypeBuilder<ReviewVote> e)
    {
        e.ToTable("ReviewVotes");
        e.Property(r => r.UserId).HasMaxLength(450);
        e.HasIndex(r => new { r.ReviewId, r.UserId }).IsUnique(); // once per person
        e.HasOne<Review>().WithMany().HasForeignKey(r => r.ReviewId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
