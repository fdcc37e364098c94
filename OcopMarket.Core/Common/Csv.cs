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

    /// <summary>A file's bytes: UTF-8 with a byte order mark, so Excel reads the Vietnamese text as UTF-8.</summary>
    public static byte[] Utf8File(string csv) =>
        [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(csv)];
}
