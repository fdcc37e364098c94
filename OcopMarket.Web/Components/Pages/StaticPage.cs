using Microsoft.AspNetCore.Components;
using OcopMarket.Core.PublicPages.Domain;
using OcopMarket.Web.PublicPages;

namespace OcopMarket.Web.Components.Pages;

/// <summary>
/// Base of the static server-rendered pages: each renders once, after its data has loaded.
/// <para>
/// ComponentBase renders a component a first time while its <c>OnInitializedAsync</c> is still awaiting, so that a
/// streaming or interactive page can show a placeholder. A static page sends only the final HTML, so that first render
/// is thrown away — but it still runs, against half-loaded state. On embedded SQLite the database calls finish
/// synchronously and it never happened; on a database server (PostgreSQL) they really await, and every page would
/// need a null check on every field for a render nobody sees. Interactive portal and admin pages keep ComponentBase
/// (they show a loading state and guard their fields).
/// </para>
/// </summary>
public abstract class StaticPage : ComponentBase
{
    private bool _initialized;

    [CascadingParameter] private HttpContext? RequestContext { get; set; }

    /// <summary>
    /// Says what this page shows (<see cref="Core.PublicPages.PageTags"/>), so the output cache evicts it when a write
    /// changes any of it.
    /// </summary>
    protected void ShowsOnPage(params IEnumerable<string> tags) => PublicPageTags.Add(RequestContext, [.. tags]);

    public override async Task SetParametersAsync(ParameterView parameters)
    {
        parameters.SetParameterProperties(this);
        if (!_initialized)
        {
            _initialized = true;
            OnInitialized();
            await OnInitializedAsync();
        }
        OnParametersSet();
        await OnParametersSetAsync();
        StateHasChanged();
    }
}
