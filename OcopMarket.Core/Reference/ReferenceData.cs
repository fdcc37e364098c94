using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference.Domain;

namespace OcopMarket.Core.Reference;

/// <summary>
/// The reference data shipped inside this assembly (Data/*.json, copied from the project's shared data set;
/// sources and licences in Data/README.md). Read once per process: it never changes at run time.
/// </summary>
public static class ReferenceData
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private static readonly Lazy<IReadOnlyList<ProvinceRecord>> ProvincesLazy = new(() => Load<List<ProvinceRecord>>("provinces-2025.json"));
    private static readonly Lazy<IReadOnlyList<CommuneRecord>> CommunesLazy = new(() => Load<List<CommuneRecord>>("communes-2025.json"));
    private static readonly Lazy<ProductSetsFile> SetsLazy = new(() => Load<ProductSetsFile>("ocop-product-sets.json"));
    private static readonly Lazy<IReadOnlyList<OcopProductRecord>> ProductsLazy = new(() => Load<List<OcopProductRecord>>("ocop-products.json"));
    private static readonly Lazy<IReadOnlyList<BankRecord>> BanksLazy = new(() => Load<List<BankRecord>>("banks-vn.json"));

    public static IReadOnlyList<ProvinceRecord> Provinces => ProvincesLazy.Value;
    public static IReadOnlyList<CommuneRecord> Communes => CommunesLazy.Value;
    public static IReadOnlyList<GroupRecord> Groups => SetsLazy.Value.Groups;
    public static IReadOnlyList<SetRecord> Sets => SetsLazy.Value.Sets;
    public static IReadOnlyList<OcopProductRecord> Products => ProductsLazy.Value;
    public static IReadOnlyList<BankRecord> Banks => BanksLazy.Value;

    private static readonly Lazy<IReadOnlyDictionary<string, ProvinceRecord>> ProvinceBySlugLazy =
        new(() => ProvincesLazy.Value.ToDictionary(p => Text.VietnameseText.Slugify(p.Name)));

    /// <summary>The provinces by their URL slug ("da-nang"), the key the catalog's query string uses.</summary>
    public static IReadOnlyDictionary<string, ProvinceRecord> ProvinceBySlug => ProvinceBySlugLazy.Value;

    private static readonly Lazy<IReadOnlyDictionary<string, string>> ProvinceSlugByCodeLazy =
        new(() => ProvinceBySlugLazy.Value.ToDictionary(kv => kv.Value.Code, kv => kv.Key));

    /// <summary>Each province's URL slug by its code ("48" → "da-nang").</summary>
    public static IReadOnlyDictionary<string, string> ProvinceSlugByCode => ProvinceSlugByCodeLazy.Value;

    public static GroupRecord Group(OcopGroup group) => Groups.Single(g => g.Key == group.Key());

    /// <summary>Communes of a province whose name contains the typed words, diacritics and case ignored.</summary>
    public static IEnumerable<CommuneRecord> SearchCommunes(string? provinceCode, string? typed, int take = 30)
    {
        var folded = Text.VietnameseText.Fold(typed);
        return Communes
            .Where(c => c.ProvinceCode == provinceCode && (folded.Length == 0 || Text.VietnameseText.Fold(c.Name).Contains(folded, StringComparison.Ordinal)))
            .Take(take);
    }

    public static Stream Open(string fileName) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream("OcopMarket.Core.Data." + fileName)
        ?? throw new InvalidOperationException($"Embedded reference data {fileName} is missing from the build.");

    private static T Load<T>(string fileName)
    {
        using var stream = Open(fileName);
        return JsonSerializer.Deserialize<T>(stream, Json)
            ?? throw new InvalidOperationException($"Reference data {fileName} is empty.");
    }

    public sealed record ProvinceRecord(string Code, string Name, string Type, IReadOnlyList<string> MergedFrom, int CommuneCount);

    public sealed record CommuneRecord(string Code, string Name, string ProvinceCode);

    public sealed record GroupRecord(string Key, string NameVi, string NameEn);

    public sealed record SetRecord(string Code, string Group, string NameVi, string NameEn);

    public sealed record BankRecord(string Bin, string ShortName, string Name, string? SwiftCode, [property: JsonPropertyName("vietQR")] string VietQr);

    public sealed record OcopProductRecord(
        string Name, string Producer, string ProducerType, string? Locality, string Province, string Province2025,
        int Stars, string Group, string? Decision, int? Year, string Source);

    private sealed record ProductSetsFile(IReadOnlyList<GroupRecord> Groups, IReadOnlyList<SetRecord> Sets);
}
