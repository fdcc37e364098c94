using Microsoft.AspNetCore.Components;

namespace OcopMarket.Web.Components.Shared;

/// <summary>
/// Draws one fragment as a root component, for Blazor's <c>HtmlRenderer</c>: what <see cref="CardMarkup"/> writes out
/// once, and what its tests compare with.
/// </summary>
public sealed class FragmentHost : IComponent
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
