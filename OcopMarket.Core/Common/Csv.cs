namespace OcopMarket.Core.Common;

/// <summary>Comma-separated files that open safely in a spreadsheet.</summary>
public static class Csv
{
    /// <summary>Quotes a cell when needed, and defuses text a spreadsheet would run as a formula (=, +, -, @).</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0]) && !decimal.TryParse(value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    public static string Row(params IEnumerable<string> cells) => string.Join(",", cells.Select(Cell));
}
