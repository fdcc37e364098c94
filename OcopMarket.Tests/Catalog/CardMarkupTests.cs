using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Core.Wishlists.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Components.Pages.Wishlists;
using OcopMarket.Web.Components.Pages.Catalog;
using OcopMarket.Web.Components.Shared;

namespace OcopMarket.Tests.Catalog;

/// <summary>
/// The listing's cards and filter panel written out once (CardMarkup) must be, byte for byte, what the components
/// draw, in the page's language, and a change to anything they show must be drawn anew, never served from before.
/// </summary>
public sealed class CardMarkupTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 12, 4);
    private readonly ServiceProvider _services;
    private readonly CardMarkup _markup;
    private readonly HtmlRenderer _reference;
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;

    public CardMarkupTests()
    {
        // As the app registers it (OcopMarketServices): Vietnamese letters written as themselves, not as entities.
        _services = new ServiceCollection().AddSingleton<TimeProvider>(new FakeClock()).AddLogging()
            .AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All)).BuildServiceProvider();
        _markup = new CardMarkup(_services, _services.GetRequiredService<ILoggerFactory>());
        _reference = new HtmlRenderer(_services, NullLoggerFactory.Instance);
        Speak("vi-VN");
    }

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _culture;
        _markup.Dispose();
        _reference.Dispose();
        _services.Dispose();
    }

    private static void Speak(string culture) => CultureInfo.CurrentUICulture = new CultureInfo(culture);

    private static ProductCard Card(long price = 167_000, int stock = 5, DateOnly? validUntil = null) => new(
        1, "nuoc-mam-nam-o", "Nước mắm Nam Ô", "Hộ kinh doanh Hương Làng Cổ", "ho-kinh-doanh-huong-lang-co", "Đà Nẵng",
        OcopGroup.Food, price, "chai 500 ml", stock, 4, validUntil ?? new DateOnly(2027, 6, 1), "/images/groups/food.svg", 3, 14);

    /// <summary>What the component itself draws, through Blazor's own HTML renderer.</summary>
    private Task<string> DrawnAsync<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent =>
        _reference.Dispatcher.InvokeAsync(async () =>
            (await _reference.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());

    private async Task<string> LinkAsync(ProductCard card) =>
        (await _markup.LinksAsync([card], Today, ResourceAssetCollection.Empty))[0].Value;

    [Fact]
    public async Task A_cards_link_is_the_tiles_own_markup_and_is_written_once()
    {
        var link = await LinkAsync(Card());
        var tile = await DrawnAsync<ProductTile>(new() { [nameof(ProductTile.Product)] = Card() });
        Assert.StartsWith("<a href=\"/san-pham/nuoc-mam-nam-o\"", link);
        Assert.Contains(link, tile); // the tile is the article around this very link
        Assert.Contains("167.000", link);
        Assert.Same(link, await LinkAsync(Card())); // the same card again: the kept text, not drawn anew
    }

    [Fact]
    public async Task Anything_the_card_shows_changed_is_drawn_anew()
    {
        var before = await LinkAsync(Card());
        Assert.Contains("189.000", await LinkAsync(Card(price: 189_000)));
        Assert.Contains("Tạm hết hàng", await LinkAsync(Card(stock: 0)));
        // The certificate lapses on the day itself: the same card, another day's badge.
        var lapsed = (await _markup.LinksAsync([Card(validUntil: Today)], Today, ResourceAssetCollection.Empty))[0].Value;
        Assert.Contains("Hết hiệu lực", lapsed);
        Assert.DoesNotContain("Hết hiệu lực", before);
    }

    [Fact]
    public async Task Each_language_has_its_own_card()
    {
        var vietnamese = await LinkAsync(Card(stock: 0));
        Speak("en");
        var english = await LinkAsync(Card(stock: 0));
        Assert.Contains("Out of stock", english);
        Assert.DoesNotContain("Tạm hết hàng", english);
        Assert.Contains(english, await DrawnAsync<ProductTile>(new() { [nameof(ProductTile.Product)] = Card(stock: 0) }));
        Speak("vi-VN");
        Assert.Same(vietnamese, await LinkAsync(Card(stock: 0)));
    }

    private static CatalogFacets Facets(int foodCount = 186) => new(
        Groups: [new("food", foodCount), new("handicraft", 27)],
        ProductSets: [new("I.4a", 17)],
        Provinces: [new("da-nang", 31), new("dong-thap", 4)],
        MinStars: [new("3", 120), new("4", 70), new("5", 20)],
        ProducerTypes: [new("cooperative", 90)],
        InStock: 237);

    [Fact]
    public async Task The_filter_panel_is_the_components_markup_for_its_query_and_counts_only()
    {
        var query = new CatalogQuery { Group = OcopGroup.Food, Sort = CatalogSort.PriceAscending, Page = 3 };
        var panel = (await _markup.FilterPanelAsync(query, Facets())).Value;
        Assert.Equal(await DrawnAsync<FilterPanel>(new() { [nameof(FilterPanel.Query)] = query, [nameof(FilterPanel.Facets)] = Facets() }), panel);
        // Another page of the same listing, and equal counts from another computation: the same panel.
        Assert.Same(panel, (await _markup.FilterPanelAsync(query with { Page = 1 }, Facets())).Value);
        // Other counts, another sort, another language: each its own.
        Assert.Contains("(187)", (await _markup.FilterPanelAsync(query, Facets(foodCount: 187))).Value);
        Assert.NotEqual(panel, (await _markup.FilterPanelAsync(query with { Sort = CatalogSort.Newest }, Facets())).Value);
        Speak("en");
        Assert.Contains("Product group", (await _markup.FilterPanelAsync(query, Facets())).Value);
    }

    /// <summary>What the page drew before: the article around the link and the visitor's heart, through Blazor.</summary>
    private Task<string> DrawnTileAsync(MarkupString link, int productId, SavedHearts hearts) =>
        DrawnAsync(ProductTile.For(link, productId, hearts));

    private Task<string> DrawnAsync(RenderFragment fragment) =>
        _reference.Dispatcher.InvokeAsync(async () =>
            (await _reference.RenderComponentAsync<FragmentHost>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(FragmentHost.Fragment)] = fragment,
            }))).ToHtmlString());

    [Theory]
    [InlineData("vi-VN", "/san-pham?group=food&stars=4")]
    [InlineData("en", "/en/san-pham?q=n\u01B0\u1EDBc+m\u1EAFm&sort=\"price\"&page=2")]
    public async Task A_whole_card_is_what_Blazor_draws_for_the_visitors_heart_in_either_state(string culture, string returnUrl)
    {
        Speak(culture);
        returnUrl = System.Text.RegularExpressions.Regex.Unescape(returnUrl); // Vietnamese letters, quotes and & in the address
        var first = Card();
        var second = Card(price: 42_000) with { Id = 31196, Slug = "tra-shan-tuyet" };
        var links = await _markup.LinksAsync([first, second], Today, ResourceAssetCollection.Empty);
        // The visitor saved the second product, not the first.
        var hearts = new SavedHearts(new Wishlist([new(31196, 42_000, DateTime.UnixEpoch)]), returnUrl);

        var written = await _markup.TilesAsync(links, [first.Id, second.Id], hearts);
        var tiles = written.Select(t => new MarkupString(t.ToString())).ToList();
        // What the page writes (the pieces into its render tree) is that text.
        Assert.Equal(tiles[1].Value, await DrawnAsync(written[1].Fragment));

        Assert.Equal(await DrawnTileAsync(links[0], first.Id, hearts), tiles[0].Value);
        Assert.Equal(await DrawnTileAsync(links[1], second.Id, hearts), tiles[1].Value);
        Assert.Contains("value=\"31196\"", tiles[1].Value);
        Assert.Contains("aria-pressed=\"true\"", tiles[1].Value);
        Assert.Contains("aria-pressed=\"false\"", tiles[0].Value);
        Assert.Contains("&amp;", tiles[0].Value); // the address is encoded as an attribute
    }
}
