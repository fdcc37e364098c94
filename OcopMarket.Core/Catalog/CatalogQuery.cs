using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference.Domain;

namespace OcopMarket.Core.Catalog;

public enum CatalogSort
{
    /// <summary>Best search match first; without a search it falls back to <see cref="Newest"/>.</summary>
    Relevance = 0,
    Newest = 1,
    PriceAscending = 2,
    PriceDescending = 3,
    Stars = 4,

    /// <summary>
    /// Buyers' review average, highest first (the count breaking ties, then newest); products without reviews last.
    /// Not the OCOP certification's stars (<see cref="Stars"/>).
    /// </summary>
    Rating = 5,
}

/// <summary>What a buyer asked the catalog for. Every field round-trips through the query string.</summary>
public sealed record CatalogQuery
{
    public const int PageSize = 24;

    public string? Search { get; init; }
    public OcopGroup? Group { get; init; }
    public string? ProductSetCode { get; init; }
    public string? ProvinceSlug { get; init; }
    public int? MinStars { get; init; }
    public ProducerType? ProducerType { get; init; }
    public long? MinPrice { get; init; }
    public long? MaxPrice { get; init; }
    public bool InStockOnly { get; init; }

    /// <summary>Only products whose buyers' review average is at least <see cref="WellReviewedMin"/> (never the OCOP stars).</summary>
    public bool WellReviewedOnly { get; init; }

    /// <summary>The review average "well reviewed" starts at: 4 out of 5.</summary>
    public const int WellReviewedMin = 4;

    public CatalogSort Sort { get; init; }
    public int Page { get; init; } = 1;

    public bool HasSearch => !string.IsNullOrWhiteSpace(Search);

    public bool HasFilters => Group is not null || ProductSetCode is not null || ProvinceSlug is not null
        || MinStars is not null || ProducerType is not null || MinPrice is not null || MaxPrice is not null || InStockOnly || WellReviewedOnly;
}

public sealed record ProductCard(
    int Id, string Slug, string Name, string ProducerName, string ProducerSlug, string ProvinceName,
    OcopGroup Group, long PriceVnd, string Unit, int Stock, int? CertificateStars, DateOnly? CertificateValidUntil,
    string? ImagePath, int ReviewCount = 0, int ReviewRatingSum = 0)
{
    /// <summary>Buyers' review average (1–5), or null without published reviews; not the OCOP stars.</summary>
    public double? ReviewAverage => ReviewCount == 0 ? null : (double)ReviewRatingSum / ReviewCount;

    /// <summary>The stars a buyer may be shown on <paramref name="today"/>; null when the certificate lapsed.</summary>
    public int? CurrentStarsOn(DateOnly today) =>
        CertificateStatusOn(today) == CertificateStatus.Current ? CertificateStars : null;

    public CertificateStatus CertificateStatusOn(DateOnly today) =>
        OcopCertificate.StatusFor(CertificateValidUntil, today);
}

public sealed record FacetValue(string Key, int Count);

public sealed record CatalogFacets(
    IReadOnlyList<FacetValue> Groups,
    IReadOnlyList<FacetValue> ProductSets,
    IReadOnlyList<FacetValue> Provinces,
    IReadOnlyList<FacetValue> MinStars,
    IReadOnlyList<FacetValue> ProducerTypes,
    int InStock,
    int WellReviewed = 0);

public sealed record CatalogResult(CatalogQuery Query, IReadOnlyList<ProductCard> Items, int Total, CatalogFacets Facets)
{
    public int PageCount => Math.Max(1, (Total + CatalogQuery.PageSize - 1) / CatalogQuery.PageSize);
}
