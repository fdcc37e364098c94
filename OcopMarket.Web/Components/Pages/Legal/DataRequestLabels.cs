using OcopMarket.Core.Privacy.Domain;
using static OcopMarket.Web.Localization.Lang;

namespace OcopMarket.Web.Components.Pages.Legal;

public static class DataRequestLabels
{
    public static string Kind(DataRequestKind kind) => kind switch
    {
        DataRequestKind.Deletion => T("Xoá dữ liệu", "Deletion"),
        DataRequestKind.Correction => T("Sửa dữ liệu", "Correction"),
        DataRequestKind.Access => T("Xem dữ liệu", "Access"),
        _ => T("Phản đối xử lý", "Objection"),
    };

    public static string Status(DataRequestStatus status) => status switch
    {
        DataRequestStatus.Open => T("Đang chờ xử lý", "Waiting"),
        DataRequestStatus.Done => T("Đã xử lý", "Done"),
        _ => T("Từ chối", "Refused"),
    };

    public static string Time(DateTime utc) => utc.Add(OcopMarket.Core.Common.VietnamClock.Offset).ToString("HH:mm dd/MM/yyyy");

    /// <summary>"còn 2 ngày 5 giờ" / "quá hạn 3 giờ": what the desk shows beside each deadline.</summary>
    public static string Left(TimeSpan left)
    {
        var abs = left.Duration();
        var vi = abs.TotalHours >= 24 ? $"{(int)abs.TotalDays} ngày {abs.Hours} giờ" : $"{(int)abs.TotalHours} giờ {abs.Minutes} phút";
        var en = abs.TotalHours >= 24 ? $"{(int)abs.TotalDays} d {abs.Hours} h" : $"{(int)abs.TotalHours} h {abs.Minutes} min";
        return left < TimeSpan.Zero ? T($"quá hạn {vi}", $"overdue by {en}") : T($"còn {vi}", $"{en} left");
    }
}
