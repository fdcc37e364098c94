using OcopMarket.Core.Common;

namespace OcopMarket.Web.Components.Pages.Seo;

/// <summary>The "Sitemap" section: how many product URLs go in one sitemap file.</summary>
public sealed class SitemapSettings : IValidatedSettings
{
    public const string Section = "Sitemap";

    /// <summary>The sitemap protocol's limit for one file (sitemaps.org): search engines ignore a longer file.</summary>
    public const int ProtocolLimit = 50_000;

    /// <summary>Product URLs per file; the protocol's limit unless lowered (the tests use a few hundred products).</summary>
    public int UrlsPerFile { get; set; } = ProtocolLimit;

    public IEnumerable<string> Problems()
    {
        if (UrlsPerFile is < 1 or > ProtocolLimit)
            yield return $"Sitemap:UrlsPerFile must be between 1 and {ProtocolLimit} (the sitemap protocol's limit), not {UrlsPerFile}.";
    }
}
