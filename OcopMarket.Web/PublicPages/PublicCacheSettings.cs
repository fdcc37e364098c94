using OcopMarket.Core.Common;

namespace OcopMarket.Web.PublicPages;

/// <summary>The "PublicCache" section: how the pages anonymous visitors see are cached, by the app and by browsers and CDNs.</summary>
public sealed class PublicCacheSettings : IValidatedSettings
{
    public const string Section = "PublicCache";

    /// <summary>Whether the app keeps rendered public pages in its output cache (off: every request renders; the bench compares both).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The max-age browsers and CDNs are told. Short: a CDN cannot hear the app's evictions, so a price change
    /// reaches a visitor behind one at most this late. The app's own cache is evicted at once instead.
    /// </summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long the app keeps a page it was not told to evict. Writes evict what they change at once; this bounds
    /// what no write announces: a certificate expiring at midnight, a change lost to a crash between commit and eviction.
    /// </summary>
    public TimeSpan ServerDuration { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<string> Problems()
    {
        if (MaxAge < TimeSpan.Zero || MaxAge > TimeSpan.FromDays(1))
            yield return $"PublicCache:MaxAge must be between 00:00:00 and 1.00:00:00 (got {MaxAge}).";
        if (ServerDuration < TimeSpan.FromSeconds(1) || ServerDuration > TimeSpan.FromDays(1))
            yield return $"PublicCache:ServerDuration must be between 00:00:01 and 1.00:00:00 (got {ServerDuration}).";
    }
}
