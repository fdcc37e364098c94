using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference;

namespace OcopMarket.Core.Catalog;

/// <summary>What the search index reads for a product: names of its producer, places and category.</summary>
public static class ProductSearchText
{
    private static readonly IReadOnlyDictionary<string, ReferenceData.SetRecord> Sets = ReferenceData.Sets.ToDictionary(s => s.Code);

    public static void Refresh(Product product, Producer producer, string provinceName, string? communeName, params string?[] extraPlaces) =>
        product.RefreshSearchText(
            producer.Name,
            string.Join(' ', new[] { communeName, provinceName }.Concat(extraPlaces).Where(s => !string.IsNullOrWhiteSpace(s))),
            string.Join(' ', ReferenceData.Group(product.Group).NameVi, Sets.TryGetValue(product.ProductSetCode, out var set) ? set.NameVi : ""));
}
