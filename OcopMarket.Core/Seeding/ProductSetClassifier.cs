using System.Globalization;
using System.Text;

namespace OcopMarket.Core.Seeding;

/// <summary>
/// Assigns an OCOP product-set code (Decision 148/QĐ-TTg, e.g. "I.4a") to a product from its Vietnamese
/// name and its group key. The seed data does not carry the set, so this is a rule-based best guess:
/// the rules match whole words on a diacritic-folded, lowercase form of the name and are checked in order.
/// The result always belongs to <c>groupKey</c>.
/// </summary>
public static class ProductSetClassifier
{
    /// <summary>The six group keys and the set codes that belong to each one.</summary>
    internal static readonly IReadOnlyDictionary<string, string[]> SetsByGroup = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["food"] = ["I.1a", "I.1b", "I.2a", "I.2b", "I.3a", "I.3b", "I.3c", "I.3d", "I.4a", "I.4b", "I.5a", "I.5b", "I.6"],
        ["drinks"] = ["II.1a", "II.1b", "II.2a", "II.2b"],
        ["herbal"] = ["III.1", "III.2", "III.3"],
        ["handicraft"] = ["IV.1", "IV.2"],
        ["ornamental"] = ["V.1", "V.2", "V.3"],
        ["tourism"] = ["VI.1"],
    };

    public static string Classify(string productName, string groupKey)
    {
        ArgumentNullException.ThrowIfNull(productName);
        ArgumentNullException.ThrowIfNull(groupKey);

        var k = Key(productName);
        return groupKey.Trim().ToLowerInvariant() switch
        {
            "food" => ClassifyFood(k),
            "drinks" => ClassifyDrinks(k),
            "herbal" => ClassifyHerbal(k),
            "handicraft" => ClassifyHandicraft(k),
            "ornamental" => ClassifyOrnamental(k),
            "tourism" => "VI.1",
            _ => throw new ArgumentOutOfRangeException(nameof(groupKey), groupKey, "Unknown OCOP group key."),
        };
    }

    // ---- food (group I) -------------------------------------------------------------------------

    private static string ClassifyFood(string k)
    {
        // Sauces and liquid seasonings: nước mắm, mắm, tương, giấm.
        if (Starts(k, "mam", "tuong", "giam", "nuoc cham", "xi dau")
            || Has(k, "nuoc mam", "mam tom", "mam ruoc", "mam tep", "nuoc tuong", "dau hao"))
        {
            return "I.4a";
        }

        // Bird's nest: raw / cleaned nest is lightly processed, stewed nest is ready to eat.
        if (Starts(k, "yen", "to yen") || Has(k, "yen sao", "to yen"))
        {
            return Has(k, "chung", "nuoc", "hu") ? "I.3a" : "I.2b";
        }

        // Tea ("chè ..." or "trà ..." at the start of the name).
        if (Starts(k, "che"))
        {
            if (Has(k, "dau", "cot dua", "troi", "khuc bach", "bap", "khoai", "thap cam", "suong sa"))
            {
                return "I.3c"; // chè as a sweet dessert, not tea
            }

            return Has(k, "che day", "che vang") ? "I.5b" : "I.5a";
        }

        if (Starts(k, "tra"))
        {
            return TeaSet(k);
        }

        // Sweets and cakes, checked before coffee/tea words they may contain ("kẹo dừa ca cao", "bánh đậu trà xanh").
        if (Starts(k, "keo", "cu do") || Has(k, "cu do"))
        {
            return Has(k, "gao", "com") && !Has(k, "lac", "dua", "me", "vung", "dau") ? "I.3b" : "I.3c";
        }

        if (Starts(k, "banh"))
        {
            if (Has(k, "hau", "tom", "muc", "ca", "cua", "ruoc", "thit"))
            {
                return "I.3d"; // bánh phồng tôm / hàu ...
            }

            if (Has(k, "dau", "dau xanh", "dua", "khoai", "san day", "khoai mi", "chuoi", "mit", "hat sen", "lac"))
            {
                return "I.3c"; // made mainly from beans, coconut, tubers, fruit
            }

            return "I.3b";
        }

        // Coffee and cocoa.
        if (Has(k, "ca phe", "ca cao", "cacao", "cafe", "coffee", "cocoa"))
        {
            return "I.6";
        }

        // Tea named later in the product name ("Hồng trà ...", "Ngự trà ...", "... - Trà hoa sen").
        if (Has(k, "tra") && !Has(k, "ca tra") && !Starts(k, "bot", "tinh bot"))
        {
            return TeaSet(k);
        }

        // Milk products and ice cream.
        if (Starts(k, "kem", "sua", "pho mai", "bo sua") || Has(k, "sua chua", "sua tuoi", "pho mai"))
        {
            return Has(k, "sua tuoi") && !Has(k, "chua") ? "I.1b" : "I.3d";
        }

        // Processed meat and seafood.
        if (Starts(k, "gio", "nem", "lap xuong", "xuc xich", "kho", "ruoc", "cha bong", "khau nhuc", "pate", "thit kho", "thit say", "thit trau gac bep")
            || (Starts(k, "cha") && !Starts(k, "cha la"))
            || Has(k, "lap xuong", "xuc xich", "cha ca", "cha muc", "cha lua", "gio lua", "u muoi", "gac bep", "hun khoi", "trung muoi"))
        {
            return "I.3d";
        }

        if (StartsWithAnimal(k))
        {
            return Has(k, "nang", "kho", "rim", "tam", "say", "ran", "chien", "xong", "muoi", "chua cay", "chua ngot", "ngam", "xao")
                ? "I.3d"
                : "I.1b";
        }

        // Rice and grains (raw), then products made from them.
        if (Starts(k, "gao", "nep", "lua", "ngo", "bap"))
        {
            return Has(k, "say", "rang", "bot", "snack", "thanh") ? "I.3b" : "I.2a";
        }

        if (Starts(k, "my", "mi", "mien", "bun", "pho", "hu tieu", "banh da", "banh trang", "com", "chao", "ngu coc", "snack", "bot gao")
            || Has(k, "gao", "my gao", "mi gao", "ngu coc", "gao lut"))
        {
            return "I.3b";
        }

        // Vegetables, fruit, nuts: dried, candied, pickled, powdered or otherwise processed.
        // (Dried chili, salt, pepper ... stay seasonings, candied ginger does not.)
        var seasoningFirst = Starts(k, Seasonings);
        if ((!seasoningFirst && (Has(k, "say", "say kho", "muoi", "ngam", "cat lat", "soi", "tinh bot", "rang", "chien", "dong hop", "sot", "xay")
                || Starts(k, "bot", "hat", "dua chua", "ca phao")))
            || Has(k, "say deo", "mut", "ngam duong"))
        {
            return "I.3c";
        }

        // Honey, molasses, palm/coconut nectar.
        if (Starts(k, "mat") || Has(k, "mat ong"))
        {
            return "I.2b";
        }

        // Other seasonings and cooking oils.
        if (seasoningFirst
            || Has(k, "dau me", "dau phung", "dau lac", "dau vung", "dau dua", "dau gac", "dau oliu", "dau an"))
        {
            return "I.4b";
        }

        // Fresh produce.
        if ((Starts(k, FreshProduce) && !Starts(k, "bo san pham", "bo qua", "bo qua tang")) || Has(k, "vai thieu", "vu sua", "mang cau", "sau rieng", "thanh long", "mang tay"))
        {
            return "I.1a";
        }

        return "I.3c";
    }

    private static readonly string[] Seasonings =
    [
        "duong", "muoi", "tieu", "hat tieu", "ot", "sa", "gung", "nghe", "que", "hoi", "toi", "hanh", "bot canh", "hat nem",
        "mac khen", "mac mat", "hat doi", "bot ot", "bot nghe",
    ];

    private static readonly string[] FreshProduce =
    [
        "vai", "vu sua", "mang cau", "na", "buoi", "cam", "quyt", "chanh", "chuoi", "xoai", "nhan", "thanh nhan", "le", "man",
        "dao", "hong", "nho", "mit", "sau rieng", "thanh long", "dua", "bo", "oi", "tao", "dau tay", "dau", "qua", "trai",
        "ca rot", "ca chua", "cai", "rau", "mang", "mang tay", "khoai", "cu", "nam", "lac", "bi", "bau", "su su", "dua leo",
        "xa lach", "hanh la", "gung tuoi",
    ];

    private static readonly string[] Animals =
    [
        "ga", "vit", "ngan", "de", "heo", "lon", "thit", "trung", "bo to", "trau", "tom", "cua", "ghe", "muc", "oc", "so",
        "ngheu", "hau", "ech", "luon", "ba ba", "ca",
    ];

    private static bool StartsWithAnimal(string k)
    {
        if (Starts(k, "ca rot", "ca chua", "ca na", "ca phao", "ca tim", "ca phe", "ca cao", "ca ri", "ca gai leo", "ca muoi", "ca phao muoi"))
        {
            return false;
        }

        return Starts(k, Animals);
    }

    private static string TeaSet(string k)
    {
        // Teas from plants other than Camellia sinensis.
        if (Has(k, "sam", "dang sam", "gung", "muop dang", "kho qua", "ca gai leo", "day thia canh", "giao co lam", "dinh lang", "actiso",
                "atiso", "thao moc", "thao duoc", "tam gui", "buoi", "vo ca phe", "hoa vang", "tim sen", "la sen",
                "hoa cuc", "cuc hoa", "rau ma", "nhan tran", "la voi", "linh chi", "gao lut", "dau den", "ky tu", "tia to", "la oi", "xa",
                "che day", "che vang", "cam thao", "hibiscus", "atiso do", "mam xoi", "nu voi", "la dua"))
        {
            return "I.5b";
        }

        // Tea from the tea plant: green, black (hồng trà), oolong, Shan tuyết, Thái Nguyên grades, GABA.
        if (Starts(k, "che")
            || Has(k, "xanh", "den", "olong", "oolong", "o long", "shan", "shan tuyet", "tuyet", "bup", "tra dinh", "tom non", "non tom",
                "hong tra", "hong dinh", "gaba", "tan cuong", "moc cau", "matcha", "ta xua", "thai nguyen", "che xanh"))
        {
            return "I.5a";
        }

        return "I.5b"; // flower teas (hoa sen ...), wild/forest teas and unnamed blends
    }

    // ---- drinks (group II) ----------------------------------------------------------------------

    private static string ClassifyDrinks(string k)
    {
        if (Has(k, "ruou", "bia", "cider", "sake", "ruou vang") || Starts(k, "vang"))
        {
            // "vàng" in "nếp cái hoa vàng" is a rice variety, so wine is only "rượu vang" / "vang ...".
            if (Starts(k, "vang", "bia", "cider")
                || Has(k, "ruou vang", "bia", "cider", "sim", "mo", "tao meo", "thot not", "mang cau", "trai giac", "nho", "dau tam", "dau tay",
                    "dau rung", "man", "chuoi", "mac mat", "ba kich", "linh chi", "sam", "dang sam", "dinh lang", "nam lim", "ruou nam",
                    "lim xanh", "dong trung", "cuc hoa", "hoa qua", "tao", "dua", "buoi", "vai", "nhan", "trai cay", "qua", "gac", "chanh",
                    "thuoc", "thao duoc", "mat ong", "ngam sam", "tac ke", "ca phe"))
            {
                return "II.1b"; // fruit wines, beer, herb- or fruit-infused liqueurs
            }

            return "II.1a"; // white spirits: rice, sticky-rice, corn, cassava
        }

        if (Has(k, "nuoc khoang", "nuoc uong", "nuoc tinh khiet", "nuoc suoi", "nuoc kiem", "nuoc khoang thien nhien"))
        {
            return "II.2a";
        }

        return "II.2b";
    }

    // ---- herbal (group III) ---------------------------------------------------------------------

    private static string ClassifyHerbal(string k)
    {
        if (Has(k, "dau goi", "dau xa", "sua tam", "xa phong", "xa bong", "kem", "nuoc hoa", "sua rua mat", "tay trang", "mat na",
                "duong the", "duong da", "duong toc", "serum", "ngam chan", "xong", "nuoc tam", "la tam", "muoi tam", "tam be",
                "bot rua", "nuoc suc mieng", "kem danh rang", "my pham", "son moi", "son duong", "xit", "gel", "tinh chat", "muoi ngam"))
        {
            return "III.2";
        }

        if (Has(k, "tinh dau", "dau xoa", "dau gio", "dau tram", "dau que"))
        {
            return "III.3";
        }

        if (Starts(k, "cao") || Has(k, "dong trung", "vien", "vien nang", "thuc pham bao ve", "thuc pham chuc nang", "tpbvsk", "tpcn",
                "siro", "thuoc", "bot", "tra", "cao long", "cao dac", "cao mem", "cao ong"))
        {
            return "III.1";
        }

        if (Has(k, "kho", "nu", "nu hoa", "la", "re", "cu", "than", "hat", "duoc lieu", "sam day", "say", "tuoi"))
        {
            return "III.3"; // raw or dried herbal material
        }

        return "III.1";
    }

    // ---- handicraft (group IV) ------------------------------------------------------------------

    private static string ClassifyHandicraft(string k)
    {
        return Starts(k, "lua", "vai", "ao", "vay", "khan", "chan", "goi", "quan ao", "dam", "len")
            || Has(k, "tho cam", "sa rong", "khan", "khan pieu", "vai", "ao", "vay", "to tam", "det", "may mac", "trang phuc", "theu",
                "dong phuc", "chan bong", "chan vay", "tui vai", "lua to tam", "khan lua", "ao dai", "soi len", "soi to")
            ? "IV.2"
            : "IV.1";
    }

    // ---- ornamental (group V) -------------------------------------------------------------------

    private static string ClassifyOrnamental(string k)
    {
        if (Has(k, "ca", "ca canh", "ca koi", "chim", "ga", "meo", "cho", "tho", "rua", "vet", "chim canh", "ca rong"))
        {
            return "V.3";
        }

        if (Has(k, "hoa", "lan", "mai", "dao", "cuc", "hong", "ly", "tulip", "cat tuong", "sen", "phong lan", "dia lan", "lan ho diep", "hue"))
        {
            return "V.1";
        }

        return "V.2"; // cây cảnh, bonsai and anything else
    }

    // ---- text helpers ---------------------------------------------------------------------------

    /// <summary>
    /// Lowercase, diacritic-free form: Unicode NFD, non-spacing marks removed, đ/Đ mapped to d.
    /// "Nước mắm Đông Hải" → "nuoc mam dong hai".
    /// </summary>
    internal static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            sb.Append(ch switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(ch),
            });
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Folded form reduced to words of letters/digits separated by single spaces, with a leading and a
    /// trailing space, so that whole words and phrases can be matched with <c>" word "</c>.
    /// </summary>
    internal static string Key(string text)
    {
        var folded = Fold(text);
        var sb = new StringBuilder(folded.Length + 2);
        sb.Append(' ');
        var lastWasSpace = true;
        foreach (var ch in folded)
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(ch);
                lastWasSpace = false;
            }
            else if (!lastWasSpace)
            {
                sb.Append(' ');
                lastWasSpace = true;
            }
        }

        if (!lastWasSpace)
        {
            sb.Append(' ');
        }

        return sb.ToString();
    }

    /// <summary>True when the key contains any of the words/phrases as whole words.</summary>
    internal static bool Has(string key, params string[] phrases)
    {
        foreach (var phrase in phrases)
        {
            if (key.Contains(' ' + phrase + ' ', StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the key starts with any of the words/phrases.</summary>
    internal static bool Starts(string key, params string[] phrases)
    {
        foreach (var phrase in phrases)
        {
            if (key.StartsWith(' ' + phrase + ' ', StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
