using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.OutputCaching;
using OcopMarket.Core.Common;
using OcopMarket.Core.PublicPages;

namespace OcopMarket.Web.PublicPages;

public static class PublicPagesSetup
{
    /// <summary>The output cache with its one policy, and the eviction of pages whose data a write changed.</summary>
    public static IServiceCollection AddOcopPublicPages(this IServiceCollection services)
    {
        services.AddSettings<PublicCacheSettings>(PublicCacheSettings.Section);
        services.AddSingleton<PublicPageCachePolicy>();
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<PublicPageCachePolicy>((o, policy) => o.AddBasePolicy(policy));
        services.AddHostedService<PublicPageEvictions>();
        return services;
    }

    /// <summary>After authentication (the cache is for anonymous visitors only), before every endpoint.</summary>
    public static WebApplication UseOcopPublicPages(this WebApplication app)
    {
        app.UseOutputCache();
        app.UseMiddleware<PublicPageResponses>();
        return app;
    }

    /// <summary>
    /// Public pages render no interactive component, but with an interactive render mode configured for the app
    /// Blazor ends every page with its component state, encrypted afresh for each response, and asks antiforgery for a
    /// token to put in it, which sets a cookie and <c>Cache-Control: no-store</c> (dotnet/aspnetcore#62653). Telling
    /// Blazor that these endpoints have no interactive render mode leaves that out, and the page is the same bytes for everyone.
    /// The metadata type that says so is internal to Blazor, so it is made by name; if a framework update renamed it,
    /// start-up fails here rather than the pages silently becoming uncacheable (tests check the headers too).
    /// </summary>
    public static RazorComponentsEndpointConventionBuilder WithoutComponentStateOnPublicPages(this RazorComponentsEndpointConventionBuilder builder)
    {
        var noRenderModes = NoInteractiveRenderModes();
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<PublicPageAttribute>().Any()) endpoint.Metadata.Add(noRenderModes);
        });
        return builder;
    }

    private static object NoInteractiveRenderModes()
    {
        const string name = "Microsoft.AspNetCore.Components.Endpoints.ConfiguredRenderModesMetadata";
        var type = typeof(RazorComponentsEndpointConventionBuilder).Assembly.GetType(name)
            ?? throw new InvalidOperationException($"{name} is not in this version of ASP.NET Core: public pages would carry per-visitor state.");
        return Activator.CreateInstance(type, [Array.Empty<IComponentRenderMode>()])!;
    }
}

/// <summary>Evicts from this node's output cache the pages a committed write changed, on this node or another (<see cref="PageChangeFeed"/>).</summary>
internal sealed class PublicPageEvictions(PageChangeFeed feed, IOutputCacheStore store, ILogger<PublicPageEvictions> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        feed.Changed += Evict;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        feed.Changed -= Evict;
        return Task.CompletedTask;
    }

    private void Evict(IReadOnlyCollection<string> tags)
    {
        foreach (var tag in tags)
        {
            // The memory store evicts synchronously: the next request after the commit renders afresh.
            var eviction = store.EvictByTagAsync(tag, CancellationToken.None);
            if (!eviction.IsCompletedSuccessfully) _ = ObserveAsync(eviction, tag);
        }
    }

    private async Task ObserveAsync(ValueTask eviction, string tag)
    {
        try { await eviction; }
        catch (Exception e) { logger.LogWarning(e, "Evicting cached pages tagged {Tag} failed; they expire within PublicCache:ServerDuration", tag); }
    }
}
