namespace OcopMarket.Web.Security;

/// <summary>
/// Where a form may send the visitor back to: a path on this site only. A crafted link must not bounce visitors
/// to another site ("//evil.example", "/\\evil.example"), and a line break would be refused by the server as a
/// header value (a 500 instead of a redirect).
/// </summary>
public static class LocalPaths
{
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
        && !url.StartsWith("/\\", StringComparison.Ordinal) && url.IndexOfAny(['\r', '\n']) < 0;

    public static string LocalOrHome(string? url) => IsLocal(url) ? url! : "/";
}
