using Microsoft.AspNetCore.Components;

namespace OcopMarket.Web.Components;

public static class AssetUrls
{
    /// <summary>
    /// A site path as the page should link it: the fingerprinted URL MapStaticAssets serves as immutable for a year
    /// when the path is one of the built assets ("/images/groups/food.svg" → "/images/groups/food.yob9brj4cy.svg",
    /// the placeholder products carry), the path itself otherwise (uploaded photos under /media, which have their own
    /// caching).
    /// </summary>
    public static string Url(this ResourceAssetCollection assets, string path) =>
        path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) ? "/" + assets[path[1..]] : path;
}
