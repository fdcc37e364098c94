using OcopMarket.Core.Common;

namespace OcopMarket.Core.Programme.Domain;

/// <summary>
/// A target of the OCOP programme 2021–2025 (Decision 919/QĐ-TTg of 1 August 2022, section II.2), as a minimum and,
/// where the decision gives a range, a maximum.
/// </summary>
public sealed record ProgrammeTarget(ProgrammeMetric Metric, decimal Minimum, decimal? Maximum, UserText Wording)
{
    public bool IsMetBy(decimal value) => value >= Minimum;

    /// <summary>How far a value has come towards the minimum, 0–1 (for the progress bar).</summary>
    public double Progress(decimal value) => Minimum <= 0 ? 1 : Math.Clamp((double)(value / Minimum), 0, 1);
}

public static class ProgrammeTargets
{
    public const string Decision = "919/QĐ-TTg";
    public const string DecisionUrl = "https://thuvienphapluat.vn/van-ban/Thuong-mai/Quyet-dinh-919-QD-TTg-2022-phe-duyet-Chuong-trinh-moi-xa-mot-san-pham-2021-2025-524355.aspx";

    public static readonly IReadOnlyList<ProgrammeTarget> All =
    [
        new(ProgrammeMetric.CertifiedProducts, 10_000, null,
            new("Ít nhất 10.000 sản phẩm OCOP đạt 3 sao trở lên", "At least 10,000 OCOP products rated 3★ or more")),
        new(ProgrammeMetric.FiveStarProducts, 400, 500,
            new("400–500 sản phẩm OCOP 5 sao", "400–500 5★ OCOP products")),
        new(ProgrammeMetric.CooperativeSharePercent, 40, null,
            new("Ít nhất 40% chủ thể OCOP là hợp tác xã", "At least 40% of OCOP subjects are cooperatives")),
        new(ProgrammeMetric.SmeSharePercent, 30, null,
            new("Ít nhất 30% chủ thể OCOP là doanh nghiệp nhỏ và vừa", "At least 30% of OCOP subjects are SMEs")),
        new(ProgrammeMetric.SellingOnlineSharePercent, 50, null,
            new("Ít nhất 50% chủ thể OCOP bán qua kênh hiện đại, như thương mại điện tử", "At least 50% of OCOP subjects sell through modern channels such as e-commerce")),
        new(ProgrammeMetric.CraftVillageSharePercent, 50, null,
            new("Ít nhất 50% làng nghề truyền thống có sản phẩm OCOP", "At least 50% of traditional craft villages have an OCOP product")),
        new(ProgrammeMetric.ProvincesSelling, 34, null,
            new("Cả 34 tỉnh, thành có sản phẩm OCOP được bán", "OCOP products sold from all 34 provinces")),
    ];

    public static ProgrammeTarget? For(ProgrammeMetric metric) => All.FirstOrDefault(t => t.Metric == metric);
}
