using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using OcopMarket.Core.Common;
using OcopMarket.Core.Email;
using OcopMarket.Core.Traceability;
using OcopMarket.Core.Webhooks;

namespace OcopMarket.Web.Startup;

/// <summary>Running on the internet: the public address, the reverse proxy in front, and what Production refuses.</summary>
public static class HostingServices
{
    public static IServiceCollection AddOcopHosting(this IServiceCollection services, IHostEnvironment environment)
    {
        var development = environment.IsDevelopment();
        services.AddSettings<SiteOptions>(SiteOptions.Section)
            .Validate(site => development || site.PublicUrl is not null,
                "Site:PublicUrl is required outside Development: set it to the address people reach the shop at, e.g. https://ocopmarket.vn " +
                "(reset links, order emails and printed QR labels carry it).");
        services.AddSingleton<PublicAddress>();

        // Labels signed with the published Development key could be forged by anyone who read the repository.
        services.AddOptions<TraceabilityOptions>()
            .Validate(o => development || o.SerialKey != TraceabilityOptions.DevelopmentSerialKey,
                "Traceability:SerialKey is the Development key from the repository: outside Development set a key of your own " +
                "(openssl rand -base64 32), or leave it unset to have one generated and kept in the database.");

        // The operating rules and the privacy notice publish who runs the marketplace: a real operator must be named.
        services.AddOptions<OcopMarket.Core.Legal.LegalSettings>()
            .Validate(o => development || !o.IsDemoOperator,
                "Legal:OperatorName (with OperatorRegistration, OperatorAddress, OperatorEmail, OperatorPhone) still names the demo operator: " +
                "outside Development set the company that runs the marketplace, as the operating rules and the privacy notice publish it.");

        // A producer's webhook could otherwise be pointed at the servers' own network (the database, cloud metadata).
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section)
            .Validate(o => development || !o.AllowLocalTargets,
                "Webhooks:AllowLocalTargets lets producers' webhooks reach http and private addresses, the servers' own network " +
                "among them: it is for Development only. Remove it.")
            .ValidateOnStart();

        // Only the configured proxies' forwarded headers count; the Host header is never taken from them (links use PublicUrl).
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SiteOptions>>((forwarded, site) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in site.Value.TrustedProxies)
            {
                if (IPAddress.TryParse(proxy, out var address)) forwarded.KnownProxies.Add(address);
                else forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
            }
        });

        // AllowedHosts follows the public address unless the operator listed hosts themselves.
        services.AddOptions<HostFilteringOptions>().PostConfigure<IOptions<SiteOptions>>((hosts, site) =>
        {
            if (development || site.Value.PublicUri is not { } uri) return;
            if (hosts.AllowedHosts.Count == 0 || hosts.AllowedHosts.SequenceEqual(["*"])) hosts.AllowedHosts = [uri.Host];
        });
        services.AddOptions<HttpsRedirectionOptions>().Configure<IOptions<SiteOptions>>((https, site) =>
        {
            if (site.Value.PublicUri is { Scheme: "https" } uri) https.HttpsPort = uri.Port;
        });
        return services;
    }

    /// <summary>Forwarded headers first, so everything after sees the client's scheme and address.</summary>
    public static WebApplication UseOcopHosting(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
            if (app.Services.GetRequiredService<SiteOptions>().PublicUri is { Scheme: "https" }) app.UseHttpsRedirection();
            var mail = app.Services.GetRequiredService<IOptions<EmailOptions>>().Value;
            if (string.IsNullOrWhiteSpace(mail.Smtp?.Host))
                app.Logger.LogWarning("Email:Smtp:Host is not set: emails (order notices, password resets) are written as files to {PickupDirectory} and nobody receives them.",
                    mail.PickupDirectory);
        }
        return app;
    }
}
