using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Catalog.Domain;

namespace OcopMarket.Core.Catalog.Persistence;

internal sealed class OcopCertificateConfiguration : IEntityTypeConfiguration<OcopCertificate>
{
    public void Configure(EntityTypeBuilder<OcopCertificate> e)
    {
        e.Property(c => c.Number).HasMaxLength(300);
        e.Ignore(c => c.ValidUntil);
        
    }
}
