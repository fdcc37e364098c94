using static OcopMarket.Web.Localization.Lang;

namespace OcopMarket.Web.Localization;

/// <summary>
/// Validation messages and field names for DataAnnotations, in the visitor's language. Attributes cannot call
/// <see cref="Lang.T"/>, but they can name a static property of this class (ErrorMessageResourceType/Name).
/// </summary>
public static class ValidationText
{
    public static string Required => T("Vui lòng nhập {0}.", "Please enter {0}.");
    public static string Email => T("{0} không phải địa chỉ email hợp lệ.", "{0} is not a valid email address.");
    public static string PasswordLength => T("{0} cần từ {2} đến {1} ký tự.", "{0} must be {2} to {1} characters long.");
    public static string PasswordsDiffer => T("Mật khẩu nhập lại không khớp.", "The passwords do not match.");
    public static string TextLength => T("{0} tối đa {1} ký tự.", "{0} can have at most {1} characters.");
    /// <summary>For a field named in lower case (the checkout's: "Vui lòng nhập họ tên người nhận."), which cannot begin a sentence.</summary>
    public static string TextLengthFor => T("Tối đa {1} ký tự cho {0}.", "At most {1} characters for {0}.");
    public static string Phone => T("Số điện thoại không hợp lệ (ví dụ 0912 345 678).", "That is not a valid Vietnamese phone number (e.g. 0912 345 678).");
    public static string PricePositive => T("{0} phải lớn hơn 0 ₫.", "{0} must be above 0 ₫.");
    public static string MustAcceptTerms => T("Hãy đồng ý với Điều khoản sử dụng và Quy chế hoạt động để tạo tài khoản.", "Accept the terms of use and the operating rules to create an account.");
    public static string MustAcceptSellerRules => T("Hãy đồng ý với Quy chế hoạt động dành cho người bán để nộp đơn.", "Accept the operating rules for sellers to apply.");
    public static string StockNotNegative => T("{0} không được âm.", "{0} cannot be negative.");

    public static string FieldEmail => "Email";
    public static string FieldPassword => T("mật khẩu", "password");
    public static string FieldSecondFactorCode => T("mã xác thực", "code");
    public static string FieldConfirmPassword => T("mật khẩu nhập lại", "password confirmation");
    public static string FieldDisplayName => T("họ tên", "your name");
}
