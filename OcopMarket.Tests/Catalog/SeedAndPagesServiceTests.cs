using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Producers;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Core.Seeding;
using OcopMarket.Tests.Support;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Catalog;

public abstract class SeedAndPagesServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : SeedAndPagesServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : SeedAndPagesServiceTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(provider: provider);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [SkippableFact]
    public async Task Seed_loads_the_reference_data_once()
    {
        await new CatalogSeeder(_db, _db.Clock, NullLogger<CatalogSeeder>.Instance).SeedAsync(); // second run
        await using var db = _db.CreateDbContext();
        Assert.Equal(34, await db.Provinces.CountAsync());
        Assert.Equal(3321, await db.Communes.CountAsync());
        Assert.Equal(26, await db.ProductSets.CountAsync());
        Assert.Equal(256, await db.Products.CountAsync());
        Assert.Equal(256, await db.Certificates.CountAsync());
        // Three producers are listed under two spellings each (HTX/Hợp tác xã, CTCP/Công ty CP, CP/cổ phần).
        Assert.Equal(ReferenceData.Products.Select(p => p.Producer).Distinct().Count() - 3, await db.Producers.CountAsync());
    }

    [SkippableFact]
    public async Task A_producer_listed_under_two_spellings_is_one_producer_under_the_fuller_name_with_all_its_products()
    {
        await using var db = _db.CreateDbContext();
        Assert.False(await db.Producers.AnyAsync(p => p.Name == "HTX chè Hảo Đạt"));
        var haoDat = await db.Producers.AsNoTracking().SingleAsync(p => p.Slug == "hop-tac-xa-che-hao-dat");
        Assert.Equal("Hợp tác xã chè Hảo Đạt", haoDat.Name);
        var teas = await db.Products.AsNoTracking().Where(p => p.ProducerId == haoDat.Id).Select(p => p.Name).ToListAsync();
        Assert.Contains("Chè tôm nõn", teas);      // listed under "HTX chè Hảo Đạt"
        Assert.Contains("Chè Đinh Tân Cương", teas); // listed under "Hợp tác xã chè Hảo Đạt"

        var puMat = await db.Producers.AsNoTracking().SingleAsync(p => p.Name.EndsWith("Dược liệu Pù Mát"));
        Assert.Equal("Công ty cổ phần Dược liệu Pù Mát", puMat.Name);
        Assert.Equal("huyện Con Cuông", puMat.LegacyLocality); // the place only the shorter spelling's rows give
        Assert.Equal(5, await db.Products.CountAsync(p => p.ProducerId == puMat.Id));
    }

    [SkippableFact]
    public async Task Seeded_products_keep_their_real_facts()
    {
        await using var db = _db.CreateDbContext();
        var products = await db.Products.AsNoTracking().Include(p => p.Certificates).Include(p => p.Producer).ToListAsync();
        foreach (var record in ReferenceData.Products)
        {
            var p = products.Single(x => x.Name == record.Name
                && ProducerNames.MatchKey(x.Producer.Name) == ProducerNames.MatchKey(record.Producer));
            Assert.Equal(record.Stars, p.Certificates.Single().Stars);
            Assert.Equal(record.Source, p.SourceUrl);
            Assert.Equal(record.Group, p.Group.Key());
            Assert.StartsWith(p.Group switch
            {
                OcopGroup.Food => "I.", OcopGroup.Drinks => "II.", OcopGroup.Herbal => "III.",
                OcopGroup.Handicraft => "IV.", OcopGroup.Ornamental => "V.", _ => "VI.",
            }, p.ProductSetCode);
            Assert.True(p.PriceVnd > 0);
            Assert.False(string.IsNullOrWhiteSpace(p.Description));
        }
        Assert.Equal(products.Count, products.Select(p => p.Slug).Distinct().Count());
    }

    [SkippableFact]
    public async Task Producers_get_a_2025_commune_when_their_old_commune_kept_its_name()
    {
        await using var db = _db.CreateDbContext();
        var haoDat = await db.Producers.AsNoTracking().Include(p => p.Commune).SingleAsync(p => p.Name == "Hợp tác xã chè Hảo Đạt");
        Assert.Equal("19", haoDat.ProvinceCode);
        Assert.Equal("Xã Tân Cương", haoDat.Commune?.Name);
        Assert.Equal("19", haoDat.Commune?.ProvinceCode);
        Assert.Equal("xã Tân Cương, TP.Thái Nguyên", haoDat.LegacyLocality);
    }

    [SkippableFact]
    public async Task Product_details_show_certificate_producer_and_related_products()
    {
        var service = new ProductDetailsService(_db, _db.Clock);
        var p = await service.FindAsync("nuoc-mam-phu-quoc-khai-hoan-40-do-dam");
        Assert.NotNull(p);
        Assert.Equal("Công ty Cổ phần thương mại Khải Hoàn", p.Producer.Name);
        Assert.Equal("An Giang", p.Producer.ProvinceName);
        Assert.Equal(5, p.Certificate!.Stars);
        Assert.Equal(CertifyingLevel.Central, p.Certificate.Level);
        Assert.Equal(2, p.MoreFromProducer.Count); // the 38° and 43° bottles
        Assert.All(p.MoreFromProducer, r => Assert.NotEqual(p.Id, r.Id));
        Assert.NotEmpty(p.MoreInGroup);
        Assert.All(p.MoreInGroup, r => Assert.Equal(OcopGroup.Food, r.Group));
        Assert.Equal("I.4a", p.ProductSetCode);
    }

    [SkippableFact]
    public async Task A_lapsed_certificate_is_reported_as_lapsed_not_as_current_stars()
    {
        var service = new ProductDetailsService(_db, _db.Clock);
        // Decided "năm 2023" with no day: valid at most until 1 January 2026.
        var p = await service.FindAsync("nuoc-mam-phu-quoc-khai-hoan-40-do-dam");
        Assert.Equal(CertificateStatus.Lapsed, p!.Certificate!.Status);
        Assert.Null(p.CurrentStars);

        _db.Clock.Now = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.FromHours(7));
        var earlier = await service.FindAsync("nuoc-mam-phu-quoc-khai-hoan-40-do-dam");
        Assert.Equal(5, earlier!.CurrentStars);
    }

    [SkippableFact]
    public async Task Unknown_or_unpublished_slugs_are_not_found()
    {
        var service = new ProductDetailsService(_db, _db.Clock);
        Assert.Null(await service.FindAsync("khong-ton-tai"));
        await using (var db = _db.CreateDbContext())
        {
            var product = await db.Products.FirstAsync(p => p.Slug == "che-dinh-tan-cuong");
            product.Unpublish();
            await db.SaveChangesAsync();
        }
        Assert.Null(await service.FindAsync("che-dinh-tan-cuong"));
    }

    [SkippableFact]
    public async Task Producer_page_lists_all_their_published_products()
    {
        var directory = new ProducerDirectory(_db);
        var profile = await directory.FindAsync("hop-tac-xa-van-huong");
        Assert.NotNull(profile);
        Assert.Equal(ProducerType.Cooperative, profile.Summary.Type);
        Assert.Equal(3, profile.Products.Count);
        Assert.All(profile.Products, p => Assert.StartsWith("Rượu", p.Name));
        Assert.Null(await directory.FindAsync("nobody"));
    }

    [SkippableFact]
    public async Task Home_features_current_five_star_products_and_counts_groups_and_provinces()
    {
        var home = await new StorefrontService(_db, _db.Clock, _db.Catalog(), _db.Cache).GetHomeAsync();
        Assert.InRange(home.FeaturedFiveStar.Count, 1, StorefrontService.FeaturedCount);
        Assert.All(home.FeaturedFiveStar, p => Assert.Equal(5, p.CurrentStarsOn(_db.Clock.Today())));
        Assert.Equal(6, home.Groups.Count);
        Assert.Equal(186, home.Groups.Single(g => g.Key == "food").Count);
        Assert.Equal(25, home.Provinces.Count); // 25 of the 34 units have products in the data
        Assert.Equal(256, home.Provinces.Sum(p => p.Count));
        Assert.Equal("Đà Nẵng", home.Provinces[0].Name);
    }

    /// <summary>The home summary is cached under the catalog version: after a write it lags by at most CatalogCache.MaxStaleness.</summary>
    [SkippableFact]
    public async Task Home_summary_follows_an_unpublished_product_within_the_staleness_bound()
    {
        var storefront = new StorefrontService(_db, _db.Clock, _db.Catalog(), _db.Cache);
        var before = await storefront.GetHomeAsync();
        Assert.Same(before.FeaturedFiveStar, (await storefront.GetHomeAsync()).FeaturedFiveStar); // cached
        var featured = before.FeaturedFiveStar[0];
        await using (var db = _db.CreateDbContext())
        {
            (await db.Products.SingleAsync(p => p.Id == featured.Id)).Unpublish();
            await db.SaveChangesAsync();
        }
        var soon = await storefront.GetHomeAsync();
        Assert.InRange(soon.ProductCount, before.ProductCount - 1, before.ProductCount);
        await _db.Cache.RefreshesSettledAsync();
        var settled = await storefront.GetHomeAsync();
        Assert.Equal(before.ProductCount - 1, settled.ProductCount);
        Assert.DoesNotContain(settled.FeaturedFiveStar, p => p.Id == featured.Id);

        await using (var db = _db.CreateDbContext())
        {
            (await db.Products.SingleAsync(p => p.Id == featured.Id)).Publish(_db.Clock.Today());
            await db.SaveChangesAsync();
        }
        _db.Clock.Now += CatalogCache.MaxStaleness; // past the bound: never the summary from before the write
        var after = await storefront.GetHomeAsync();
        Assert.Equal(before.ProductCount, after.ProductCount);
        Assert.Equal(before.FeaturedFiveStar.Select(p => p.Id), after.FeaturedFiveStar.Select(p => p.Id));
        Assert.Equal(before.Groups, after.Groups);
    }

    [SkippableFact]
    public async Task Sitemap_lists_every_published_product_and_verified_producer()
    {
        var storefront = new StorefrontService(_db, _db.Clock, _db.Catalog(), _db.Cache);
        Assert.Equal(256, await storefront.CountPublishedProductsAsync());
        var files = new List<List<string>>();
        for (var file = 1; file <= 4; file++) files.Add(await storefront.SitemapProductsAsync(file, perFile: 100).Select(p => p.Slug).ToListAsync());
        Assert.Equal([100, 100, 56, 0], files.Select(f => f.Count));
        Assert.Equal(256, files.SelectMany(f => f).Distinct().Count());
        // One producer per name and province once the legal-form abbreviations are written out (HTX = Hợp tác xã).
        Assert.Equal(ReferenceData.Products.Select(p => (OcopMarket.Core.Producers.ProducerNames.MatchKey(p.Producer), p.Province2025)).Distinct().Count(),
            await storefront.SitemapProducersAsync().CountAsync());
    }
}
