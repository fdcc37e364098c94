using OcopMarket.Core.Programme;

namespace OcopMarket.Web.Components.Pages.Programme;

/// <summary>The programme dashboard's URLs (Vietnamese paths; <see cref="Localization.Lang.Href"/> adds /en).</summary>
public static class ProgrammeRoutes
{
    public const string Dashboard = "/chuong-trinh";

    public const string Csv = "/chuong-trinh/so-lieu.csv";

    /// <summary>The province table's sortable columns, by their query-string key.</summary>
    public static readonly IReadOnlyList<string> SortKeys =
        ["name", "certified", "five", "subjects", "selling", "cooperatives", "smes", "villages", "renewed"];

    private static readonly StringComparer Vietnamese = StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false);

    public static IEnumerable<ProvinceFigures> Sort(IEnumerable<ProvinceFigures> rows, string? sort, bool descending)
    {
        Func<ProvinceFigures, decimal> key = sort switch
        {
            "five" => p => p.Figures.FiveStarProducts,
            "subjects" => p => p.Figures.Subjects,
            "selling" => p => p.Figures.SellingSubjects,
            "cooperatives" => p => p.Figures.CooperativeSharePercent ?? -1,
            "smes" => p => p.Figures.SmeSharePercent ?? -1,
            "villages" => p => p.Figures.CraftVillagesListed,
            "renewed" => p => p.Figures.RenewedSharePercent ?? -1,
            _ => p => p.Figures.CertifiedProducts,
        };
        if (sort == "name") return descending ? rows.OrderByDescending(p => p.Name, Vietnamese) : rows.OrderBy(p => p.Name, Vietnamese);
        return descending ? rows.OrderByDescending(key).ThenBy(p => p.Name, Vietnamese) : rows.OrderBy(key).ThenBy(p => p.Name, Vietnamese);
    }
}
