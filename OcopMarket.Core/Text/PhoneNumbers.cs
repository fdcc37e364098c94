using System.Text.RegularExpressions;

namespace OcopMarket.Core.Text;

/// <summary>Vietnamese phone numbers as people type them: "0912 345 678", "+84 912.345.678", "024 3826 4000".</summary>
public static partial class PhoneNumbers
{
    // Mobile: 0 + 3/5/7/8/9 + 8 digits. Landline: 02 + 9 digits. +84 stands for the leading 0.
    [GeneratedRegex(@"^0(3|5|7|8|9)\d{8}$|^02\d{9}$")]
    private static partial Regex Vietnamese();

    [GeneratedRegex(@"^0(3|5|7|8|9)\d{8}$")]
    private static partial Regex VietnameseMobile();

    public static string Normalise(string? typed)
    {
        var digits = new string((typed ?? "").Where(c => char.IsDigit(c) || c == '+').ToArray());
        if (digits.StartsWith("+84", StringComparison.Ordinal)) digits = "0" + digits[3..];
        else if (digits.StartsWith("84", StringComparison.Ordinal) && digits.Length == 11) digits = "0" + digits[2..];
        return digits.Replace("+", "");
    }

    public static bool IsVietnamesePhone(string? typed) => Vietnamese().IsMatch(Normalise(typed));

    public static bool IsVietnameseMobile(string? typed) => VietnameseMobile().IsMatch(Normalise(typed));
}
