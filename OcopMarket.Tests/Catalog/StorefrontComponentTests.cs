using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Components.Pages.Catalog;
using OcopMarket.Web.Components.Shared;

namespace OcopMarket.Tests.Catalog;

public sealed class StorefrontComponentTests : BunitContext
{
    private readonly FakeClock _clock = new();

    public StorefrontComponentTests()
    {
        Services.AddSingleton<TimeProvider>(_clock);
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("vi-VN");
    }

    private static ProductCard Card(int? stars = 4, DateOnly? validUntil = null, int stock = 5) => new(
        1, "nuoc-mam-nam-o", "Nước mắm Nam Ô", "Hộ kinh doanh Hương Làng Cổ", "ho-kinh-doanh-huong-lang-co", "Đà Nẵng",
        OcopGroup.Food, 167_000, "chai 500 ml", stock, stars, validUntil ?? new DateOnly(2027, 6, 1), "/images/groups/food.svg");

    [Theory]
    [InlineData(3, "★★★")]
    [InlineData(4, "★★★★")]
    [InlineData(5, "★★★★★")]
    public void Star_badge_shows_current_stars(int stars, string expected)
    {
        var cut = Render<StarBadge>(p => p.Add(x => x.Stars, stars).Add(x => x.Status, CertificateStatus.Current));
        Assert.Equal(expected, cut.Find(".stars").TextContent);
        Assert.Contains($"star-{stars}", cut.Find(".star-badge").ClassName);
        Assert.Contains($"{stars} sao", cut.Markup);
    }

    [Fact]
    public void Star_badge_never_shows_stars_for_a_lapsed_certificate()
    {
        var cut = Render<StarBadge>(p => p.Add(x => x.Stars, 5).Add(x => x.Status, CertificateStatus.Lapsed));
        Assert.Empty(cut.FindAll(".stars"));
        Assert.DoesNotContain("★", cut.Markup);
        Assert.Contains("Hết hiệu lực", cut.Markup);
    }

    [Fact]
    public void Star_badge_with_unknown_validity_says_so()
    {
        var cut = Render<StarBadge>(p => p.Add(x => x.Stars, 4).Add(x => x.Status, CertificateStatus.Unknown));
        Assert.DoesNotContain("★", cut.Markup);
        Assert.Contains("Chưa rõ hiệu lực", cut.Markup);
    }

    [Fact]
    public void Product_tile_links_to_the_product_and_shows_price_in_dong()
    {
        var cut = Render<ProductTile>(p => p.Add(x => x.Product, Card()));
        Assert.Equal("/san-pham/nuoc-mam-nam-o", cut.Find("a").GetAttribute("href"));
        Assert.Equal("Nước mắm Nam Ô", cut.Find(".card-title").TextContent);
        Assert.Equal("167.000\u00A0₫", cut.Find(".card-price strong").TextContent);
        Assert.Contains("chai 500 ml", cut.Find(".card-price").TextContent);
        Assert.Contains("Đà Nẵng", cut.Find(".card-producer").TextContent);
        Assert.Equal("★★★★", cut.Find(".stars").TextContent);
        Assert.Empty(cut.FindAll(".out-of-stock"));
    }

    [Fact]
    public void Product_tile_uses_the_clock_to_hide_lapsed_stars_and_flags_no_stock()
    {
        var cut = Render<ProductTile>(p => p.Add(x => x.Product, Card(validUntil: new DateOnly(2026, 11, 28), stock: 0)));
        Assert.Empty(cut.FindAll(".stars")); // lapses on the day itself
        Assert.Contains("Hết hiệu lực", cut.Markup);
        Assert.Equal("Tạm hết hàng", cut.Find(".out-of-stock").TextContent);
    }

    private static CatalogFacets Facets() => new(
        Groups: [new("food", 186), new("handicraft", 27), new("drinks", 23)],
        ProductSets: [new("I.4a", 17), new("I.5a", 16), new("IV.1", 23)],
        Provinces: [new("da-nang", 31), new("dong-thap", 4)],
        MinStars: [new("3", 120), new("4", 70), new("5", 20)],
        ProducerTypes: [new("cooperative", 90), new("company", 118)],
        InStock: 237);

    [Fact]
    public void Filter_panel_is_a_get_form_to_the_catalog_showing_counts()
    {
        var cut = Render<FilterPanel>(p => p.Add(x => x.Query, new CatalogQuery()).Add(x => x.Facets, Facets()));
        var form = cut.Find("form");
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("/san-pham", form.GetAttribute("action"));
        Assert.Equal("Thực phẩm (186)", cut.Find("#f-group option[value=food]").TextContent);
        Assert.Equal("Đồ uống (23)", cut.Find("#f-group option[value=drinks]").TextContent);
        Assert.Equal("Đà Nẵng (31)", cut.Find("#f-province option[value=da-nang]").TextContent);
        Assert.Contains("(237)", cut.Find("input[name=instock]").ParentElement!.TextContent);
        Assert.Contains("(70)", cut.Find("input[name=stars][value='4']").ParentElement!.TextContent);
        // Values without products are not offered.
        Assert.Empty(cut.FindAll("#f-type option[value=farm]"));
        // Nothing to clear without filters.
        Assert.DoesNotContain("Xoá bộ lọc", cut.Markup);
    }

    [Fact]
    public void Filter_panel_reflects_the_current_query_and_keeps_the_search()
    {
        var query = new CatalogQuery
        {
            Search = "nước mắm", Group = OcopGroup.Food, ProductSetCode = "I.4a", ProvinceSlug = "da-nang",
            MinStars = 4, MinPrice = 50_000, MaxPrice = 200_000, InStockOnly = true, Sort = CatalogSort.PriceAscending,
        };
        var cut = Render<FilterPanel>(p => p.Add(x => x.Query, query).Add(x => x.Facets, Facets()));
        Assert.Equal("nước mắm", cut.Find("input[type=hidden][name=q]").GetAttribute("value"));
        Assert.True(cut.Find("#f-group option[value=food]").HasAttribute("selected"));
        Assert.True(cut.Find("#f-set option[value='I.4a']").HasAttribute("selected"));
        Assert.True(cut.Find("#f-province option[value=da-nang]").HasAttribute("selected"));
        Assert.True(cut.Find("input[name=stars][value='4']").HasAttribute("checked"));
        Assert.Equal("50000", cut.Find("#f-min").GetAttribute("value"));
        Assert.Equal("200000", cut.Find("#f-max").GetAttribute("value"));
        Assert.True(cut.Find("input[name=instock]").HasAttribute("checked"));
        Assert.True(cut.Find("#f-sort option[value=price-asc]").HasAttribute("selected"));
        // Within a group only that group's product sets are offered.
        Assert.Empty(cut.FindAll("#f-set option[value='IV.1']"));
        // Clearing filters keeps the search words.
        Assert.Equal("/san-pham?q=n%C6%B0%E1%BB%9Bc%20m%E1%BA%AFm", cut.Find(".filter-actions a").GetAttribute("href"));
    }

    [Fact]
    public void Filter_panel_speaks_english_when_chosen()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
        var cut = Render<FilterPanel>(p => p.Add(x => x.Query, new CatalogQuery()).Add(x => x.Facets, Facets()));
        Assert.Equal("Food (186)", cut.Find("#f-group option[value=food]").TextContent);
        Assert.Contains("Product group", cut.Markup);
    }
}
