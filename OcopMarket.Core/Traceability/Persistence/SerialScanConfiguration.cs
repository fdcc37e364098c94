using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Traceability.Domain;

namespace OcopMarket.Core.Traceability.Persistence;

internal sealed class SerialScanConfiguration : IEntityTypeConfiguration<SerialScan>
{
    public void Configure(EntityTypeBuilder<SerialScan> e)
    {
        e.HasKey(x => new { x.LotId, x.SerialNumber });
    }
}

internal sealed class LotEngagementDayConfiguration : IEntityTypeConfiguration<LotEngagementDay>
{
    public void Configure(EntityTypeBuilder<LotEngagementDay> e)
    {
        e.ToTable("LotEngagementDays");
        e.HasKey(x => new { x.LotId, x.Day });
    }
}
