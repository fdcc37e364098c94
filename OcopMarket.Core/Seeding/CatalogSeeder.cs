using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Core.Text;

namespace OcopMarket.Core.Seeding;

/// <summary>
/// Seeds the places, product sets and the 256 real OCOP products at start-up. Idempotent: each part is
/// written only when its table is empty, so restarting the app never duplicates or overwrites anything.
/// </summary>
public sealed class CatalogSeeder(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock, ILogger<CatalogSeeder> logger)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        if (!await db.Provinces.AnyAsync(ct))
        {
            db.Provinces.AddRange(ReferenceData.Provinces.Select(p =>
                new Province(p.Code, p.Name, p.Type == "city", VietnameseText.Slugify(p.Name))));
            db.Communes.AddRange(ReferenceData.Communes.Select(c => new Commune(c.Code, c.Name, c.ProvinceCode)));
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Seeded {Provinces} provinces and {Communes} communes", ReferenceData.Provinces.Count, ReferenceData.Communes.Count);
        }

        if (!await db.ProductSets.AnyAsync(ct))
        {
            db.ProductSets.AddRange(ReferenceData.Sets.Select(s =>
                new ProductSet(s.Code, ParseGroup(s.Group), s.NameVi, s.NameEn)));
            await db.SaveChangesAsync(ct);
        }

        if (!await db.Products.AnyAsync(ct))
        {
            var count = await SeedProductsAsync(db, ct);
            logger.LogInformation("Seeded {Products} OCOP products", count);
        }
    }

    private async Task<int> SeedProductsAsync(OcopDbContext db, CancellationToken ct)
    {
        var provincesByName = await db.Provinces.ToDictionaryAsync(p => p.Name, ct);
        var communes = await db.Communes.AsNoTracking().ToListAsync(ct);
        var communeByFoldedName = communes
            .GroupBy(c => (c.ProvinceCode, Name: VietnameseText.Fold(c.Name)))
            .ToDictionary(g => g.Key, g => g.First());
        var sets = ReferenceData.Sets.ToDictionary(s => s.Code);

        var producers = new Dictionary<string, Producer>();
        var producerSlugs = new HashSet<string>();
        var productSlugs = new HashSet<string>();
        var now = clock.GetUtcNow().UtcDateTime;
        var records = ReferenceData.Products;
        // One producer spelt two ways ("HTX chè Hảo Đạt", "Hợp tác xã chè Hảo Đạt") is one producer in its fullest
        // spelling, with the products of both and the first place either gives.
        var producerNameOf = ProducerNames.Merge(records.Select(r => (r.Producer, r.Province2025)));
        var localityOf = records
            .GroupBy(r => producerNameOf[(r.Producer, r.Province2025)])
            .ToDictionary(g => g.Key, g => g.Select(r => r.Locality).FirstOrDefault(l => !string.IsNullOrWhiteSpace(l)));

        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            var province = provincesByName[r.Province2025];
            var producerName = producerNameOf[(r.Producer, r.Province2025)];
            if (!producers.TryGetValue(producerName, out var producer))
            {
                producer = new Producer(producerName, UniqueSlug(producerName, producerSlugs), ParseProducerType(r.ProducerType), province.Code);
                var locality = localityOf[producerName];
                var commune = FindCommune(locality, province.Code, communeByFoldedName);
                producer.Locate(province.Code, commune?.Code, null, locality);
                producer.Verify();
                producers.Add(producerName, producer);
                db.Producers.Add(producer);
            }

            var group = ParseGroup(r.Group);
            var setCode = ProductSetClassifier.Classify(r.Name, r.Group);
            _ = sets[setCode]; // throws if the classifier ever returns a code the reference data lacks
            var product = new Product(
                producer, r.Name, UniqueSlug(r.Name, productSlugs), group, setCode,
                DemoCatalogText.Describe(r.Name, producerName, r.Province2025, setCode, r.Stars),
                DemoCatalogText.UnitFor(r.Name, setCode),
                DemoPricing.PriceFor(r.Name, setCode, r.Stars),
                DemoPricing.StockFor(r.Name, setCode),
                // Spread listing dates over the past weeks so "newest first" orders something real.
                now.AddHours(-7 * i));
            product.SetSource(r.Source);
            product.AddCertificate(CertificateParsing.FromDecision(r.Stars, r.Decision, r.Year));
            var communeName = producer.CommuneCode is { } cc ? communes.First(c => c.Code == cc).Name : null;
            // Pre-2025 province and locality too: buyers still search "bac giang" for Lục Ngạn lychees.
            ProductSearchText.Refresh(product, producer, province.Name, communeName, r.Province, r.Locality);
            product.PublishAsReferenceListing();
            db.Products.Add(product);
        }

        await db.SaveChangesAsync(ct);
        return records.Count;
    }

    /// <summary>
    /// Best effort: a pre-2025 locality such as "xã Tân Cương, TP.Thái Nguyên" whose commune kept its name
    /// in the 2025 list. Districts are gone, so only the commune part is compared; no match leaves it empty.
    /// </summary>
    internal static Commune? FindCommune(string? locality, string provinceCode,
        IReadOnlyDictionary<(string ProvinceCode, string Name), Commune> communeByFoldedName)
    {
        if (string.IsNullOrWhiteSpace(locality)) return null;
        foreach (var part in locality.Split(','))
        {
            var folded = VietnameseText.Fold(part);
            if (!folded.StartsWith("xa ", StringComparison.Ordinal) && !folded.StartsWith("phuong ", StringComparison.Ordinal)) continue;
            if (communeByFoldedName.TryGetValue((provinceCode, folded), out var commune)) return commune;
        }
        return null;
    }

    // The set records each slug as it is handed out; every task here is already complete, so waiting is free.
    internal static string UniqueSlug(string name, HashSet<string> taken) =>
        VietnameseText.UniqueSlugAsync(name, "san-pham", slug => Task.FromResult(!taken.Add(slug))).GetAwaiter().GetResult();

    private static OcopGroup ParseGroup(string key) =>
        OcopGroups.TryParseKey(key, out var g) ? g : throw new InvalidDataException($"Unknown OCOP group '{key}'.");

    private static ProducerType ParseProducerType(string key) => key switch
    {
        "cooperative" => ProducerType.Cooperative,
        "cooperative_group" => ProducerType.CooperativeGroup,
        "company" => ProducerType.Company,
        "farm" => ProducerType.Farm,
        "household" => ProducerType.HouseholdBusiness,
        _ => throw new InvalidDataException($"Unknown producer type '{key}'."),
    };
}
