using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Caching.Memory;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Web.Localization;

namespace OcopMarket.Web.Components.Shared;

/// <summary>
/// A listing card's link (<see cref="ProductTile.Link"/>) and a listing's filter panel, written out as HTML once and
/// kept, for listing pages drawn for a visitor (not cached as a whole: a signed-in buyer, a filter nobody asked lately).
/// </summary>
/// <remarks>
/// Two thirds of an uncached listing's markup are its 24 cards, each about thirty elements that Blazor builds,
/// diffs and writes out on every request (bench/README.md, "Uncached listings: cards written out once"). A card
/// shows only its <see cref="ProductCard"/> (a record of plain values), whether its certificate is current today,
/// and the language: those are the key, so a change to anything the card shows (price, stock, name, photo, stars,
/// reviews) is a new key, and no node ever serves a card it would not draw itself. Nothing is invalidated; old
/// entries fall out of the bounded cache. The heart stays in the page's render tree: it is the visitor's.
/// </remarks>
public sealed class CardMarkup(IServiceProvider services, ILoggerFactory loggers) : IDisposable
{
    /// <summary>The cache's bound, in KB of UTF-16 text: about 20 MB (a card is 2 KB, a filter panel 13 KB).</summary>
    public const int MaxKilobytes = 20_000;

    // Renderers take scoped services of the components' framework: they get a scope of their own, as long as the app.
    private readonly IServiceScope _scope = services.CreateScope();
    private readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = MaxKilobytes });

    // The encoder Blazor's renderers write attributes with (the app registers one that keeps Vietnamese letters).
    private readonly System.Text.Encodings.Web.HtmlEncoder _encoder =
        services.GetService<System.Text.Encodings.Web.HtmlEncoder>() ?? System.Text.Encodings.Web.HtmlEncoder.Default;

    private sealed record Key(ProductCard Card, CertificateStatus Status, bool English);

    /// <summary>A filter panel shows the query (page aside) and the facets' counts, in one language.</summary>
    private sealed record PanelKey(CatalogQuery Query, string Facets, bool English);

    /// <summary>
    /// The listing's filter panel (<see cref="Pages.Catalog.FilterPanel"/>), written out once per query and counts:
    /// its hundred options are the other third of an uncached listing's markup.
    /// </summary>
    public async Task<MarkupString> FilterPanelAsync(CatalogQuery query, CatalogFacets facets)
    {
        var key = new PanelKey(query with { Page = 1 }, CountsOf(facets), Lang.IsEnglish);
        if (_kept.TryGetValue(key, out MarkupString panel)) return panel;
        await using var renderer = NewRenderer();
        panel = new MarkupString(await RenderAsync(renderer, b =>
        {
            b.OpenComponent<Pages.Catalog.FilterPanel>(0);
            b.AddComponentParameter(1, nameof(Pages.Catalog.FilterPanel.Query), query);
            b.AddComponentParameter(2, nameof(Pages.Catalog.FilterPanel.Facets), facets);
            b.CloseComponent();
        }));
        _kept.Set(key, panel, new MemoryCacheEntryOptions { Size = 1 + panel.Value.Length / 512 });
        return panel;
    }

    /// <summary>Every count the panel shows, in its order: two facet sets with the same text draw the same panel.</summary>
    private static string CountsOf(CatalogFacets f)
    {
        var text = new System.Text.StringBuilder(1024);
        foreach (var list in new[] { f.Groups, f.ProductSets, f.Provinces, f.MinStars, f.ProducerTypes })
        {
            foreach (var v in list) text.Append(v.Key).Append('=').Append(v.Count).Append(',');
            text.Append(';');
        }
        return text.Append(f.InStock).Append(';').Append(f.WellReviewed).ToString();
    }

    /// <summary>The cards' links in the page's language, as <see cref="ProductTile.Link"/> writes them today.</summary>
    public async Task<IReadOnlyList<MarkupString>> LinksAsync(IReadOnlyList<ProductCard> cards, DateOnly today, ResourceAssetCollection assets)
    {
        var links = new MarkupString[cards.Count];
        HtmlRenderer? renderer = null; // one for the page's cards not yet written, disposed with what it drew
        try
        {
            for (var i = 0; i < cards.Count; i++)
            {
                var key = new Key(cards[i], cards[i].CertificateStatusOn(today), Lang.IsEnglish);
                if (!_kept.TryGetValue(key, out MarkupString link))
                {
                    link = new MarkupString(await RenderAsync(renderer ??= NewRenderer(), ProductTile.Link(cards[i], today, assets)));
                    _kept.Set(key, link, new MemoryCacheEntryOptions { Size = 1 + link.Value.Length / 512 });
                }
                links[i] = link;
            }
        }
        finally
        {
            if (renderer is not null) await renderer.DisposeAsync();
        }
        return links;
    }

    /// <summary>
    /// The page's whole cards: the article, the visitor's heart (<see cref="SaveHeart"/>) and the link written out
    /// before (<see cref="LinksAsync"/>), exactly as <see cref="ProductTile.For(MarkupString, int, SavedHearts?)"/>
    /// draws them. Drawn by Blazor, a heart's form, two inputs and button were some ninety separate writes per card
    /// (and as many buffered chunks, half of what an uncached listing allocated); here a card is seven pieces: a
    /// template cut around the product's id, the return address (encoded as Blazor encodes an attribute) and the link.
    /// </summary>
    public async Task<IReadOnlyList<Tile>> TilesAsync(IReadOnlyList<MarkupString> links, IReadOnlyList<int> productIds, Pages.Wishlists.SavedHearts hearts)
    {
        var returnUrl = _encoder.Encode(hearts.ReturnUrl);
        var tiles = new Tile[links.Count];
        for (var i = 0; i < tiles.Length; i++)
        {
            var kind = (Saved: hearts.IsSaved(productIds[i]), English: Lang.IsEnglish);
            // Looked up before the await: a kept template costs no task.
            var template = _tileTemplates.TryGetValue(kind, out var kept) ? kept : await TileTemplateAsync(kind.Saved, kind.English);
            tiles[i] = new Tile(template, productIds[i].ToString(System.Globalization.CultureInfo.InvariantCulture), returnUrl, links[i].Value);
        }
        return tiles;
    }

    /// <summary>One card as its pieces of HTML, written into the page as they are.</summary>
    public sealed class Tile(string[] template, string productId, string returnUrl, string link)
    {
        public RenderFragment Fragment => builder =>
        {
            builder.AddMarkupContent(0, template[0]);
            builder.AddMarkupContent(1, productId);
            builder.AddMarkupContent(2, template[1]);
            builder.AddMarkupContent(3, returnUrl);
            builder.AddMarkupContent(4, template[2]);
            builder.AddMarkupContent(5, link);
            builder.AddMarkupContent(6, template[3]);
        };

        /// <summary>The card's HTML as one text (for comparing it with what Blazor draws).</summary>
        public override string ToString() => string.Concat([template[0], productId, template[1], returnUrl, template[2], link, template[3]]);
    }

    // Stand-ins that no drawn card contains and that Blazor writes unchanged: where the id, address and link go.
    private const int IdStandIn = 2_100_000_047;
    private const string ReturnStandIn = "/ocop-return-url-stand-in";
    private const string LinkStandIn = "<ocop-card-link-stand-in></ocop-card-link-stand-in>";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(bool Saved, bool English), string[]> _tileTemplates = new();

    /// <summary>A card drawn by Blazor around the stand-ins, cut at them: four pieces, once per heart state and language.</summary>
    private async Task<string[]> TileTemplateAsync(bool saved, bool english)
    {
        var wishlist = new OcopMarket.Core.Wishlists.Domain.Wishlist(saved ? [new(IdStandIn, 0, DateTime.UnixEpoch)] : null);
        await using var renderer = NewRenderer();
        var drawn = await RenderAsync(renderer, ProductTile.For(new MarkupString(LinkStandIn), IdStandIn, new Pages.Wishlists.SavedHearts(wishlist, ReturnStandIn)));
        var pieces = new List<string>(4);
        var at = 0;
        foreach (var standIn in new[] { IdStandIn.ToString(System.Globalization.CultureInfo.InvariantCulture), ReturnStandIn, LinkStandIn })
        {
            var next = drawn.IndexOf(standIn, at, StringComparison.Ordinal);
            // Each stand-in once, in this order: otherwise the template would not be the card (a changed ProductTile
            // or SaveHeart); CardMarkupTests compares the two.
            if (next < 0 || drawn.IndexOf(standIn, next + standIn.Length, StringComparison.Ordinal) >= 0)
                throw new InvalidOperationException($"A card's markup no longer holds '{standIn}' once: {drawn}");
            pieces.Add(drawn[at..next]);
            at = next + standIn.Length;
        }
        pieces.Add(drawn[at..]);
        return _tileTemplates[(saved, english)] = [.. pieces];
    }

    // A renderer keeps every component it drew until it is disposed: one per page's misses, never one for the app.
    private HtmlRenderer NewRenderer() => new(_scope.ServiceProvider, loggers);

    private static Task<string> RenderAsync(HtmlRenderer renderer, RenderFragment fragment) => renderer.Dispatcher.InvokeAsync(async () =>
        (await renderer.RenderComponentAsync<FragmentHost>(ParameterView.FromDictionary(
            new Dictionary<string, object?> { [nameof(FragmentHost.Fragment)] = fragment }))).ToHtmlString());

    public void Dispose()
    {
        _kept.Dispose();
        _scope.Dispose();
    }
}
