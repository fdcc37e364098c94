using static OcopMarket.Web.Localization.Lang;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference;
using OcopMarket.Core.Reference.Domain;

namespace OcopMarket.Web.Localization;

/// <summary>Names of domain values in the visitor's language.</summary>
public static class Labels
{
    private static readonly IReadOnlyDictionary<string, ReferenceData.SetRecord> SetsByCode =
        ReferenceData.Sets.ToDictionary(s => s.Code);

    public static string Group(OcopGroup group)
    {
        var g = ReferenceData.Group(group);
        return T(g.NameVi, g.NameEn);
    }

    /// <summary>The group names are long ("Dịch vụ du lịch cộng đồng, …"); menus and chips use these.</summary>
    public static string GroupShort(OcopGroup group) => group switch
    {
        OcopGroup.Food => T("Thực phẩm", "Food"),
        OcopGroup.Drinks => T("Đồ uống", "Drinks"),
        OcopGroup.Herbal => T("Dược liệu", "Herbal"),
        OcopGroup.Handicraft => T("Thủ công mỹ nghệ", "Handicrafts"),
        OcopGroup.Ornamental => T("Sinh vật cảnh", "Ornamentals"),
        OcopGroup.Tourism => T("Du lịch cộng đồng", "Eco-tourism"),
        _ => group.ToString(),
    };

    public static string ProductSet(string code) =>
        SetsByCode.TryGetValue(code, out var s) ? T(s.NameVi, s.NameEn) : code;

    public static string ProducerType(ProducerType type) => type switch
    {
        Core.Producers.Domain.ProducerType.Cooperative => T("Hợp tác xã", "Cooperative"),
        Core.Producers.Domain.ProducerType.CooperativeGroup => T("Tổ hợp tác", "Cooperative group"),
        Core.Producers.Domain.ProducerType.Company => T("Doanh nghiệp", "Company"),
        Core.Producers.Domain.ProducerType.Farm => T("Trang trại", "Farm"),
        Core.Producers.Domain.ProducerType.HouseholdBusiness => T("Hộ kinh doanh", "Household business"),
        _ => type.ToString(),
    };

    public static string Level(CertifyingLevel level) => level switch
    {
        CertifyingLevel.Central => T("Trung ương", "Central"),
        CertifyingLevel.Province => T("Cấp tỉnh", "Provincial"),
        CertifyingLevel.District => T("Cấp huyện (trước 2025)", "District (before 2025)"),
        _ => level.ToString(),
    };

    /// <summary>A stored UTC time as a person in Vietnam reads it: 14:05 02/12/2026.</summary>
    public static string Time(DateTime utc) => (utc + Core.Common.VietnamClock.Offset).ToString("HH:mm dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public static string Price(long dong) => Money.FormatVnd(dong);

    private static readonly System.Globalization.NumberFormatInfo VietnameseNumbers = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
    };

    /// <summary>"14.642" / "38,1" in Vietnamese, "14,642" / "38.1" in English; at most one decimal.</summary>
    public static string Number(decimal value) => value.ToString("#,0.#",
        IsEnglish ? System.Globalization.CultureInfo.InvariantCulture : VietnameseNumbers);

    /// <summary>A programme figure as a reader expects it: a count, or a percentage ("38,1 %" / "38.1%").</summary>
    public static string Figure(Core.Programme.Domain.ProgrammeMetric metric, decimal? value) => value is not { } v
        ? "—"
        : Core.Programme.Domain.ProgrammeMetrics.IsPercent(metric) ? (IsEnglish ? $"{Number(v)}%" : $"{Number(v)}\u00A0%") : Number(v);

    /// <summary>street, commune/ward, province: the 2025 address shape, with no district.</summary>
    public static string Address(Core.Catalog.ProducerSummary p) =>
        string.Join(", ", new[] { p.StreetAddress, p.CommuneName, p.ProvinceName }.Where(x => !string.IsNullOrWhiteSpace(x)));
}
