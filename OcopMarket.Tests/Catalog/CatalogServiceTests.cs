using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Core.Text;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Catalog;

/// <summary>The catalog over the real seeded data, on real SQLite (FTS5) and PostgreSQL (tsvector).</summary>
public abstract class CatalogServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : CatalogServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : CatalogServiceTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;
    private CatalogService _catalog = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        _catalog = _db.Catalog();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<List<Product>> AllProductsAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.Products.AsNoTracking().Include(p => p.Producer).ThenInclude(p => p.Province).ToListAsync();
    }

    private DateOnly Today => _db.Clock.Today();

    [SkippableFact]
    public async Task Unfiltered_catalog_lists_every_seeded_product_24_per_page()
    {
        var result = await _catalog.SearchAsync(new CatalogQuery());
        Assert.Equal(256, result.Total);
        Assert.Equal(24, result.Items.Count);
        Assert.Equal(11, result.PageCount);

        var last = await _catalog.SearchAsync(new CatalogQuery { Page = 11 });
        Assert.Equal(256 - 240, last.Items.Count);
    }

    [SkippableFact]
    public async Task Pages_do_not_overlap_and_cover_everything()
    {
        var seen = new HashSet<int>();
        for (var page = 1; page <= 11; page++)
        {
            var result = await _catalog.SearchAsync(new CatalogQuery { Page = page, Sort = CatalogSort.PriceAscending });
            foreach (var item in result.Items) Assert.True(seen.Add(item.Id), $"product {item.Id} appeared twice");
        }
        Assert.Equal(256, seen.Count);
    }

    [SkippableFact]
    public async Task A_page_past_the_end_shows_the_last_page()
    {
        var result = await _catalog.SearchAsync(new CatalogQuery { Page = 999 });
        Assert.Equal(11, result.Query.Page);
        Assert.NotEmpty(result.Items);
    }

    [SkippableFact]
    public async Task Group_filter_returns_only_that_group_and_its_count_matches()
    {
        var all = await AllProductsAsync();
        var result = await _catalog.SearchAsync(new CatalogQuery { Group = OcopGroup.Handicraft });
        Assert.Equal(all.Count(p => p.Group == OcopGroup.Handicraft), result.Total);
        Assert.Equal(27, result.Total); // the shared data's documented count
        Assert.All(result.Items, p => Assert.Equal(OcopGroup.Handicraft, p.Group));
    }

    [SkippableFact]
    public async Task Product_set_filter()
    {
        var all = await AllProductsAsync();
        var result = await _catalog.SearchAsync(new CatalogQuery { ProductSetCode = "I.4a" });
        Assert.Equal(all.Count(p => p.ProductSetCode == "I.4a"), result.Total);
        Assert.Equal(17, result.Total); // the shared data's count of sauces and fish sauces
        var sauces = all.Where(p => p.ProductSetCode == "I.4a").Select(p => p.Id).ToHashSet();
        Assert.All(result.Items, p => Assert.Contains(p.Id, sauces));
    }

    [SkippableFact]
    public async Task Province_filter_uses_the_2025_units()
    {
        // "Bắc Giang" products now sit in Bắc Ninh (merged 1 July 2025).
        var result = await _catalog.SearchAsync(new CatalogQuery { ProvinceSlug = "bac-ninh" });
        Assert.Equal(22, result.Total);
        Assert.All(result.Items, p => Assert.Equal("Bắc Ninh", p.ProvinceName));
    }

    [SkippableFact]
    public async Task Unknown_province_slug_matches_nothing_rather_than_everything()
    {
        var result = await _catalog.SearchAsync(new CatalogQuery { ProvinceSlug = "atlantis" });
        Assert.Equal(0, result.Total);
    }

    [SkippableFact]
    public async Task Minimum_stars_counts_only_current_certificates()
    {
        var all = await AllProductsAsync();
        var expected = all.Count(p => p.CurrentStarsOn(Today) >= 4);
        var lapsedFourPlus = all.Count(p => p.CertificateStars >= 4 && p.CurrentStarsOn(Today) is null);
        Assert.True(lapsedFourPlus > 0, "the seed has lapsed 4★+ certificates; they must not count");

        var result = await _catalog.SearchAsync(new CatalogQuery { MinStars = 4 });
        Assert.Equal(expected, result.Total);
        Assert.NotEmpty(result.Items);
        Assert.All(result.Items, p => Assert.True(p.CurrentStarsOn(Today) >= 4));
    }

    [SkippableFact]
    public async Task Certificates_lapse_as_the_clock_moves()
    {
        var before = await _catalog.SearchAsync(new CatalogQuery { MinStars = 3 });
        _db.Clock.Now = _db.Clock.Now.AddYears(2);
        var after = await _catalog.SearchAsync(new CatalogQuery { MinStars = 3 });
        Assert.True(after.Total < before.Total);
    }

    [SkippableFact]
    public async Task Producer_type_price_range_and_stock_filters_combine()
    {
        var all = await AllProductsAsync();
        var query = new CatalogQuery
        {
            ProducerType = ProducerType.Cooperative, MinPrice = 100_000, MaxPrice = 300_000, InStockOnly = true,
        };
        var expected = all.Count(p => p.Producer.Type == ProducerType.Cooperative
            && p.PriceVnd is >= 100_000 and <= 300_000 && p.Stock > 0);
        var result = await _catalog.SearchAsync(query);
        Assert.Equal(expected, result.Total);
        Assert.True(expected > 0);
        Assert.All(result.Items, p => Assert.InRange(p.PriceVnd, 100_000, 300_000));
        Assert.All(result.Items, p => Assert.True(p.Stock > 0));
    }

    [SkippableFact]
    public async Task Facet_counts_ignore_their_own_filter_but_apply_the_others()
    {
        var all = await AllProductsAsync();
        var result = await _catalog.SearchAsync(new CatalogQuery { Group = OcopGroup.Food, InStockOnly = true });

        // Group counts: other groups stay visible (with the stock filter applied), so a buyer can switch.
        foreach (var g in OcopGroups.All)
        {
            var expected = all.Count(p => p.Group == g && p.Stock > 0);
            Assert.Equal(expected, result.Facets.Groups.FirstOrDefault(f => f.Key == g.Key())?.Count ?? 0);
        }
        // Province counts: within food, in stock.
        var daNang = all.Count(p => p.Group == OcopGroup.Food && p.Stock > 0 && p.Producer.Province.Name == "Đà Nẵng");
        Assert.Equal(daNang, result.Facets.Provinces.Single(f => f.Key == "da-nang").Count);
        // In-stock count ignores the stock filter itself.
        Assert.Equal(all.Count(p => p.Group == OcopGroup.Food && p.Stock > 0), result.Facets.InStock);
        // Stars are cumulative: 3★+ ≥ 4★+ ≥ 5★.
        var stars = result.Facets.MinStars.ToDictionary(f => f.Key, f => f.Count);
        Assert.Equal(all.Count(p => p.Group == OcopGroup.Food && p.Stock > 0 && p.CurrentStarsOn(Today) >= 4), stars["4"]);
        Assert.True(stars["3"] >= stars["4"] && stars["4"] >= stars["5"]);
        // Producer types add up to the total.
        Assert.Equal(result.Total, result.Facets.ProducerTypes.Sum(f => f.Count));
    }

    [SkippableTheory]
    [InlineData(CatalogSort.PriceAscending)]
    [InlineData(CatalogSort.PriceDescending)]
    [InlineData(CatalogSort.Newest)]
    [InlineData(CatalogSort.Stars)]
    public async Task Sorts_across_the_whole_result_not_only_a_page(CatalogSort sort)
    {
        var all = await AllProductsAsync();
        var items = new List<ProductCard>();
        for (var page = 1; page <= 11; page++)
            items.AddRange((await _catalog.SearchAsync(new CatalogQuery { Sort = sort, Page = page })).Items);

        switch (sort)
        {
            case CatalogSort.PriceAscending:
                Assert.Equal(items.Select(i => i.PriceVnd).Order(), items.Select(i => i.PriceVnd));
                break;
            case CatalogSort.PriceDescending:
                Assert.Equal(items.Select(i => i.PriceVnd).OrderDescending(), items.Select(i => i.PriceVnd));
                break;
            case CatalogSort.Newest:
                var created = all.ToDictionary(p => p.Id, p => p.CreatedAt);
                Assert.Equal(items.Select(i => created[i.Id]).OrderDescending(), items.Select(i => created[i.Id]));
                break;
            case CatalogSort.Stars:
                var stars = items.Select(i => i.CurrentStarsOn(Today) ?? 0).ToList();
                Assert.Equal(stars.OrderDescending(), stars);
                Assert.Equal(5, stars[0]);
                break;
        }
    }

    [SkippableTheory]
    [InlineData("nuoc mam", "Nước mắm")]
    [InlineData("NƯỚC MẮM", "Nước mắm")]
    [InlineData("nuoc mam phu quoc", "Nước mắm Phú Quốc")]
    // Not "che thai nguyen": with Hảo Đạt's teas under the full "Hợp tác xã chè Hảo Đạt", their longer text ranks below
    // "Trà xanh túi lọc Nguyên Việt" (another chè cooperative of Thái Nguyên, matching all three words) under PostgreSQL's
    // length-normalised ts_rank — a fair answer, but not a name match on "chè".
    [InlineData("che tan cuong", "Chè")]
    [InlineData("gom bat trang", "gốm")]
    public async Task Search_ignores_case_and_diacritics_and_ranks_name_matches_first(string typed, string expectedInTopName)
    {
        var result = await _catalog.SearchAsync(new CatalogQuery { Search = typed });
        Assert.True(result.Total > 0, $"'{typed}' found nothing");
        Assert.Contains(VietnameseText.Fold(expectedInTopName), VietnameseText.Fold(result.Items[0].Name));
    }

    [SkippableFact]
    public async Task Search_for_a_province_finds_its_products_including_d_with_stroke()
    {
        var result = await _catalog.SearchAsync(new CatalogQuery { Search = "dong thap" });
        var all = await AllProductsAsync();
        var dongThap = all.Where(p => p.Producer.Province.Name == "Đồng Tháp").Select(p => p.Id).Order().ToList();
        Assert.Equal(4, dongThap.Count); // the shared data's Đồng Tháp products
        Assert.Equal(dongThap, result.Items.Select(p => p.Id).Order()); // each of them, and nothing else
    }

    [SkippableFact]
    public async Task Search_matches_producer_names()
    {
        var result = await _catalog.SearchAsync(new CatalogQuery { Search = "khai hoan" });
        Assert.Equal(3, result.Total);
        Assert.All(result.Items, p => Assert.Contains("Khải Hoàn", p.ProducerName));
    }

    [SkippableFact]
    public async Task Search_ranks_a_full_name_match_above_partial_ones()
    {
        var result = await _catalog.SearchAsync(new CatalogQuery { Search = "nuoc mam phu quoc khai hoan 40" });
        Assert.Equal("Nước mắm Phú Quốc Khải Hoàn 40 độ đạm", result.Items[0].Name);
    }

    [SkippableFact]
    public async Task Search_falls_back_to_any_word_when_no_product_has_all_of_them()
    {
        var result = await _catalog.SearchAsync(new CatalogQuery { Search = "nuoc mam xyzzyq" });
        Assert.True(result.Total > 0);
        Assert.Contains("nuoc mam", VietnameseText.Fold(result.Items[0].Name));
    }

    /// <summary>FTS5 syntax typed in the box is taken as the plain words in it: the same results as typing only those.</summary>
    [SkippableTheory]
    [InlineData("\"", "")]
    [InlineData("mam\" OR \"", "mam or")]
    [InlineData("NEAR(a b)", "near a b")]
    [InlineData("*", "")]
    [InlineData("-", "")]
    [InlineData("'; DROP TABLE Products; --", "drop table products")]
    public async Task Search_syntax_typed_by_a_buyer_never_breaks_the_query(string typed, string plainWords)
    {
        var result = await _catalog.SearchAsync(new CatalogQuery { Search = typed });
        var plain = await _catalog.SearchAsync(new CatalogQuery { Search = plainWords });
        Assert.Equal(plain.Total, result.Total);
        Assert.Equal(plain.Items.Select(p => p.Id), result.Items.Select(p => p.Id));
        if (plainWords.Length == 0) Assert.Equal(256, result.Total); // nothing but syntax: the whole catalog
        Assert.Equal(256, (await _catalog.SearchAsync(new CatalogQuery())).Total);
    }

    [SkippableFact]
    public async Task Search_combines_with_filters()
    {
        var result = await _catalog.SearchAsync(new CatalogQuery { Search = "nuoc mam", MinStars = 4 });
        Assert.NotEmpty(result.Items);
        Assert.All(result.Items, p => Assert.True(p.CurrentStarsOn(Today) >= 4));
        Assert.All(result.Items, p => Assert.Contains("mam", VietnameseText.Fold(p.Name)));
    }

    [SkippableFact]
    public async Task Counts_lag_a_saved_change_by_at_most_the_cache_staleness_bound()
    {
        var before = await _catalog.SearchAsync(new CatalogQuery { Group = OcopGroup.Drinks });
        var inStockBefore = before.Facets.InStock;
        await using (var db = _db.CreateDbContext())
        {
            var drink = await db.Products.FirstAsync(p => p.Group == OcopGroup.Drinks && p.Stock > 0);
            drink.SetStock(0);
            await db.SaveChangesAsync();
        }
        // Within the bound the last counts may still be served (and rebuilt behind the scenes)...
        var soon = await _catalog.SearchAsync(new CatalogQuery { Group = OcopGroup.Drinks });
        Assert.InRange(soon.Facets.InStock, inStockBefore - 1, inStockBefore);
        await _db.Cache.RefreshesSettledAsync();
        Assert.Equal(inStockBefore - 1, (await _catalog.SearchAsync(new CatalogQuery { Group = OcopGroup.Drinks })).Facets.InStock);

        // ...and past it a request never gets counts from before the change.
        await using (var db = _db.CreateDbContext())
        {
            var drink = await db.Products.FirstAsync(p => p.Group == OcopGroup.Drinks && p.Stock > 0);
            drink.SetStock(0);
            await db.SaveChangesAsync();
        }
        _db.Clock.Now += CatalogCache.MaxStaleness;
        var after = await _catalog.SearchAsync(new CatalogQuery { Group = OcopGroup.Drinks });
        Assert.Equal(inStockBefore - 2, after.Facets.InStock);
        Assert.Equal(before.Total, after.Total);
    }

    [SkippableFact]
    public async Task Index_follows_renamed_products()
    {
        await using (var db = _db.CreateDbContext())
        {
            var product = await db.Products.Include(p => p.Producer).FirstAsync(p => p.Slug == "che-dinh-tan-cuong");
            product.Rename("Trà Xanh Đặc Biệt Quỳnh Lưu", product.Slug);
            await db.SaveChangesAsync();
        }
        await using (var db = _db.CreateDbContext())
        {
            var id = await db.Products.Where(p => p.Slug == "che-dinh-tan-cuong").Select(p => p.Id).SingleAsync();
            // The index's name field only: SQLite's FTS5 column filter, PostgreSQL's weight-A (name) filter.
            var byOldName = await (provider == DatabaseProvider.Sqlite
                ? db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM ProductSearch WHERE SearchName MATCH 'dinh'")
                : db.Database.SqlQuery<int>($"""SELECT "Id" AS "Value" FROM "Products" WHERE "SearchVector" @@ to_tsquery('simple', 'dinh:*A')""")
                ).ToListAsync();
            Assert.DoesNotContain(id, byOldName);
        }
        var found = await _catalog.SearchAsync(new CatalogQuery { Search = "quynh luu dac biet" });
        Assert.Equal("che-dinh-tan-cuong", found.Items[0].Slug);
    }

    /// <summary>
    /// A search's ranked hits are cached (SearchHits) under the search-text version, but its cards are read fresh: a
    /// rename shows at once; the product's new place in the order follows within CatalogCache.MaxStaleness.
    /// </summary>
    [SkippableFact]
    public async Task Cached_search_shows_a_rename_at_once_and_reorders_within_the_staleness_bound()
    {
        var query = new CatalogQuery { Search = "nuoc mam" };
        var top = (await _catalog.SearchAsync(query)).Items[0];
        Assert.Equal(top.Id, (await _catalog.SearchAsync(query)).Items[0].Id); // served from the cache
        await using (var db = _db.CreateDbContext())
        {
            var product = await db.Products.SingleAsync(p => p.Id == top.Id);
            product.Rename("Đặc sản Quỳnh Lưu", product.Slug);
            await db.SaveChangesAsync();
        }
        var soon = await _catalog.SearchAsync(query);
        Assert.DoesNotContain(soon.Items, p => p.Name == top.Name); // never the old name
        if (soon.Items.FirstOrDefault(p => p.Id == top.Id) is { } renamed) Assert.Equal("Đặc sản Quỳnh Lưu", renamed.Name);

        _db.Clock.Now += CatalogCache.MaxStaleness;
        var after = await _catalog.SearchAsync(query);
        Assert.NotEqual(top.Id, after.Items[0].Id); // name matches rank above it now
        Assert.Contains("nuoc mam", VietnameseText.Fold(after.Items[0].Name));
        Assert.Equal(top.Id, (await _catalog.SearchAsync(new CatalogQuery { Search = "dac san quynh luu" })).Items[0].Id);
    }

    [SkippableFact]
    public async Task Cached_search_drops_an_unpublished_product_at_once_and_shows_it_again_within_the_staleness_bound()
    {
        var query = new CatalogQuery { Search = "nuoc mam" };
        var first = (await _catalog.SearchAsync(query)).Items;
        var before = first.Select(p => p.Id).ToList();
        var top = first.First(p => p.CurrentStarsOn(Today) >= 3).Id; // one that may be published again
        await using (var db = _db.CreateDbContext())
        {
            (await db.Products.SingleAsync(p => p.Id == top)).Unpublish();
            await db.SaveChangesAsync();
        }
        Assert.DoesNotContain(top, (await _catalog.SearchAsync(query)).Items.Select(p => p.Id)); // at once
        await _db.Cache.RefreshesSettledAsync();
        var without = (await _catalog.SearchAsync(query)).Items.Select(p => p.Id).ToList();
        Assert.Equal(before.Where(id => id != top), without.Take(before.Count - 1)); // the rest move up, in the same order

        await using (var db = _db.CreateDbContext())
        {
            (await db.Products.SingleAsync(p => p.Id == top)).Publish(Today);
            await db.SaveChangesAsync();
        }
        var soon = (await _catalog.SearchAsync(query)).Items.Select(p => p.Id).ToList();
        Assert.True(soon.SequenceEqual(without) || soon.SequenceEqual(before)); // the last order, or already the new one
        _db.Clock.Now += CatalogCache.MaxStaleness;
        Assert.Equal(before, (await _catalog.SearchAsync(query)).Items.Select(p => p.Id));
    }

    /// <summary>Every page of a search, from a warm node and from a fresh one, continues the same order.</summary>
    [SkippableFact]
    public async Task Search_pages_past_the_cached_ones_continue_the_same_order()
    {
        var fresh = new CatalogService(_db, _db.Clock, new CatalogCache(_db.Clock));
        var query = new CatalogQuery { Search = "a", Sort = CatalogSort.Relevance };
        var result = await _catalog.SearchAsync(query);
        var all = new List<int>();
        for (var page = 1; page <= result.PageCount; page++)
            all.AddRange((await _catalog.SearchAsync(query with { Page = page })).Items.Select(p => p.Id));
        Assert.Equal(result.Total, all.Distinct().Count());
        for (var page = 1; page <= result.PageCount; page++)
            Assert.Equal(all.Skip((page - 1) * CatalogQuery.PageSize).Take(CatalogQuery.PageSize),
                (await fresh.SearchAsync(query with { Page = page })).Items.Select(p => p.Id));
    }
    /// <summary>
    /// A search's filters, sorts and pages are applied in memory (CatalogFacetColumns over SearchHits): they must list
    /// exactly what the SQL of the same query lists, in the same order, with the same total, on both providers.
    /// </summary>
    [SkippableTheory]
    [InlineData(CatalogSort.Relevance, false)]
    [InlineData(CatalogSort.Newest, false)]
    [InlineData(CatalogSort.PriceAscending, false)]
    [InlineData(CatalogSort.PriceDescending, false)]
    [InlineData(CatalogSort.Stars, false)]
    [InlineData(CatalogSort.Relevance, true)]
    [InlineData(CatalogSort.PriceAscending, true)]
    [InlineData(CatalogSort.Stars, true)]
    public async Task A_search_with_any_sort_and_filters_lists_what_its_SQL_lists(CatalogSort sort, bool filtered)
    {
        var query = new CatalogQuery { Search = "a", Sort = sort };
        if (filtered) query = query with { InStockOnly = true, MinStars = 4, MinPrice = 50_000 };
        var today = Today;

        await using var db = _db.CreateDbContext();
        var match = ProductSearchIndex.BuildMatch(db.Provider, query.Search)!;
        var products = db.Products.AsNoTracking().Where(p => p.IsPublished);
        if (filtered)
            products = products.Where(p => p.Stock > 0 && p.CertificateStars >= 4 && p.CertificateValidUntil > today && p.PriceVnd >= 50_000);
        var hitIds = ProductSearchIndex.Hits(db, match).Select(h => h.ProductId);
        var searched = products.Where(p => hitIds.Contains(p.Id));
        var expected = sort switch
        {
            CatalogSort.Relevance => await (from p in products
                                            join h in ProductSearchIndex.Hits(db, match) on p.Id equals h.ProductId
                                            orderby h.Rank, p.Id
                                            select p.Id).ToListAsync(),
            CatalogSort.PriceAscending => await searched.OrderBy(p => p.PriceVnd).ThenBy(p => p.Id).Select(p => p.Id).ToListAsync(),
            CatalogSort.PriceDescending => await searched.OrderByDescending(p => p.PriceVnd).ThenByDescending(p => p.Id).Select(p => p.Id).ToListAsync(),
            CatalogSort.Stars => await searched
                .OrderByDescending(p => p.CertificateValidUntil > today ? p.CertificateStars ?? 0 : 0)
                .ThenByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Select(p => p.Id).ToListAsync(),
            _ => await searched.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Select(p => p.Id).ToListAsync(),
        };
        Assert.True(expected.Count > (filtered ? 0 : CatalogQuery.PageSize), $"too few hits ({expected.Count})");

        var first = await _catalog.SearchAsync(query);
        Assert.Equal(expected.Count, first.Total);
        var listed = new List<int>();
        for (var page = 1; page <= first.PageCount; page++)
            listed.AddRange((await _catalog.SearchAsync(query with { Page = page })).Items.Select(p => p.Id));
        Assert.Equal(expected, listed);
    }

    /// <summary>
    /// A search of several words after its words were searched (on SQLite then summed from their hits, not ranked
    /// again; on PostgreSQL ranked whole) lists every page as the SQL of the whole search does, every word or any word.
    /// </summary>
    [SkippableTheory]
    [InlineData("nuoc mam")]
    [InlineData("tra thai nguyen")]
    [InlineData("a nuoc a")]
    [InlineData("nuoc mam xyzzyq")]
    [InlineData("che xyzzyq tra a")]
    public async Task A_search_of_several_words_lists_what_its_SQL_lists_after_its_words_were_searched(string search)
    {
        await using var db = _db.CreateDbContext();
        var expected = await WholeOrderAsync(db, (await ProductSearchIndex.ChooseMatchAsync(db, search, CancellationToken.None))!);
        Assert.True(expected.Count > 1, $"too few hits ({expected.Count})");
        foreach (var word in VietnameseText.Tokens(search)) await _catalog.SearchAsync(new CatalogQuery { Search = word });

        var first = await _catalog.SearchAsync(new CatalogQuery { Search = search });
        var listed = new List<int>();
        for (var page = 1; page <= first.PageCount; page++)
            listed.AddRange((await _catalog.SearchAsync(new CatalogQuery { Search = search, Page = page })).Items.Select(p => p.Id));

        Assert.Equal(expected.Count, first.Total);
        Assert.Equal(expected, listed);
    }

    /// <summary>
    /// Only current word lists are summed into a search: right after a rename the words' kept hits are outdated
    /// (still served for one-word searches within the staleness bound), so a search of several words nobody asked
    /// before is ranked whole, in its new order, not summed from them and then kept as if current.
    /// </summary>
    [SkippableFact]
    public async Task A_search_of_several_words_is_never_summed_from_a_words_outdated_hits()
    {
        foreach (var word in new[] { "nuoc", "mam" }) await _catalog.SearchAsync(new CatalogQuery { Search = word });
        List<int> before, expected;
        await using (var db = _db.CreateDbContext())
        {
            before = await WholeOrderAsync(db, ProductSearchIndex.BuildMatch(db.Provider, "nuoc mam")!);
            // The last product with both words gets a name of only those two words, which moves it up.
            var lastId = before[^1];
            var product = await db.Products.SingleAsync(p => p.Id == lastId);
            product.Rename("Nước mắm", product.Slug);
            await db.SaveChangesAsync();
            expected = await WholeOrderAsync(db, ProductSearchIndex.BuildMatch(db.Provider, "nuoc mam")!);
        }
        Assert.NotEqual(before, expected); // the premise: the rename changed the order

        var listed = new List<int>();
        var first = await _catalog.SearchAsync(new CatalogQuery { Search = "nuoc mam" });
        for (var page = 1; page <= first.PageCount; page++)
            listed.AddRange((await _catalog.SearchAsync(new CatalogQuery { Search = "nuoc mam", Page = page })).Items.Select(p => p.Id));

        Assert.Equal(expected, listed);
    }

    /// <summary>The published hits of a search expression in the SQL's own order: what every page of it must list.</summary>
    private static Task<List<int>> WholeOrderAsync(OcopDbContext db, string match) =>
        (from p in db.Products.AsNoTracking().Where(p => p.IsPublished)
         join h in ProductSearchIndex.Hits(db, match) on p.Id equals h.ProductId
         orderby h.Rank, p.Id
         select p.Id).ToListAsync();

    /// <summary>
    /// The start-up warm-up ranks the words and prefixes (of any length) that match many products and keeps their
    /// hits, with their ranks on SQLite for the searches of several words; a narrow word is left to its first ask.
    /// (At the app's threshold, 6,000 hits, nothing in the 256 seeded products qualifies: the test lowers it.)
    /// </summary>
    [SkippableFact]
    public async Task The_warm_up_keeps_the_broad_words_hits_and_leaves_the_narrow_ones()
    {
        await using var db = _db.CreateDbContext();
        var published = await db.Products.CountAsync();
        int HitCount(string word) => ProductSearchIndex.Hits(db, ProductSearchIndex.BuildMatch(db.Provider, word)!).Count();
        Assert.True(HitCount("nuoc") >= 20, "the premise: 'nuoc' is a broad word in the seed");
        // A word some products have, but fewer than the threshold (and no longer word it begins, as the warm-up also
        // ranks prefixes): the first of these that the seed has that rarely.
        var narrow = new[] { "khai", "gom", "mat", "phu", "sen", "tam" }.First(w => HitCount(w) is >= 2 and < 10);

        var warmed = await _catalog.WarmBroadSearchesAsync(minHits: 20 * published / 256);

        Assert.True(warmed > 0);
        var nuoc = _db.Cache.TryGetCurrent<SearchHits>(("hits", ProductSearchIndex.BuildMatch(db.Provider, "nuoc")!), searchTextOnly: true);
        Assert.NotNull(nuoc);
        Assert.Equal(HitCount("nuoc"), nuoc.Ids.Length);
        Assert.Equal(provider == DatabaseProvider.Sqlite, nuoc.Ranks is not null);
        Assert.Null(_db.Cache.TryGetCurrent<SearchHits>(("hits", ProductSearchIndex.BuildMatch(db.Provider, narrow)!), searchTextOnly: true));
    }
}
