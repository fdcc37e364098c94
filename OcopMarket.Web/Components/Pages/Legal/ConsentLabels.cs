using OcopMarket.Core.Legal.Domain;
using static OcopMarket.Web.Localization.Lang;

namespace OcopMarket.Web.Components.Pages.Legal;

/// <summary>What each consent purpose is called where a person reads it.</summary>
public static class ConsentLabels
{
    public static string Purpose(ConsentPurpose purpose) => purpose switch
    {
        ConsentPurpose.OrderProcessing => T("Xử lý thông tin để giao đơn hàng", "Processing to deliver an order"),
        ConsentPurpose.TermsOfUse => T("Điều khoản sử dụng và Quy chế hoạt động", "Terms of use and operating rules"),
        ConsentPurpose.SellerRules => T("Quy chế hoạt động dành cho người bán", "Operating rules for sellers"),
        ConsentPurpose.MarketingEmails => T("Email sản phẩm mới và ưu đãi", "Emails about products and offers"),
        ConsentPurpose.ReviewInvitations => T("Lời mời đánh giá", "Review invitations"),
        _ => purpose.ToString(),
    };

    /// <summary>A purpose as the export writes it (its code).</summary>
    public static string Purpose(string code) => Enum.TryParse<ConsentPurpose>(code, out var p) ? Purpose(p) : code;
}
