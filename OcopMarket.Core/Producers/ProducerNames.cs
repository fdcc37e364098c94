using OcopMarket.Core.Text;

namespace OcopMarket.Core.Producers;

/// <summary>
/// Recognises one producer written two ways. Provincial OCOP lists write the legal form in full in one decision and
/// abbreviated in the next ("HTX chè Hảo Đạt" / "Hợp tác xã chè Hảo Đạt", "CTCP Hoàng Giang" / "Công ty CP Hoàng
/// Giang"), so the seed would otherwise list the same cooperative twice with its products split between them.
/// </summary>
public static class ProducerNames
{
    // Folded abbreviation → folded words, matched as whole words. Only the legal-form and trade abbreviations the
    // provincial lists use; two-letter words that could be part of a brand ("ct", "cs") are left alone.
    private static readonly Dictionary<string, string> Expansions = new(StringComparer.Ordinal)
    {
        ["htx"] = "hop tac xa",
        ["tht"] = "to hop tac",
        ["cty"] = "cong ty",
        ["ctcp"] = "cong ty co phan",
        ["cp"] = "co phan",
        ["tnhh"] = "trach nhiem huu han",
        ["mtv"] = "mot thanh vien",
        ["dntn"] = "doanh nghiep tu nhan",
        ["hkd"] = "ho kinh doanh",
        ["sxkd"] = "san xuat kinh doanh",
        ["sx"] = "san xuat",
        ["kd"] = "kinh doanh",
        ["tm"] = "thuong mai",
        ["dv"] = "dich vu",
        ["xnk"] = "xuat nhap khau",
        ["xk"] = "xuat khau",
    };

    /// <summary>
    /// The name folded (no diacritics, lower case, punctuation as spaces) with every known abbreviation written out:
    /// two names with the same key are the same producer's when they are in the same province.
    /// </summary>
    public static string MatchKey(string? name) =>
        string.Join(' ', VietnameseText.Tokens(name).Select(w => Expansions.GetValueOrDefault(w, w)));

    /// <summary>
    /// Of several spellings of one producer, the one to keep: the most written-out, which is the longest ("Hợp tác xã chè
    /// Hảo Đạt" over "HTX chè Hảo Đạt"), the first listed when two are as long.
    /// </summary>
    public static string Fullest(IEnumerable<string> spellings)
    {
        string? best = null;
        foreach (var name in spellings)
        {
            var trimmed = name.Trim();
            if (best is null || trimmed.Length > best.Length) best = trimmed;
        }
        return best ?? throw new ArgumentException("No spelling given.", nameof(spellings));
    }

    /// <summary>
    /// For each (name, province) listed, the spelling that stands for it once spellings of one producer in one
    /// province are merged.
    /// </summary>
    public static IReadOnlyDictionary<(string Name, string Province), string> Merge(IEnumerable<(string Name, string Province)> listed)
    {
        var distinct = listed.Distinct().ToList();
        var result = new Dictionary<(string, string), string>();
        foreach (var same in distinct.GroupBy(p => (Key: MatchKey(p.Name), p.Province)))
        {
            var kept = Fullest(same.Select(p => p.Name));
            foreach (var p in same) result[p] = kept;
        }
        return result;
    }
}
