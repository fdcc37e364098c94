using System.Globalization;
using OcopMarket.Core.Privacy;

namespace OcopMarket.Web.Components.Pages.Legal;

/// <summary>A data-set query in a URL's query string: the officer's page builds the CSV link with it, the endpoint reads it back.</summary>
public static class ConcernedQuery
{
    public static string ToQueryString(DataSetQuery q)
    {
        var parts = new List<string> { $"tap={(int)q.Set}" };
        if (q.From is { } f) parts.Add($"tu={f:yyyy-MM-dd}");
        if (q.To is { } t) parts.Add($"den={t:yyyy-MM-dd}");
        if (q.ProducerId is { } p) parts.Add($"nsx={p}");
        if (!string.IsNullOrWhiteSpace(q.Ip)) parts.Add($"ip={Uri.EscapeDataString(q.Ip.Trim())}");
        if (!string.IsNullOrWhiteSpace(q.Table)) parts.Add($"bang={Uri.EscapeDataString(q.Table)}");
        return string.Join("&", parts);
    }

    public static DataSetQuery? Parse(IQueryCollection query)
    {
        if (!int.TryParse(query["tap"], CultureInfo.InvariantCulture, out var set) || !Enum.IsDefined((DataSet)set)) return null;
        static DateOnly? Day(string? s) => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        int? producer = int.TryParse(query["nsx"], CultureInfo.InvariantCulture, out var p) ? p : null;
        return new DataSetQuery((DataSet)set, Day(query["tu"]), Day(query["den"]), producer, query["ip"].ToString() is { Length: > 0 } ip ? ip : null,
            query["bang"].ToString() is { Length: > 0 } table ? table : null);
    }
}
