using System.Text;

namespace OcopMarket.Core.Seeding;

/// <summary>
/// Deterministic demo prices (VND) and stock levels for the seeded catalogue. Values depend only on the
/// product name, its set code and its OCOP stars, never on process state, so every run seeds the same data.
/// </summary>
public static class DemoPricing
{
    private readonly record struct PriceRange(long Min, long Max);

    /// <summary>Default price range per set code, for one selling unit (see <see cref="DemoCatalogText.UnitFor"/>).</summary>
    private static readonly IReadOnlyDictionary<string, PriceRange> RangeBySet = new Dictionary<string, PriceRange>(StringComparer.Ordinal)
    {
        ["I.1a"] = new(60_000, 300_000),     // hộp 2 kg fruit
        ["I.1b"] = new(80_000, 350_000),     // fresh meat, poultry
        ["I.2a"] = new(30_000, 120_000),     // túi 1 kg rice
        ["I.2b"] = new(150_000, 450_000),    // chai 500 ml honey
        ["I.3a"] = new(150_000, 450_000),    // ready-to-eat packs
        ["I.3b"] = new(30_000, 150_000),     // noodles, rice cakes
        ["I.3c"] = new(40_000, 220_000),     // dried fruit, sweets, powders
        ["I.3d"] = new(80_000, 400_000),     // sausages, dried fish
        ["I.4a"] = new(60_000, 250_000),     // fish sauce, mắm, tương
        ["I.4b"] = new(30_000, 180_000),     // spices, oils
        ["I.5a"] = new(80_000, 600_000),     // tea
        ["I.5b"] = new(60_000, 350_000),     // herbal teas
        ["I.6"] = new(90_000, 500_000),      // coffee
        ["II.1a"] = new(120_000, 600_000),   // white spirits
        ["II.1b"] = new(150_000, 800_000),   // fruit wines, infused liqueurs
        ["II.2a"] = new(80_000, 220_000),    // thùng 24 chai
        ["II.2b"] = new(30_000, 250_000),    // juices, soft drinks
        ["III.1"] = new(150_000, 1_200_000), // herbal extracts, supplements
        ["III.2"] = new(150_000, 600_000),   // herbal cosmetics
        ["III.3"] = new(150_000, 700_000),   // essential oils, dried herbs
        ["IV.1"] = new(150_000, 2_500_000),  // household / decorative handicrafts
        ["IV.2"] = new(150_000, 2_000_000),  // textiles
        ["V.1"] = new(250_000, 1_500_000),   // flowers (chậu)
        ["V.2"] = new(300_000, 3_000_000),   // ornamental plants
        ["V.3"] = new(100_000, 1_000_000),   // ornamental animals
        ["VI.1"] = new(150_000, 900_000),    // per person
    };

    private static readonly PriceRange Fallback = new(50_000, 500_000);

    /// <summary>
    /// A plausible price in đồng: inside the set's range, higher on average for more stars, rounded to the
    /// nearest 1.000 đ and always positive. Stars are clamped to 3..5 (the stars of products for sale).
    /// </summary>
    public static long PriceFor(string productName, string setCode, int stars)
    {
        ArgumentNullException.ThrowIfNull(productName);
        ArgumentNullException.ThrowIfNull(setCode);

        var range = RangeFor(ProductSetClassifier.Key(productName), setCode);

        // 3★ products land in the lower half of the range, 4★ in the middle half, 5★ in the upper half.
        var tier = Math.Clamp(stars, 3, 5) - 3;
        var position = tier * 250 + (long)(StableHash("price|" + productName) % 500); // 0..999 per mille
        var raw = range.Min + (range.Max - range.Min) * position / 1000;
        var rounded = (raw + 500) / 1000 * 1000;
        return Math.Max(1_000, rounded);
    }

    /// <summary>Units in stock, 0..300; about 5–8 % of products are out of stock (0), 19 of the 256 seed products.</summary>
    public static int StockFor(string productName, string setCode)
    {
        ArgumentNullException.ThrowIfNull(productName);
        ArgumentNullException.ThrowIfNull(setCode);

        var h = StableHash("stock|" + productName);
        if (h % 1000 < 55)
        {
            return 0;
        }

        return 1 + (int)((h >> 20) % 300);
    }

    /// <summary>Narrower ranges for products whose price differs a lot from the rest of their set.</summary>
    private static PriceRange RangeFor(string k, string setCode)
    {
        switch (setCode)
        {
            case "I.1a" when Starts(k, "rau", "cai", "mang", "nam", "ca rot", "xa lach", "kale", "khoai", "cu") && !Starts(k, "mang cau"):
                return new(25_000, 90_000);
            case "I.1a" when Starts(k, "lac", "dau"):
                return new(50_000, 150_000);
            case "I.1b" when Has(k, "trung"):
                return new(35_000, 90_000);
            case "I.2b" when Has(k, "yen", "to yen", "yen sao"):
                return new(900_000, 2_500_000);
            case "I.2b" when Has(k, "mia", "hoa dua", "mat mia"):
                return new(60_000, 200_000);
            case "I.3a" when Has(k, "yen"):
                return new(200_000, 450_000);
            case "I.3d" when Has(k, "sua chua", "kem", "sua"):
                return new(40_000, 150_000);
            case "I.6" when Has(k, "chon"):
                return new(600_000, 1_500_000);
            case "II.2b" when Has(k, "yen"):
                return new(150_000, 350_000);
            case "III.2" when Has(k, "muoi"):
                return new(60_000, 250_000);
            case "III.1" when Has(k, "dong trung"):
                return new(500_000, 1_500_000);
            case "III.3" when Has(k, "tinh dau"):
                return new(150_000, 400_000);
            case "IV.1" when Has(k, "ngoc trai"):
                return new(800_000, 2_500_000);
            case "IV.1" when Has(k, "dep", "lot giay", "vong", "huong", "huong tram", "dao", "thia", "ong hut"):
                return new(150_000, 500_000);
            default:
                return RangeBySet.TryGetValue(setCode, out var range) ? range : Fallback;
        }
    }

    private static bool Has(string key, params string[] words) => ProductSetClassifier.Has(key, words);

    private static bool Starts(string key, params string[] words) => ProductSetClassifier.Starts(key, words);

    /// <summary>
    /// 64-bit FNV-1a over the UTF-8 bytes of the NFC-normalised text. Unlike <see cref="string.GetHashCode()"/>
    /// it is the same in every process, which keeps the seed data stable across runs.
    /// </summary>
    internal static ulong StableHash(string text)
    {
        const ulong offsetBasis = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;

        var hash = offsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(text.Normalize(NormalizationForm.FormC)))
        {
            hash ^= b;
            hash *= prime;
        }

        // FNV's low bits mix poorly for short inputs; fold the high half in before callers take remainders.
        return hash ^ (hash >> 29);
    }
}
