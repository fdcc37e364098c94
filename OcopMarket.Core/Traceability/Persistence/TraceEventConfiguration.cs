using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Traceability.Domain;

namespace OcopMarket.Core.Traceability.Persistence;

internal sealed class TraceEventConfiguration : IEntityTypeConfiguration<TraceEvent>
{
    public void Configure(EntityTypeBuilder<TraceEvent> e)
    {
        e.Property(x => x.Place).HasMaxLength(300);
        e.Property(x => x.Description).HasMaxLength(2000);
        e.Property(x => x.InspectionResult).HasMaxLength(500);
        e.Property(x => x.Inspector).HasMaxLength(300);
        e.Property(x => x.AttachmentPath).HasMaxLength(200);
        e.Property(x => x.AttachmentContentType).HasMaxLength(100);
        e.HasIndex(x => new { x.LotId, x.OccurredAt });
        
    }
}
