using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference.Domain;

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
    ];

    public static string SortKey(CatalogSort sort) => SortKeys.First(s => s.Sort == sort).Key;

    public static CatalogQuery Parse(IReadOnlyDictionary<string, string?> query)
    {
        string? Get(string key) => query.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        long? Money(string key) => long.TryParse(Get(key)?.Replace(".", "").Replace(",", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

        var search = Get("q");
        if (search is { Length: > 200 }) search = search[..200];
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
            MinPrice = Money("min"),
            MaxPrice = Money("max"),
            InStockOnly = Get("instock") is "1" or "true" or "on",
            Sort = sort,
            Page = page,
        };
    }

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
        if (q.Sort != CatalogSort.Relevance) Add("sort", SortKey(q.Sort));
        if (q.Page > 1) Add("page", q.Page.ToString(CultureInfo.InvariantCulture));
        return QueryHelpers.AddQueryString(Routes.Catalog, pairs);
    }
}
