using System.Globalization;
using System.Text;

namespace OcopMarket.Core.Text;

/// <summary>
/// Folding and slugs for Vietnamese text. Search compares folded forms so that "nuoc mam" finds
/// "Nước mắm" and "dong thap" finds "Đồng Tháp": đ is a letter of its own, not d plus a mark,
/// so Unicode decomposition alone would leave it behind.
/// </summary>
public static class VietnameseText
{
    /// <summary>Lower-case, without diacritics, đ→d, runs of anything but letters and digits become one space.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return string.Empty;
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            var c = ch switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(ch),
            };
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && sb.Length > 0) sb.Append(' ');
                pendingSpace = false;
                sb.Append(c);
            }
            else
            {
                pendingSpace = true;
            }
        }
        return sb.ToString();
    }

    /// <summary>URL slug: folded words joined by hyphens ("Nước mắm Phú Quốc" → "nuoc-mam-phu-quoc").</summary>
    public static string Slugify(string? text, int maxLength = 80)
    {
        var folded = Fold(text).Replace(' ', '-');
        if (folded.Length > maxLength)
        {
            folded = folded[..maxLength];
            var lastHyphen = folded.LastIndexOf('-');
            if (lastHyphen > maxLength / 2) folded = folded[..lastHyphen];
        }
        return folded.Trim('-');
    }

    /// <summary>
    /// A slug for <paramref name="name"/> that <paramref name="isTaken"/> does not know yet: "ten", then "ten-2",
    /// "ten-3"… so two products with the same name both keep readable URLs.
    /// </summary>
    public static async Task<string> UniqueSlugAsync(string name, string fallback, Func<string, Task<bool>> isTaken)
    {
        var baseSlug = Slugify(name);
        if (baseSlug.Length == 0) baseSlug = fallback;
        var slug = baseSlug;
        for (var n = 2; await isTaken(slug); n++) slug = $"{baseSlug}-{n}";
        return slug;
    }

    /// <summary>The folded words of a query, for building an index query.</summary>
    public static IReadOnlyList<string> Tokens(string? text) =>
        Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
