using OcopMarket.Core.Catalog;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Web.Components.Pages.Catalog;

namespace OcopMarket.Tests.Catalog;

public class CatalogUrlTests
{
    [Fact]
    public void A_query_survives_a_round_trip_through_its_url()
    {
        var query = new CatalogQuery
        {
            Search = "nước mắm", Group = OcopGroup.Food, ProductSetCode = "I.4a", ProvinceSlug = "da-nang", MinStars = 4,
            ProducerType = ProducerType.HouseholdBusiness, MinPrice = 50_000, MaxPrice = 200_000, InStockOnly = true,
            Sort = CatalogSort.PriceDescending, Page = 3,
        };
        var url = CatalogUrl.For(query);
        var parsed = CatalogUrl.Parse(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + url).Query)
            .ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString()));
        Assert.Equal(query, parsed);
    }

    [Fact]
    public void Defaults_are_left_out_of_the_url() =>
        Assert.Equal("/san-pham", CatalogUrl.For(new CatalogQuery()));

    [Theory]
    [InlineData("stars", "2")]
    [InlineData("stars", "six")]
    [InlineData("group", "weapons")]
    [InlineData("set", "X.9")]
    [InlineData("type", "bank")]
    [InlineData("min", "-5")]
    [InlineData("page", "0")]
    [InlineData("sort", "random")]
    public void Values_it_does_not_understand_are_dropped(string key, string value)
    {
        var parsed = CatalogUrl.Parse(new Dictionary<string, string?> { [key] = value });
        Assert.Equal(new CatalogQuery(), parsed);
    }

    [Fact]
    public void Prices_typed_with_vietnamese_thousands_separators_are_understood()
    {
        var parsed = CatalogUrl.Parse(new Dictionary<string, string?> { ["min"] = "100.000", ["max"] = "250,000" });
        Assert.Equal(100_000, parsed.MinPrice);
        Assert.Equal(250_000, parsed.MaxPrice);
    }
}
