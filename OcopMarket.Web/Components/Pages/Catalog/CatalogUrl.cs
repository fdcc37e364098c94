using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Web.Localization;

namespace OcopMarket.Web.Components.Pages.Catalog;

/// <summary>
/// The catalog's state lives in the query string so back/forward and shared links work. This is the one
/// place that reads and writes it; values it does not understand are dropped rather than failing the page.
/// </summary>
public static class CatalogUrl
{
    private static readonly (CatalogSort Sort, string Key)[] SortKeys =
    [
        (CatalogSort.Relevance, "relevance"),
        (CatalogSort.Newest, "newest"),
        (CatalogSort.PriceAscending, "price-asc"),
        (CatalogSort.PriceDescending, "price-desc"),
        (CatalogSort.Stars, "stars"),
        (CatalogSort.Rating, "rating"),
    ];

    /// <summary>The longest search the catalog runs; the search boxes stop typing there and a longer pasted one is cut.</summary>
    public const int MaxSearchLength = 200;

    public static string SortKey(CatalogSort sort) => SortKeys.First(s => s.Sort == sort).Key;

    public static CatalogQuery Parse(IReadOnlyDictionary<string, string?> query)
    {
        string? Get(string key) => Value(query, key);

        var search = Get("q");
        if (search is { Length: > MaxSearchLength })
        {
            // Cut on a character boundary: half an emoji (a lone surrogate) cannot be encoded back into a link.
            var length = char.IsHighSurrogate(search[MaxSearchLength - 1]) ? MaxSearchLength - 1 : MaxSearchLength;
            search = search[..length].TrimEnd();
        }
        var hasGroup = OcopGroups.TryParseKey(Get("group"), out var group);
        var hasType = ProducerTypes.TryParseKey(Get("type"), out var type);
        int? stars = int.TryParse(Get("stars"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s is >= 3 and <= 5 ? s : null;
        var set = Get("set");
        if (set is not null && !Core.Reference.ReferenceData.Sets.Any(x => x.Code == set)) set = null;
        var sort = SortKeys.FirstOrDefault(k => k.Key == Get("sort")).Sort;
        var page = int.TryParse(Get("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;

        return new CatalogQuery
        {
            Search = search,
            Group = hasGroup ? group : null,
            ProductSetCode = set,
            ProvinceSlug = Get("province") is { } province && province.Length <= 60 ? province : null,
            MinStars = stars,
            ProducerType = hasType ? type : null,
            // "From 500,000 to 100,000" is a range typed the wrong way round, not a wish for nothing: it is read
            // the right way round, and the page says so (PriceRangeReversed).
            MinPrice = PriceRangeReversed(query) ? Money(query, "max") : Money(query, "min"),
            MaxPrice = PriceRangeReversed(query) ? Money(query, "min") : Money(query, "max"),
            InStockOnly = Get("instock") is "1" or "true" or "on",
            // "reviews=4": buyers' review average 4 out of 5 and up (the OCOP stars are "stars").
            WellReviewedOnly = Get("reviews") == "4",
            Sort = sort,
            Page = page,
        };
    }

    /// <summary>Whether the search asked for was longer than <see cref="MaxSearchLength"/> and only its start is used.</summary>
    public static bool SearchWasCut(IReadOnlyDictionary<string, string?> query) => Value(query, "q") is { Length: > MaxSearchLength };

    /// <summary>Whether both prices were given with the lower bound above the upper one (they are then swapped).</summary>
    public static bool PriceRangeReversed(IReadOnlyDictionary<string, string?> query) =>
        Money(query, "min") is { } min && Money(query, "max") is { } max && min > max;

    private static string? Value(IReadOnlyDictionary<string, string?> query, string key) =>
        query.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    private static long? Money(IReadOnlyDictionary<string, string?> query, string key) =>
        long.TryParse(Value(query, key)?.Replace(".", "").Replace(",", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>The URL of a catalog state; page 1 and default values are left out to keep links short.</summary>
    public static string For(CatalogQuery q)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value) { if (!string.IsNullOrEmpty(value)) pairs.Add(new(key, value)); }
        Add("q", q.Search);
        Add("group", q.Group?.Key());
        Add("set", q.ProductSetCode);
        Add("province", q.ProvinceSlug);
        Add("stars", q.MinStars?.ToString(CultureInfo.InvariantCulture));
        Add("type", q.ProducerType?.Key());
        Add("min", q.MinPrice?.ToString(CultureInfo.InvariantCulture));
        Add("max", q.MaxPrice?.ToString(CultureInfo.InvariantCulture));
        if (q.InStockOnly) Add("instock", "1");
        if (q.WellReviewedOnly) Add("reviews", "4");
        if (q.Sort != CatalogSort.Relevance) Add("sort", SortKey(q.Sort));
        if (q.Page > 1) Add("page", q.Page.ToString(CultureInfo.InvariantCulture));
        return Lang.Href(QueryHelpers.AddQueryString(Routes.Catalog, pairs)); // in the language of the page being rendered
    }
}
