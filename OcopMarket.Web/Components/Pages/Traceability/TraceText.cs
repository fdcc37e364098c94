using static OcopMarket.Web.Localization.Lang;
using OcopMarket.Core.Traceability.Domain;

namespace OcopMarket.Web.Components.Pages.Traceability;

public static class TraceText
{
    public static string EventKind(TraceEventKind kind) => kind switch
    {
        TraceEventKind.Harvest => T("Thu hoạch", "Harvest"),
        TraceEventKind.Processing => T("Chế biến", "Processing"),
        TraceEventKind.Inspection => T("Kiểm nghiệm", "Inspection"),
        TraceEventKind.Packaging => T("Đóng gói", "Packaging"),
        TraceEventKind.Shipping => T("Vận chuyển", "Shipping"),
        _ => kind.ToString(),
    };
}
