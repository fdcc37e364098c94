using OcopMarket.Core.Common;
using OcopMarket.Core.PublicPages.Domain;

namespace OcopMarket.Core.Programme.Domain;

/// <summary>
/// A national figure of the OCOP programme as a published report gives it (for example "14,642 products 3★+ at the end
/// of 2024", Central Coordination Office for New Rural Development). Entered by an officer, always with its date and
/// its source, so the dashboard never shows a number nobody can check.
/// </summary>
public sealed class NationalFigure : IShownOnPublicPages
{
    /// <summary>The dashboard shows it (and the open data API's programme figures, which are not cached pages).</summary>
    public IEnumerable<string> PagesShowing(bool isNew) => [PageTags.Programme];

    private NationalFigure() { }

    public NationalFigure(ProgrammeMetric metric, decimal value, DateOnly asOf, string sourceUrl, string? sourceTitle, DateOnly today)
    {
        if (!Enum.IsDefined(metric)) throw new DomainException(new("Hãy chọn chỉ số.", "Please choose a metric."));
        if (value < 0) throw new DomainException(new("Giá trị không được âm.", "The value cannot be negative."));
        if (metric.IsPercent() && value > 100)
            throw new DomainException(new("Tỷ lệ phần trăm nằm trong 0–100.", "A percentage is between 0 and 100."));
        if (!metric.IsPercent() && value != decimal.Truncate(value))
            throw new DomainException(new("Số lượng là số nguyên.", "A count is a whole number."));
        if (asOf > today) throw new DomainException(new("Ngày số liệu không thể ở tương lai.", "The figure's date cannot be in the future."));
        if (asOf.Year < 2018)
            throw new DomainException(new("Chương trình OCOP bắt đầu từ năm 2018.", "The OCOP programme began in 2018."));
        if (!Uri.TryCreate(sourceUrl?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw new DomainException(new("Nguồn phải là một địa chỉ web (https://…).", "The source must be a web address (https://…)."));
        if (sourceUrl!.Length > 500) throw new DomainException(new("Địa chỉ nguồn quá dài.", "The source address is too long."));
        Metric = metric;
        Value = value;
        AsOf = asOf;
        SourceUrl = uri.ToString();
        SourceTitle = string.IsNullOrWhiteSpace(sourceTitle) ? null : sourceTitle.Trim()[..Math.Min(sourceTitle.Trim().Length, 200)];
    }

    /// <summary>
    /// Reads a value as an officer types it from a Vietnamese report: counts with dots or commas between thousands
    /// ("18.243", "18,243"), percentages with a decimal comma or point ("38,1", "38.1", "38,1 %").
    /// </summary>
    public static decimal ParseValue(ProgrammeMetric metric, string? text)
    {
        var t = (text ?? "").Replace(" ", "").Replace("\u00A0", "").TrimEnd('%');
        if (t.Length == 0) throw new DomainException(new("Hãy nhập giá trị.", "Please enter the value."));
        if (metric.IsPercent())
        {
            if (t.Count(c => c is ',' or '.') <= 1
                && decimal.TryParse(t.Replace(',', '.'), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var percent))
                return percent;
            throw new DomainException(new("Tỷ lệ là một số, ví dụ 38,1.", "A percentage is a number, e.g. 38.1."));
        }
        var digits = t.Replace(".", "").Replace(",", "");
        if (digits.Length is > 0 and <= 9 && digits.All(char.IsAsciiDigit)) return decimal.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        throw new DomainException(new("Số lượng là một số nguyên, ví dụ 18.243.", "A count is a whole number, e.g. 18,243."));
    }

    public int Id { get; private set; }
    public ProgrammeMetric Metric { get; private set; }
    public decimal Value { get; private set; }
    public DateOnly AsOf { get; private set; }
    public string SourceUrl { get; private set; } = "";

    /// <summary>The publication, e.g. "Doanh nghiệp & Hội nhập, 17/1/2025".</summary>
    public string? SourceTitle { get; private set; }

    /// <summary>The officer who entered it (null for the figures seeded from published reports).</summary>
    public string? EnteredByUserId { get; private set; }

    public DateTime EnteredAt { get; private set; }

    public void Stamp(string? userId, DateTime at)
    {
        EnteredByUserId = userId;
        EnteredAt = at;
    }
}
