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

    /// <summary>Draws one fragment, for the renderer above.</summary>
    private sealed class FragmentHost : IComponent
    {
        private RenderHandle _handle;

        [Parameter] public RenderFragment? Fragment { get; set; }

        public void Attach(RenderHandle renderHandle) => _handle = renderHandle;

        public Task SetParametersAsync(ParameterView parameters)
        {
            parameters.SetParameterProperties(this);
            _handle.Render(Fragment ?? (_ => { }));
            return Task.CompletedTask;
        }
    }
}
