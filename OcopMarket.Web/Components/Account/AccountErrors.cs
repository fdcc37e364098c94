using Microsoft.AspNetCore.Identity;
using OcopMarket.Core.Accounts;
using static OcopMarket.Web.Localization.Lang;

namespace OcopMarket.Web.Components.Account;

/// <summary>Identity's error codes in the visitor's language (Identity itself only speaks English).</summary>
public static class AccountErrors
{
    public static string Describe(IdentityError error) => error.Code switch
    {
        "DuplicateUserName" or "DuplicateEmail" => T("Email này đã có tài khoản.", "This email already has an account."),
        "InvalidEmail" => T("Email không hợp lệ.", "The email is not valid."),
        "PasswordTooShort" => T($"Mật khẩu cần ít nhất {AccountServices.MinimumPasswordLength} ký tự.",
                                $"The password needs at least {AccountServices.MinimumPasswordLength} characters."),
        CommonPasswordValidator.ErrorCode => T("Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn một câu dài hơn mà chỉ bạn biết.",
                                               "This password is too common and easy to guess. Choose a longer phrase only you would know."),
        "PasswordRequiresDigit" => T("Mật khẩu cần có ít nhất một chữ số.", "The password needs at least one digit."),
        "PasswordRequiresLower" => T("Mật khẩu cần có ít nhất một chữ thường.", "The password needs at least one lower-case letter."),
        "PasswordRequiresUpper" => T("Mật khẩu cần có ít nhất một chữ hoa.", "The password needs at least one capital letter."),
        "PasswordRequiresNonAlphanumeric" => T("Mật khẩu cần có ít nhất một ký tự đặc biệt.", "The password needs at least one symbol."),
        "InvalidToken" => T("Liên kết đặt lại mật khẩu không hợp lệ hoặc đã hết hạn.", "The reset link is invalid or has expired."),
        _ => error.Description,
    };
}
