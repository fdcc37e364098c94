using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Email.Domain;

namespace OcopMarket.Core.Email.Persistence;

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> e)
    {
        e.Property(x => x.To).HasMaxLength(320);
        e.Property(x => x.Subject).HasMaxLength(300);
        e.Property(x => x.ClaimedBy).HasMaxLength(OutboxEmail.ClaimedByMaxLength);
        e.HasIndex(x => new { x.SentAt, x.NextAttemptAt });
    }
}
