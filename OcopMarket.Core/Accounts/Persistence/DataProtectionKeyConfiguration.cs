using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OcopMarket.Core.Accounts.Persistence;

/// <summary>
/// The Data Protection key ring (the keys that sign and encrypt the sign-in, antiforgery and cart cookies), one XML
/// element a row, as the library writes it.
/// </summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> e) => e.ToTable("DataProtectionKeys");
}
