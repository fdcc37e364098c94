namespace OcopMarket.Core.Reference.Domain;

/// <summary>The six OCOP product groups (QĐ 919/QĐ-TTg 2022, QĐ 148/QĐ-TTg 2023).</summary>
public enum OcopGroup
{
    Food = 1,
    Drinks = 2,
    Herbal = 3,
    Handicraft = 4,
    Ornamental = 5,
    Tourism = 6,
}

public static class OcopGroups
{
    public static readonly IReadOnlyList<OcopGroup> All = Enum.GetValues<OcopGroup>();

    /// <summary>The key used in the reference data and in URLs ("food", "drinks", …).</summary>
    public static string Key(this OcopGroup group) => group.ToString().ToLowerInvariant();

    public static bool TryParseKey(string? key, out OcopGroup group)
    {
        foreach (var g in All)
        {
            if (string.Equals(g.Key(), key, StringComparison.OrdinalIgnoreCase))
            {
                group = g;
                return true;
            }
        }
        group = default;
        return false;
    }
}
