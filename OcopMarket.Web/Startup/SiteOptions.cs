using OcopMarket.Core.Common;

namespace OcopMarket.Web.Startup;

/// <summary>
/// The "Site" section: PublicUrl, the address the shop is reached at ("https://ocopmarket.vn"). Printed labels,
/// emails and links carry it; unset, each request's own origin is used.
/// </summary>
public sealed class SiteOptions : IValidatedSettings
{
    public const string Section = "Site";

    public string? PublicUrl { get; set => field = string.IsNullOrWhiteSpace(value) ? null : value.Trim().TrimEnd('/'); }

    public IEnumerable<string> Problems()
    {
        if (PublicUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            yield return $"Site:PublicUrl must be an absolute http(s) URL (got '{url}').";
    }
}
