using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Webhooks.Domain;

namespace OcopMarket.Core.Webhooks.Persistence;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> e)
    {
        e.ToTable("WebhookEndpoints");
        e.Property(x => x.Url).HasMaxLength(WebhookEndpoint.MaxUrlLength);
        e.Property(x => x.Secret).HasMaxLength(80);
        e.HasIndex(x => x.ProducerId);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> e)
    {
        e.ToTable("WebhookDeliveries");
        e.Property(x => x.EventType).HasMaxLength(40);
        e.Property(x => x.LastError).HasMaxLength(WebhookDelivery.MaxErrorLength);
        e.Property(x => x.ClaimedBy).HasMaxLength(WebhookDelivery.ClaimedByMaxLength);
        e.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(x => x.EndpointId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.State, x.NextAttemptAt }); // the sender's due rows
        e.HasIndex(x => new { x.ProducerId, x.Id });       // the portal's latest deliveries
        e.HasIndex(x => new { x.EndpointId, x.Id });
        e.HasIndex(x => x.EventId).IsUnique();
    }
}
