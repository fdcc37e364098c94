namespace OcopMarket.Web.Components.Pages.Legal;

/// <summary>The account's pages for correcting and deleting one's data, and the guest's request form.</summary>
public static class AccountPaths
{
    public const string Details = "/tai-khoan/thong-tin";
    public const string Delete = "/tai-khoan/xoa-tai-khoan";
    public const string Deleted = "/tai-khoan/da-xoa";

    /// <summary>The guest's orders page posts its data request here (with the link's secret).</summary>
    public const string GuestRequest = "/don-hang/yeu-cau-du-lieu";
}
