using System.Globalization;
using System.Text;
using OcopMarket.Core.Common;
using OcopMarket.Core.Programme.Domain;

namespace OcopMarket.Core.Programme;

/// <summary>
/// Everything the dashboard shows as one long table: one row per figure, with the stable metric keys of
/// <see cref="ProgrammeMetrics.Key"/> and invariant numbers (a dot for decimals), so a spreadsheet or a script reads it
/// the same in either language. Sections: <c>card</c> (target, platform and national figure), <c>province</c>,
/// <c>national</c> (every published figure) and <c>snapshot</c> (the platform's monthly figures).
/// </summary>
public static class ProgrammeCsv
{
    public static readonly string Header = Csv.Row(
        "section", "scope", "scope_name", "metric", "value", "target_min", "target_max", "as_of", "source_url", "source_title");

    public static string Write(ProgrammeDashboard dashboard)
    {
        var csv = new StringBuilder().AppendLine(Header);
        var computed = Date(VietnamClock.DayOf(dashboard.ComputedAt));
        foreach (var card in dashboard.Cards)
        {
            csv.AppendLine(Csv.Row("card", "platform", "OcopMarket", card.Metric.Key(), Number(card.PlatformValue),
                Number(card.Target?.Minimum), Number(card.Target?.Maximum), computed, "", ""));
            if (card.National is { } n)
                csv.AppendLine(Csv.Row("card", "national", "Việt Nam", card.Metric.Key(), Number(n.Value),
                    Number(card.Target?.Minimum), Number(card.Target?.Maximum), Date(n.AsOf), n.SourceUrl, n.SourceTitle ?? ""));
        }
        foreach (var p in dashboard.Provinces)
        foreach (var metric in ProvinceMetrics)
            csv.AppendLine(Csv.Row("province", p.Code, p.Name, metric.Key(), Number(p.Figures.Value(metric)), "", "", computed, "", ""));
        foreach (var n in dashboard.NationalFigures)
            csv.AppendLine(Csv.Row("national", "national", "Việt Nam", n.Metric.Key(), Number(n.Value), "", "", Date(n.AsOf), n.SourceUrl, n.SourceTitle ?? ""));
        foreach (var card in dashboard.Cards)
        foreach (var h in card.PlatformHistory)
            csv.AppendLine(Csv.Row("snapshot", "platform", "OcopMarket", card.Metric.Key(), Number(h.Value), "", "", Date(h.Month), "", ""));
        return csv.ToString();
    }

    /// <summary>The columns of the dashboard's province table.</summary>
    public static readonly IReadOnlyList<ProgrammeMetric> ProvinceMetrics =
    [
        ProgrammeMetric.CertifiedProducts, ProgrammeMetric.FiveStarProducts, ProgrammeMetric.Subjects, ProgrammeMetric.SellingSubjects,
        ProgrammeMetric.CooperativeSharePercent, ProgrammeMetric.SmeSharePercent, ProgrammeMetric.CraftVillagesListed,
        ProgrammeMetric.RenewedSharePercent,
    ];

    private static string Number(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
