using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Admin.Domain;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Producers.Domain;

namespace OcopMarket.Core.Admin.Persistence;

internal sealed class AuthorityTakedownConfiguration : IEntityTypeConfiguration<AuthorityTakedown>
{
    public void Configure(EntityTypeBuilder<AuthorityTakedown> e)
    {
        e.ToTable("AuthorityTakedowns");
        e.Property(x => x.Target).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.TargetName).HasMaxLength(300);
        e.Property(x => x.Authority).HasMaxLength(200);
        e.Property(x => x.Reference).HasMaxLength(100);
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.Property(x => x.OfficerId).HasMaxLength(450);
        e.Property(x => x.OfficerName).HasMaxLength(200);
        e.Property(x => x.LiftedByName).HasMaxLength(200);
        e.Property(x => x.LiftNote).HasMaxLength(1000);
        e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Producer>().WithMany().HasForeignKey(x => x.ProducerId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.ReceivedAt);
    }
}
