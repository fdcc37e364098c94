using OcopMarket.Core.Common;
using OcopMarket.Core.Text;

namespace OcopMarket.Core.Privacy.Domain;

/// <summary>The details a person corrects themselves: the name shown on their account and reviews, and a phone number.</summary>
public sealed record PersonalDetails(string DisplayName, string? Phone)
{
    public const int MaxNameLength = 100;

    /// <summary>Trimmed and checked; the phone normalised ("+84 912 345 678" → "0912345678"), an empty one removed.</summary>
    /// <exception cref="DomainException">A missing or too long name, a name with an email address, a phone that is not Vietnamese.</exception>
    public static PersonalDetails Check(string? displayName, string? phone)
    {
        var name = string.Join(' ', (displayName ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (name.Length == 0) throw new DomainException(new("Hãy nhập họ tên.", "Please enter your name."));
        if (name.Length > MaxNameLength)
            throw new DomainException(new($"Họ tên tối đa {MaxNameLength} ký tự.", $"A name is at most {MaxNameLength} characters."));
        if (name.Contains('@', StringComparison.Ordinal) || name.Any(char.IsControl))
            throw new DomainException(new("Họ tên không được chứa địa chỉ email hay ký tự đặc biệt.", "A name cannot contain an email address or control characters."));
        var typed = (phone ?? "").Trim();
        if (typed.Length == 0) return new(name, null);
        if (!PhoneNumbers.IsVietnamesePhone(typed))
            throw new DomainException(new("Số điện thoại không hợp lệ (ví dụ 0912 345 678).", "Not a valid Vietnamese phone number (e.g. 0912 345 678)."));
        return new(name, PhoneNumbers.Normalise(typed));
    }
}
