using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace OcopMarket.Core.Accounts;

/// <summary>
/// Refuses passwords from a list of the most common ones (CommonPasswords/README.md says where it comes from),
/// ignoring case, and the same passwords padded with digits or symbols ("password2026"). Length is Identity's own
/// rule (10 characters); there are no composition rules, which push people to "Password1!" and help nobody.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    public const string ErrorCode = "CommonPassword";

    private static readonly FrozenSet<string> Common = Load();

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password)
            ? IdentityResult.Failed(new IdentityError { Code = ErrorCode, Description = "This password is too common." })
            : IdentityResult.Success);

    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        if (Common.Contains(lower)) return true;
        // The core between leading and trailing digits/symbols, when there is one with a letter in it.
        var core = lower.Trim().TrimStart(NotLetter).TrimEnd(NotLetter);
        return core.Length > 0 && core.Length < lower.Length && Common.Contains(core);
    }

    private static readonly char[] NotLetter = [.. Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c).Where(c => !char.IsAsciiLetter(c))];

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("OcopMarket.Core.Accounts.CommonPasswords.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded in OcopMarket.Core.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
            if (line.Trim() is { Length: > 0 } word) words.Add(word.ToLowerInvariant());
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
