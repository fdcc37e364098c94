using OcopMarket.Web.Localization;

namespace OcopMarket.Web.Components.Pages.Portal;

/// <summary>Field names of the application form, in the visitor's language.</summary>
public static class ApplyText
{
    public static string EntityName => Lang.T("tên chủ thể", "the entity name");
    public static string Registration => Lang.T("mã số đăng ký kinh doanh", "the business registration number");
    public static string Phone => Lang.T("số điện thoại", "a phone number");
    public static string Province => Lang.T("tỉnh, thành phố", "the province");
    public static string Commune => Lang.T("xã, phường", "the commune or ward");
    public static string Street => Lang.T("địa chỉ (số nhà, đường, thôn/ấp)", "the street address");
}
