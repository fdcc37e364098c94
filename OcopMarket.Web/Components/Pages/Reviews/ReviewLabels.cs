using System.Globalization;
using OcopMarket.Core.Reviews.Domain;
using static OcopMarket.Web.Localization.Lang;

namespace OcopMarket.Web.Components.Pages.Reviews;

/// <summary>
/// Buyers' ratings in words, everywhere the same and never like the OCOP certification's stars ("OCOP 4★", gold):
/// a score out of 5 with a decimal comma in Vietnamese ("4,6 / 5 · 12 đánh giá"), blue, with a speech-bubble mark.
/// </summary>
public static class ReviewLabels
{
    public static string Score(double average) =>
        Math.Round(average, 1, MidpointRounding.AwayFromZero).ToString("0.0", IsEnglish ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo("vi-VN")) + " / 5";

    public static string Count(int count) => T($"{count} đánh giá", count == 1 ? "1 review" : $"{count} reviews");

    public static string Summary(double average, int count) => $"{Score(average)} · {Count(count)}";

    /// <summary>One review's rating: "5/5", with the word the number stands for.</summary>
    public static string Rating(int rating) => $"{rating}/5 · {Word(rating)}";

    public static string Word(int rating) => rating switch
    {
        1 => T("Rất tệ", "Very poor"),
        2 => T("Chưa tốt", "Poor"),
        3 => T("Bình thường", "Fair"),
        4 => T("Tốt", "Good"),
        5 => T("Rất tốt", "Excellent"),
        _ => rating.ToString(CultureInfo.InvariantCulture),
    };

    public static string Status(ReviewStatus status) => status switch
    {
        ReviewStatus.Published => T("Đang hiển thị", "Published"),
        ReviewStatus.AwaitingModeration => T("Đang chờ cán bộ duyệt", "Waiting for an officer"),
        ReviewStatus.Hidden => T("Đã bị ẩn", "Hidden"),
        _ => status.ToString(),
    };

    public static string HeldBecause(string? reason) => reason switch
    {
        null => "",
        ReviewContentFilter.Link => T("có liên kết", "has a link"),
        ReviewContentFilter.Phone => T("có số điện thoại", "has a phone number"),
        var word => T($"có từ “{word}”", $"has the word “{word}”"),
    };

    /// <summary>An author's public name; an anonymised review's (its author deleted their account) in the reader's language.</summary>
    public static string Author(string name) => name == OcopMarket.Core.Reviews.Domain.Review.DeletedAuthorName
        ? OcopMarket.Web.Localization.Lang.T("Người mua đã xoá tài khoản", "Deleted buyer") : name;
}
