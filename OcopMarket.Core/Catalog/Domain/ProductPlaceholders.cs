namespace OcopMarket.Core.Catalog.Domain;

/// <summary>
/// The drawing a product shows until its producer uploads a photo: one per OCOP product set (tea leaves for "Chè",
/// a honey jar for "Mật ong…"), so a tea and a fish sauce no longer look alike. The files are wwwroot-assets/images/sets/.
/// </summary>
public static class ProductPlaceholders
{
    private const string SetFolder = "/images/sets/";
    // Before there was one per set there was one per group; rows written then keep working, the files stay.
    private const string GroupFolder = "/images/groups/";

    /// <summary>"I.5a" → "/images/sets/i-5a.svg".</summary>
    public static string For(string productSetCode) =>
        SetFolder + productSetCode.Trim().ToLowerInvariant().Replace('.', '-') + ".svg";

    public static bool IsPlaceholder(string? imagePath) =>
        imagePath is null
        || imagePath.StartsWith(SetFolder, StringComparison.Ordinal)
        || imagePath.StartsWith(GroupFolder, StringComparison.Ordinal);
}
