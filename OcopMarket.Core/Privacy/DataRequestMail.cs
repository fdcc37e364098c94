using OcopMarket.Core.Common;
using OcopMarket.Core.Email.Domain;
using OcopMarket.Core.Privacy.Domain;

namespace OcopMarket.Core.Privacy;

/// <summary>The emails a request sends: received (with its deadline), handled (what was done), and an account deleted.</summary>
internal static class DataRequestMail
{
    public static string KindVi(DataRequestKind kind) => kind switch
    {
        DataRequestKind.Deletion => "xoá dữ liệu",
        DataRequestKind.Correction => "sửa dữ liệu",
        DataRequestKind.Access => "xem dữ liệu",
        _ => "phản đối xử lý dữ liệu",
    };

    public static string KindEn(DataRequestKind kind) => kind switch
    {
        DataRequestKind.Deletion => "deletion",
        DataRequestKind.Correction => "correction",
        DataRequestKind.Access => "access",
        _ => "objection",
    };

    private static string Time(DateTime utc) => utc.Add(VietnamClock.Offset).ToString("HH:mm dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public static OutboxEmail Received(DataRequest r, DateTime now) => new(r.ContactEmail!,
        $"Đã nhận yêu cầu {KindVi(r.Kind)} #{r.Id} / Request received",
        $"OcopMarket đã nhận yêu cầu {KindVi(r.Kind)} của bạn (số {r.Id}) lúc {Time(r.ReceivedAt)}. Cán bộ sẽ xử lý chậm nhất {Time(r.DueAt)} (giờ Việt Nam) và báo cho bạn qua email này.\n\n" +
        $"We received your {KindEn(r.Kind)} request (no. {r.Id}) at {Time(r.ReceivedAt)}. An officer will handle it by {Time(r.DueAt)} (Vietnam time) and tell you by email.\n",
        now);

    public static OutboxEmail Handled(DataRequest r, DateTime now)
    {
        var (vi, en) = r.Status == DataRequestStatus.Refused
            ? ("không thể thực hiện", "could not be carried out")
            : ("đã được thực hiện", "has been carried out");
        var note = r.OfficerNote is { } n ? $"\n\nGhi chú của cán bộ / Officer's note:\n{n}" : "";
        return new(r.ContactEmail!, $"Yêu cầu {KindVi(r.Kind)} #{r.Id}: {vi} / Request {en}",
            $"Yêu cầu {KindVi(r.Kind)} số {r.Id} của bạn {vi}.\nYour {KindEn(r.Kind)} request no. {r.Id} {en}.{note}\n", now);
    }

    public static OutboxEmail AccountDeleted(string to, int orders, DateTime now) => new(to,
        "Tài khoản OcopMarket của bạn đã được xoá / Your account was deleted",
        "Tài khoản OcopMarket gắn với địa chỉ này đã được xoá cùng dữ liệu cá nhân của nó. " +
        (orders > 0 ? $"{orders} đơn hàng được giữ lại cho sổ sách kế toán, đã ẩn danh (không còn tên, số điện thoại, địa chỉ hay email). " : "") +
        "Nếu không phải bạn xoá, hãy trả lời email này ngay.\n\n" +
        "The OcopMarket account of this address was deleted with its personal data. " +
        (orders > 0 ? $"{orders} orders are kept for the accounts, anonymised (no name, phone, address or email). " : "") +
        "If you did not do this, reply to this email at once.\n", now);
}
