using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Orders.Domain;

namespace OcopMarket.Core.Orders.Persistence;

internal sealed class ProcessedWebhookEventConfiguration : IEntityTypeConfiguration<ProcessedWebhookEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedWebhookEvent> e)
    {
        e.Property(x => x.Id).HasMaxLength(255);
        e.Property(x => x.Type).HasMaxLength(100);
        
    }
}
