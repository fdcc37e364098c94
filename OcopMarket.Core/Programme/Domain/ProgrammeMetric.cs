using OcopMarket.Core.Common;

namespace OcopMarket.Core.Programme.Domain;

/// <summary>
/// What the programme's figures measure. The platform computes some of them from its own data; the national ones are
/// entered by an officer from published reports (<see cref="NationalFigure"/>). The names are stable: they are the keys
/// of the CSV download, the open data API and the stored snapshots.
/// </summary>
public enum ProgrammeMetric
{
    /// <summary>Products rated 3★ or more whose certificate is current (valid 36 months from issue).</summary>
    CertifiedProducts = 1,

    /// <summary>Products with a current 5★ certificate (certified at the central level).</summary>
    FiveStarProducts = 2,

    /// <summary>Percentage of OCOP subjects (producers) that are cooperatives (HTX).</summary>
    CooperativeSharePercent = 3,

    /// <summary>Percentage of OCOP subjects that are small or medium enterprises (DNNVV).</summary>
    SmeSharePercent = 4,

    /// <summary>Percentage of OCOP subjects selling through modern channels such as e-commerce.</summary>
    SellingOnlineSharePercent = 5,

    /// <summary>Percentage of traditional craft villages with an OCOP product.</summary>
    CraftVillageSharePercent = 6,

    /// <summary>Provinces (of the 34 units in force since 1 July 2025) where at least one producer sells.</summary>
    ProvincesSelling = 7,

    /// <summary>Percentage of products due for re-assessment whose certificate was renewed or upgraded.</summary>
    RenewedSharePercent = 8,

    /// <summary>OCOP subjects: the producers holding at least one OCOP certificate (nationally: every one, not only ours).</summary>
    Subjects = 9,

    /// <summary>Producers with a published listing and an order in the last 90 days.</summary>
    SellingSubjects = 10,

    /// <summary>Recognised craft villages and traditional craft villages (national count).</summary>
    CraftVillages = 11,

    /// <summary>Craft villages with a product listed here.</summary>
    CraftVillagesListed = 12,
}

public static class ProgrammeMetrics
{
    public static readonly IReadOnlyList<ProgrammeMetric> All = Enum.GetValues<ProgrammeMetric>();

    /// <summary>The stable key used in URLs, CSV and JSON (snake case, English).</summary>
    public static string Key(this ProgrammeMetric metric) => metric switch
    {
        ProgrammeMetric.CertifiedProducts => "certified_products",
        ProgrammeMetric.FiveStarProducts => "five_star_products",
        ProgrammeMetric.CooperativeSharePercent => "cooperative_share_percent",
        ProgrammeMetric.SmeSharePercent => "sme_share_percent",
        ProgrammeMetric.SellingOnlineSharePercent => "selling_online_share_percent",
        ProgrammeMetric.CraftVillageSharePercent => "craft_village_share_percent",
        ProgrammeMetric.ProvincesSelling => "provinces_selling",
        ProgrammeMetric.RenewedSharePercent => "renewed_share_percent",
        ProgrammeMetric.Subjects => "subjects",
        ProgrammeMetric.SellingSubjects => "selling_subjects",
        ProgrammeMetric.CraftVillages => "craft_villages",
        ProgrammeMetric.CraftVillagesListed => "craft_villages_listed",
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    public static bool TryParseKey(string? key, out ProgrammeMetric metric)
    {
        foreach (var m in All)
        {
            if (string.Equals(m.Key(), key, StringComparison.OrdinalIgnoreCase))
            {
                metric = m;
                return true;
            }
        }
        metric = default;
        return false;
    }

    public static bool IsPercent(this ProgrammeMetric metric) => metric is ProgrammeMetric.CooperativeSharePercent
        or ProgrammeMetric.SmeSharePercent or ProgrammeMetric.SellingOnlineSharePercent
        or ProgrammeMetric.CraftVillageSharePercent or ProgrammeMetric.RenewedSharePercent;

    public static UserText Name(this ProgrammeMetric metric) => metric switch
    {
        ProgrammeMetric.CertifiedProducts => new("Sản phẩm OCOP 3 sao trở lên còn hiệu lực", "OCOP products rated 3★+ with a current certificate"),
        ProgrammeMetric.FiveStarProducts => new("Sản phẩm OCOP 5 sao", "5★ OCOP products"),
        ProgrammeMetric.CooperativeSharePercent => new("Tỷ lệ chủ thể là hợp tác xã", "Share of subjects that are cooperatives"),
        ProgrammeMetric.SmeSharePercent => new("Tỷ lệ chủ thể là doanh nghiệp nhỏ và vừa", "Share of subjects that are SMEs"),
        ProgrammeMetric.SellingOnlineSharePercent => new("Tỷ lệ chủ thể bán qua kênh hiện đại (thương mại điện tử)", "Share of subjects selling through modern channels (e-commerce)"),
        ProgrammeMetric.CraftVillageSharePercent => new("Tỷ lệ làng nghề có sản phẩm OCOP", "Share of craft villages with an OCOP product"),
        ProgrammeMetric.ProvincesSelling => new("Tỉnh, thành có nhà sản xuất đang bán", "Provinces where a producer sells"),
        ProgrammeMetric.RenewedSharePercent => new("Tỷ lệ sản phẩm được đánh giá lại hoặc nâng hạng", "Share of products re-certified or upgraded"),
        ProgrammeMetric.Subjects => new("Chủ thể OCOP", "OCOP subjects"),
        ProgrammeMetric.SellingSubjects => new("Chủ thể đang bán trên OcopMarket", "Subjects selling on OcopMarket"),
        ProgrammeMetric.CraftVillages => new("Làng nghề, làng nghề truyền thống được công nhận", "Recognised craft villages"),
        ProgrammeMetric.CraftVillagesListed => new("Làng nghề có sản phẩm trên OcopMarket", "Craft villages with a product on OcopMarket"),
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };
}
