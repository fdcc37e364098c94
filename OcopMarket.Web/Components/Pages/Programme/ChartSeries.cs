namespace OcopMarket.Web.Components.Pages.Programme;

/// <summary>One line of a <see cref="TrendChart"/>: its name in the legend, its CSS class (colour) and its points.</summary>
public sealed record ChartSeries(string Name, string CssClass, IReadOnlyList<ChartPoint> Points);

public readonly record struct ChartPoint(DateOnly At, decimal Value, string Label);

/// <summary>One bar of a <see cref="BarChart"/>.</summary>
public readonly record struct ChartBar(string Label, decimal Value, string ValueText);
