using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.AbuseLimits.Domain;

namespace OcopMarket.Core.AbuseLimits.Persistence;

internal sealed class RateWindowConfiguration : IEntityTypeConfiguration<RateWindow>
{
    public void Configure(EntityTypeBuilder<RateWindow> e)
    {
        e.ToTable("RateWindows");
        e.HasKey(x => x.Key);
        e.Property(x => x.Key).HasMaxLength(64);
        e.HasIndex(x => x.EndsAtMs); // the purge of ended windows
    }
}
