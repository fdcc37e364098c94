using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Programme.Domain;

namespace OcopMarket.Core.Programme.Persistence;

internal sealed class NationalFigureConfiguration : IEntityTypeConfiguration<NationalFigure>
{
    public void Configure(EntityTypeBuilder<NationalFigure> e)
    {
        e.ToTable("NationalFigures");
        e.Property(x => x.Value).HasPrecision(14, 2);
        e.Property(x => x.SourceUrl).HasMaxLength(500);
        e.Property(x => x.SourceTitle).HasMaxLength(200);
        e.Property(x => x.EnteredByUserId).HasMaxLength(64);
        e.HasIndex(x => new { x.Metric, x.AsOf });
    }
}

internal sealed class ProgrammeSnapshotConfiguration : IEntityTypeConfiguration<ProgrammeSnapshot>
{
    public void Configure(EntityTypeBuilder<ProgrammeSnapshot> e)
    {
        e.ToTable("ProgrammeSnapshots");
        e.Property(x => x.Value).HasPrecision(14, 2);
        e.Property(x => x.Scope).HasMaxLength(8);
        // The claim: a second node taking the same month's snapshot fails on this key and leaves the first one's rows.
        e.HasIndex(x => new { x.Month, x.Scope, x.Metric }).IsUnique();
    }
}
