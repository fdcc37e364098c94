using OcopMarket.Bench.Shared;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Core.Seeding;
using OcopMarket.Core.Text;

namespace OcopMarket.Bench;

/// <summary>
/// Builds a benchmark database the way the app builds its own (migrations + CatalogSeeder), then adds generated
/// producers and products through the domain constructors until the catalog holds the requested number of products.
/// </summary>
internal static class Generator
{
    private const int BatchSize = 5_000;
    private const int ProductsPerProducer = 20;

    private static readonly (OcopGroup Group, int Weight)[] GroupWeights =
    [
        (OcopGroup.Food, 62), (OcopGroup.Drinks, 11), (OcopGroup.Herbal, 10),
        (OcopGroup.Handicraft, 10), (OcopGroup.Ornamental, 3), (OcopGroup.Tourism, 4),
    ];

    private static readonly (ProducerType Type, int Weight)[] ProducerTypeWeights =
    [
        (ProducerType.Company, 40), (ProducerType.Cooperative, 35), (ProducerType.HouseholdBusiness, 18),
        (ProducerType.CooperativeGroup, 4), (ProducerType.Farm, 3),
    ];

    public static async Task<int> RunAsync(BenchDatabase database, int target, int seed)
    {
        var clock = Stopwatch.StartNew();
        var fullPath = database.Label;
        await database.RecreateAsync();

        var services = new ServiceCollection()
            .AddLogging()
            .AddOcopCore(database.Connection())
            .BuildServiceProvider();
        await using (services)
        {
            await services.MigrateAndSeedAsync();
            var factory = services.GetRequiredService<IDbContextFactory<OcopDbContext>>();

            int seeded;
            await using (var db = await factory.CreateDbContextAsync())
                seeded = await db.Products.CountAsync();
            Console.WriteLine($"Migrated and seeded {fullPath}: {seeded} products ({clock.Elapsed.TotalSeconds:F1} s)");
            if (target < seeded)
                throw new BenchFailure($"--products {target} is below the {seeded} seeded products.");

            if (target > seeded)
                await AddGeneratedAsync(factory, target - seeded, new Random(seed));

            await ReportAsync(factory, target);

            if (!database.IsSqlite)
            {
                // A bulk-loaded table has no visibility map yet, so index-only scans would visit the heap until
                // autovacuum gets round to it; a database that has been running for a while is vacuumed.
                await using var db = await factory.CreateDbContextAsync();
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
                await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE)");
                Console.WriteLine($"VACUUM (ANALYZE) done ({clock.Elapsed.TotalSeconds:F1} s)");
            }
        }
        if (database.IsSqlite) SqliteConnection.ClearAllPools();
        Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private sealed record Place(string ProvinceCode, string ProvinceName, string CommuneCode, string CommuneName, string ShortName);

    private sealed record ProducerPlan(Producer Producer, Place Place, OcopGroup Group, string[] Sets, string Brand, int Products);

    private static async Task AddGeneratedAsync(IDbContextFactory<OcopDbContext> factory, int toAdd, Random rng)
    {
        var today = TimeProvider.System.Today();
        var now = DateTime.UtcNow;

        HashSet<string> productSlugs, producerSlugs;
        Dictionary<string, Place[]> placesByProvince;
        List<Province> provinces;
        await using (var db = await factory.CreateDbContextAsync())
        {
            productSlugs = [.. await db.Products.Select(p => p.Slug).ToListAsync()];
            producerSlugs = [.. await db.Producers.Select(p => p.Slug).ToListAsync()];
            provinces = await db.Provinces.AsNoTracking().OrderBy(p => p.Code).ToListAsync();
            var communes = await db.Communes.AsNoTracking().ToListAsync();
            placesByProvince = provinces.ToDictionary(p => p.Code, p => communes
                .Where(c => c.ProvinceCode == p.Code)
                .Select(c => new Place(p.Code, p.Name, c.Code, c.Name, ShortPlaceName(c.Name)))
                .ToArray());
        }

        var setsByGroup = ReferenceData.Sets
            .GroupBy(s => OcopGroups.TryParseKey(s.Group, out var g) ? g : throw new BenchFailure($"Unknown group {s.Group}"))
            .ToDictionary(g => g.Key, g => g.Select(s => s.Code).ToArray());
        var setNames = ReferenceData.Sets.ToDictionary(s => s.Code, s => s.NameVi);
        foreach (var set in setNames.Keys)
            if (!WordLists.ProductTypesBySet.ContainsKey(set)) throw new BenchFailure($"No product words for set {set}.");

        // ~N/20 producers; each product goes to a random producer, so a producer lists about 20 (Poisson spread).
        var producerCount = Math.Max(1, (int)Math.Round(toAdd / (double)ProductsPerProducer));
        var counts = new int[producerCount];
        for (var i = 0; i < toAdd; i++) counts[rng.Next(producerCount)]++;

        var batchProducers = new List<ProducerPlan>();
        var batchProductCount = 0;
        var added = 0;
        var batches = 0;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < producerCount; i++)
        {
            // Round-robin over the 34 provinces first so every province has producers, then at random.
            var province = i < provinces.Count ? provinces[i] : provinces[rng.Next(provinces.Count)];
            batchProducers.Add(NewProducer(rng, placesByProvince[province.Code], setsByGroup, producerSlugs, counts[i]));
            batchProductCount += counts[i];
            if (batchProductCount >= BatchSize || i == producerCount - 1)
            {
                added += await SaveBatchAsync(factory, batchProducers, rng, today, now, productSlugs, setNames);
                batches++;
                Console.WriteLine($"  batch {batches}: +{batchProducers.Count} producers, {added}/{toAdd} products ({sw.Elapsed.TotalSeconds:F1} s)");
                batchProducers.Clear();
                batchProductCount = 0;
            }
        }
        if (added != toAdd) throw new BenchFailure($"Generated {added} products, expected {toAdd}.");
    }

    private static ProducerPlan NewProducer(Random rng, Place[] places, Dictionary<OcopGroup, string[]> setsByGroup,
        HashSet<string> producerSlugs, int productCount)
    {
        var place = Pick(rng, places);
        var type = Weighted(rng, ProducerTypeWeights);
        var group = Weighted(rng, GroupWeights);
        var groupSets = setsByGroup[group];
        var sets = groupSets.OrderBy(_ => rng.Next()).Take(1 + rng.Next(Math.Min(3, groupSets.Length))).ToArray();
        var brand = Pick(rng, WordLists.Brands);
        var person = $"{Pick(rng, WordLists.Surnames)} {Pick(rng, WordLists.MiddleNames)} {Pick(rng, WordLists.GivenNames)}";

        var name = type switch
        {
            ProducerType.Cooperative => rng.Next(2) == 0
                ? $"Hợp tác xã {Pick(rng, WordLists.CooperativeKinds)} {place.ShortName}"
                : $"Hợp tác xã {brand}",
            ProducerType.CooperativeGroup => $"Tổ hợp tác sản xuất {FirstWords(Pick(rng, WordLists.ProductTypesBySet[sets[0]]), 2).ToLowerInvariant()} {place.ShortName}",
            ProducerType.Company => rng.Next(3) switch
            {
                0 => $"Công ty TNHH {brand}",
                1 => $"Công ty Cổ phần {brand} {place.ProvinceName}",
                _ => $"Công ty TNHH MTV {brand} {place.ShortName}",
            },
            ProducerType.Farm => $"Trang trại {brand} {place.ShortName}",
            _ => rng.Next(2) == 0 ? $"Hộ kinh doanh {person}" : $"Cơ sở sản xuất {brand} {place.ShortName}",
        };

        var producer = new Producer(name, UniqueSlug(name, producerSlugs), type, place.ProvinceCode);
        var street = rng.Next(3) switch
        {
            0 => $"Thôn {rng.Next(1, 15)}",
            1 => $"Số {rng.Next(1, 400)} đường {Pick(rng, WordLists.StreetNames)}",
            _ => $"Ấp {Pick(rng, WordLists.Brands)}",
        };
        producer.Locate(place.ProvinceCode, place.CommuneCode, street);
        producer.UpdateProfile($"09{rng.Next(10_000_000, 99_999_999)}",
            $"{name} sản xuất sản phẩm OCOP tại {char.ToLowerInvariant(place.CommuneName[0])}{place.CommuneName[1..]}, {place.ProvinceName}.", null);
        if (rng.Next(100) < 95) producer.Verify();
        return new ProducerPlan(producer, place, group, sets, brand, productCount);
    }

    private static async Task<int> SaveBatchAsync(IDbContextFactory<OcopDbContext> factory, List<ProducerPlan> plans, Random rng,
        DateOnly today, DateTime now, HashSet<string> productSlugs, Dictionary<string, string> setNames)
    {
        await using var db = await factory.CreateDbContextAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var referenceListings = new List<Product>();
        var count = 0;
        foreach (var plan in plans)
        {
            db.Producers.Add(plan.Producer);
            for (var i = 0; i < plan.Products; i++)
            {
                var (product, current) = NewProduct(rng, plan, today, now, productSlugs, setNames);
                if (current) product.Publish(today);
                else referenceListings.Add(product); // lapsed or undated: listed like the seeded reference listings
                db.Products.Add(product);
                count++;
            }
        }
        await db.SaveChangesAsync();

        // Product.PublishAsReferenceListing is internal: publish lapsed/undated listings as the seeder does, in SQL.
        foreach (var chunk in referenceListings.Select(p => p.Id).Chunk(900))
        {
            var ids = string.Join(',', chunk.Select(id => id.ToString(CultureInfo.InvariantCulture)));
#pragma warning disable EF1002 // the statement holds only integer ids this process generated
            await db.Database.ExecuteSqlRawAsync(db.Provider == DatabaseProvider.Sqlite
                ? $"UPDATE Products SET IsPublished = 1 WHERE Id IN ({ids})"
                : $"UPDATE \"Products\" SET \"IsPublished\" = true WHERE \"Id\" IN ({ids})");
#pragma warning restore EF1002
        }
        return count;
    }

    private static (Product Product, bool Current) NewProduct(Random rng, ProducerPlan plan, DateOnly today, DateTime now,
        HashSet<string> productSlugs, Dictionary<string, string> setNames)
    {
        // A producer mostly sells in its own sets; now and then something else from its group.
        var setCode = rng.Next(100) < 85 ? Pick(rng, plan.Sets) : Pick(rng, SetsOf(plan.Group));
        var kind = Pick(rng, WordLists.ProductTypesBySet[setCode]);
        var placeName = rng.Next(100) < 60 ? plan.Place.ShortName : plan.Place.ProvinceName;
        var name = rng.Next(6) switch
        {
            0 or 1 => $"{kind} {placeName}",
            2 => $"{kind} {plan.Brand}",
            3 => $"{kind} {Pick(rng, WordLists.Qualifiers)} {placeName}",
            4 => $"{kind} {Pick(rng, WordLists.Qualifiers)} {plan.Brand}",
            _ => setCode[0] is 'I' && !setCode.StartsWith("IV", StringComparison.Ordinal)
                ? $"{kind} {placeName} {Pick(rng, WordLists.PackSizes)}"
                : $"{kind} {placeName}",
        };

        var stars = rng.Next(100) switch { < 45 => 3, < 90 => 4, _ => 5 };
        var producer = plan.Producer;
        var provinceName = plan.Place.ProvinceName;
        var product = new Product(
            producer, name, UniqueSlug(name, productSlugs), plan.Group, setCode,
            DemoCatalogText.Describe(name, producer.Name, provinceName, setCode, stars),
            DemoCatalogText.UnitFor(name, setCode),
            DemoPricing.PriceFor(name, setCode, stars),
            DemoPricing.StockFor(name, setCode),
            now.AddSeconds(-rng.Next(0, 730 * 24 * 3600)));

        // 72 % current, 25 % lapsed, 3 % undated; some current ones were renewed from an older certificate.
        var roll = rng.Next(100);
        var current = roll < 72;
        if (current)
        {
            if (rng.Next(100) < 10)
                product.AddCertificate(Certificate(rng, stars, today.AddDays(-rng.Next(1_200, 2_400)), false));
            var yearOnly = rng.Next(100) < 10;
            var issued = yearOnly ? new DateOnly(today.Year - rng.Next(0, 3), 1, 1) : today.AddDays(-rng.Next(0, 1_080));
            product.AddCertificate(Certificate(rng, stars, issued, yearOnly));
        }
        else if (roll < 97)
        {
            var yearOnly = rng.Next(100) < 10;
            var issued = yearOnly ? new DateOnly(today.Year - rng.Next(4, 8), 1, 1) : today.AddDays(-rng.Next(1_100, 2_500));
            product.AddCertificate(Certificate(rng, stars, issued, yearOnly));
        }
        else
        {
            product.AddCertificate(new OcopCertificate(stars, null, stars == 5 ? CertifyingLevel.Central : CertifyingLevel.Province, null));
        }
        if (current != (product.CurrentStarsOn(today) is not null))
            throw new BenchFailure($"Certificate of '{name}' came out {(current ? "lapsed" : "current")}, expected the opposite.");

        product.RefreshSearchText(
            producer.Name,
            string.Join(' ', plan.Place.CommuneName, provinceName),
            string.Join(' ', ReferenceData.Group(plan.Group).NameVi, setNames[setCode]));
        return (product, current);
    }

    private static OcopCertificate Certificate(Random rng, int stars, DateOnly issued, bool yearOnly)
    {
        var level = stars == 5 ? CertifyingLevel.Central
            : issued.Year < 2022 && rng.Next(100) < 30 ? CertifyingLevel.District
            : CertifyingLevel.Province;
        var number = level switch
        {
            CertifyingLevel.Central => $"{rng.Next(100, 4_000)}/QĐ-BNN-VPĐP",
            CertifyingLevel.District => $"{rng.Next(10, 900)}/QĐ-UBND huyện",
            _ => $"{rng.Next(10, 3_000)}/QĐ-UBND",
        };
        return new OcopCertificate(stars, number, level, issued, yearOnly);
    }

    private static async Task ReportAsync(IDbContextFactory<OcopDbContext> factory, int target)
    {
        await using var db = await factory.CreateDbContextAsync();
        var today = TimeProvider.System.Today();
        var total = await db.Products.CountAsync();
        var published = await db.Products.CountAsync(p => p.IsPublished);
        var current = await db.Products.CountAsync(p => p.CertificateValidUntil > today);
        var outOfStock = await db.Products.CountAsync(p => p.Stock == 0);
        var producers = await db.Producers.CountAsync();
        var provinces = await db.Producers.Select(p => p.ProvinceCode).Distinct().CountAsync();
        var sets = await db.Products.Select(p => p.ProductSetCode).Distinct().CountAsync();
        // FTS5 keeps one docsize row per indexed document; on PostgreSQL every row has its generated tsvector.
        var indexed = await (db.Provider == DatabaseProvider.Sqlite
            ? db.Database.SqlQuery<int>($"SELECT COUNT(*) AS Value FROM ProductSearch_docsize")
            : db.Database.SqlQuery<int>($"SELECT COUNT(*)::int AS \"Value\" FROM \"Products\" WHERE \"SearchVector\" IS NOT NULL")).SingleAsync();
        var byGroup = await db.Products.GroupBy(p => p.Group).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var byStars = await db.Products.GroupBy(p => p.CertificateStars).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();

        Console.WriteLine($"Products {total} (published {published}, current certificate {current}, out of stock {outOfStock}); " +
            $"producers {producers} in {provinces} provinces; {sets} product sets; {indexed} rows in the search index");
        Console.WriteLine("  by group: " + string.Join(", ", byGroup.OrderBy(g => g.Key).Select(g => $"{g.Key.Key()} {g.Count}")));
        Console.WriteLine("  by stars: " + string.Join(", ", byStars.OrderBy(g => g.Key).Select(g => $"{g.Key}★ {g.Count}")));
        if (total != target) throw new BenchFailure($"The database holds {total} products, expected {target}.");
        if (published != total) throw new BenchFailure($"{total - published} products are not published.");
        if (indexed != total) throw new BenchFailure($"The search index holds {indexed} rows for {total} products.");
    }

    private static readonly Dictionary<OcopGroup, string[]> SetsByGroupCache = ReferenceData.Sets
        .GroupBy(s => OcopGroups.TryParseKey(s.Group, out var g) ? g : default)
        .ToDictionary(g => g.Key, g => g.Select(s => s.Code).ToArray());

    private static string[] SetsOf(OcopGroup group) => SetsByGroupCache[group];

    /// <summary>"Xã Tân Cương" → "Tân Cương"; a name without a prefix is kept.</summary>
    private static string ShortPlaceName(string communeName)
    {
        foreach (var prefix in new[] { "Xã ", "Phường ", "Đặc khu ", "Thị trấn " })
            if (communeName.StartsWith(prefix, StringComparison.Ordinal)) return communeName[prefix.Length..];
        return communeName;
    }

    private static string FirstWords(string text, int n) => string.Join(' ', text.Split(' ').Take(n));

    /// <summary>Same rule as CatalogSeeder.UniqueSlug (internal): the folded slug, then -2, -3, … while taken.</summary>
    private static string UniqueSlug(string name, HashSet<string> taken)
    {
        var baseSlug = VietnameseText.Slugify(name);
        if (baseSlug.Length == 0) baseSlug = "san-pham";
        var slug = baseSlug;
        for (var n = 2; !taken.Add(slug); n++) slug = $"{baseSlug}-{n}";
        return slug;
    }

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    private static T Weighted<T>(Random rng, (T Item, int Weight)[] items)
    {
        var roll = rng.Next(items.Sum(i => i.Weight));
        foreach (var (item, weight) in items)
        {
            if (roll < weight) return item;
            roll -= weight;
        }
        return items[^1].Item;
    }
}
