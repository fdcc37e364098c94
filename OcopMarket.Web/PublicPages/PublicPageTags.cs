using OcopMarket.Core.PublicPages;
using OcopMarket.Core.PublicPages.Domain;

namespace OcopMarket.Web.PublicPages;

/// <summary>What a page being rendered shows (<see cref="PageTags"/>): the output cache files the page under these tags.</summary>
public static class PublicPageTags
{
    private const string Item = "ocop.page-tags";

    public static void Add(HttpContext? http, params string[] tags)
    {
        if (http is null) return;
        if (http.Items[Item] is not HashSet<string> set) http.Items[Item] = set = new(StringComparer.Ordinal);
        set.UnionWith(tags);
    }

    public static IEnumerable<string> Of(HttpContext http) => http.Items[Item] as HashSet<string> ?? [];
}
