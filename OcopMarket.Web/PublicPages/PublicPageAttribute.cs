namespace OcopMarket.Web.PublicPages;

/// <summary>
/// Marks a page of the public storefront (on a Razor page, or as endpoint metadata on a minimal API). Its language
/// follows its URL alone (<c>/en/…</c> or not), never a cookie, and when <see cref="Cacheable"/> an anonymous
/// visitor gets the same bytes as everyone: no cookie set, <c>Cache-Control: public</c>, an ETag, and the app's
/// output cache (<see cref="PublicPageCachePolicy"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class PublicPageAttribute : Attribute
{
    /// <summary>False for a page whose answer is live for every request (a unit's trace page counts its scan).</summary>
    public bool Cacheable { get; init; } = true;

    /// <summary>The page answers HTML or JSON by the Accept header, so caches must keep one copy per Accept value.</summary>
    public bool VariesByAccept { get; init; }
}
