using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OcopMarket.Core.Sales.Domain;

namespace OcopMarket.Core.Sales.Persistence;

internal sealed class SalesDayConfiguration : IEntityTypeConfiguration<SalesDay>
{
    public void Configure(EntityTypeBuilder<SalesDay> e)
    {
        e.ToTable("SalesDays");
        // The fold's upsert key, and the dashboard's read: one producer's days in a period.
        e.HasKey(x => new { x.ProducerId, x.Day, x.Status, x.Payment });
    }
}

internal sealed class ProductSalesDayConfiguration : IEntityTypeConfiguration<ProductSalesDay>
{
    public void Configure(EntityTypeBuilder<ProductSalesDay> e)
    {
        e.ToTable("ProductSalesDays");
        e.HasKey(x => new { x.ProducerId, x.Day, x.ProductId });
    }
}

internal sealed class SalesDeltaConfiguration : IEntityTypeConfiguration<SalesDelta>
{
    public void Configure(EntityTypeBuilder<SalesDelta> e)
    {
        e.ToTable("SalesDeltas");
        // The dashboard adds a producer's deltas not folded yet to the summary.
        e.HasIndex(x => new { x.ProducerId, x.Day });
    }
}

internal sealed class ProductSalesDeltaConfiguration : IEntityTypeConfiguration<ProductSalesDelta>
{
    public void Configure(EntityTypeBuilder<ProductSalesDelta> e)
    {
        e.ToTable("ProductSalesDeltas");
        e.HasIndex(x => new { x.ProducerId, x.Day });
    }
}

internal sealed class BuyerSalesDayConfiguration : IEntityTypeConfiguration<BuyerSalesDay>
{
    public void Configure(EntityTypeBuilder<BuyerSalesDay> e)
    {
        e.ToTable("BuyerSalesDays");
        // By buyer first: the dashboard seeks each repeat buyer's days in the period.
        e.HasKey(x => new { x.ProducerId, x.Buyer, x.Day });
        e.HasIndex(x => x.Buyer); // erasure and retention find one buyer's rows across producers
        e.Property(x => x.Buyer).HasMaxLength(450); // an Identity user id, or a phone
    }
}

internal sealed class SalesBuyerConfiguration : IEntityTypeConfiguration<SalesBuyer>
{
    public void Configure(EntityTypeBuilder<SalesBuyer> e)
    {
        e.ToTable("SalesBuyers");
        e.HasKey(x => new { x.ProducerId, x.Buyer });
        e.HasIndex(x => x.Buyer); // erasure and retention find one buyer's rows across producers
        e.Property(x => x.Buyer).HasMaxLength(450);
        // The producer's buyers with two orders or more, without reading those with one.
        e.HasIndex(x => new { x.ProducerId, x.Orders });
    }
}

internal sealed class BuyerDeltaConfiguration : IEntityTypeConfiguration<BuyerDelta>
{
    public void Configure(EntityTypeBuilder<BuyerDelta> e)
    {
        e.ToTable("BuyerDeltas");
        e.Property(x => x.Buyer).HasMaxLength(450);
        e.HasIndex(x => new { x.ProducerId, x.Buyer });
    }
}
