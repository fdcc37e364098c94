using System.Text.RegularExpressions;
using OcopMarket.Core.Text;

namespace OcopMarket.Core.Reviews.Domain;

/// <summary>
/// Decides whether a review's text waits for an officer: a link (a shop elsewhere), a Vietnamese phone number (a
/// seller touting, or a buyer's own number made public) or a word from the configured list. Everything else is
/// published at once. It errs on the side of holding: an officer publishes a false alarm with one click.
/// </summary>
public sealed partial class ReviewContentFilter
{
    public const string Link = "link";
    public const string Phone = "phone";

    private readonly IReadOnlyList<string> _words;

    /// <param name="heldWords">Words or phrases, compared folded (no diacritics, any case) and as whole words.</param>
    public ReviewContentFilter(IEnumerable<string> heldWords) =>
        _words = [.. heldWords.Select(VietnameseText.Fold).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal)];

    public static readonly ReviewContentFilter LinksAndPhonesOnly = new([]);

    // A scheme, "www.", or a host name ending in a common top-level domain ("zalo.me", "shop.vn/abc").
    [GeneratedRegex(@"(?ix) \b(?:https?://|www\.) | \b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|vn|net|org|info|me|io|co|shop|store|online|site|xyz|link|ly|gl|to|app|biz)\b")]
    private static partial Regex LinkPattern();

    // Runs of digits that may be split by spaces, dots or dashes as people write numbers: "0912 345 678",
    // "091.234.5678", "+84 912-345-678", "(024) 3826 4000".
    [GeneratedRegex(@"\+?\(?\d[\d\s.\-()]{7,18}\d")]
    private static partial Regex DigitRun();

    /// <summary>Why the text must wait for an officer, or null when it may be published at once.</summary>
    public string? ReasonToHold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (LinkPattern().IsMatch(text)) return Link;
        if (HasPhoneNumber(text)) return Phone;
        var folded = " " + VietnameseText.Fold(text) + " ";
        foreach (var word in _words)
            if (folded.Contains(" " + word + " ", StringComparison.Ordinal)) return word;
        return null;
    }

    public static bool HasPhoneNumber(string text)
    {
        foreach (Match run in DigitRun().Matches(text))
        {
            if (PhoneNumbers.IsVietnamesePhone(run.Value)) return true;
            // "Mua 2 hộp 0912345678" reads as one run with the quantity; look at each space-separated tail too.
            var parts = run.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 1; i < parts.Length; i++)
                if (PhoneNumbers.IsVietnamesePhone(string.Join(' ', parts[i..]))) return true;
        }
        return false;
    }
}
