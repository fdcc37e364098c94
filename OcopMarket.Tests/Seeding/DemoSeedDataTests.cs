using System.Text.Json;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Core.Seeding;

namespace OcopMarket.Tests.Seeding;

public class DemoSeedDataTests
{
    private sealed record SeedProduct(string Name, string Producer, string Province, int Stars, string Group);

    private static readonly Lazy<IReadOnlyList<SeedProduct>> Products = new(LoadProducts);
    private static readonly Lazy<IReadOnlyDictionary<string, HashSet<string>>> SetsByGroup = new(LoadSets);

    private static JsonDocument LoadResource(string name)
    {
        using var stream = typeof(ProductSetClassifier).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} not found.");
        return JsonDocument.Parse(stream);
    }

    private static IReadOnlyList<SeedProduct> LoadProducts()
    {
        using var doc = LoadResource("OcopMarket.Core.Data.ocop-products.json");
        return doc.RootElement.EnumerateArray()
            .Select(p => new SeedProduct(
                p.GetProperty("name").GetString()!,
                p.GetProperty("producer").GetString() ?? "",
                p.GetProperty("province2025").GetString() ?? "",
                p.GetProperty("stars").GetInt32(),
                p.GetProperty("group").GetString()!))
            .ToList();
    }

    private static IReadOnlyDictionary<string, HashSet<string>> LoadSets()
    {
        using var doc = LoadResource("OcopMarket.Core.Data.ocop-product-sets.json");
        return doc.RootElement.GetProperty("sets").EnumerateArray()
            .GroupBy(s => s.GetProperty("group").GetString()!, s => s.GetProperty("code").GetString()!)
            .ToDictionary(g => g.Key, g => g.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    private static string SetOf(SeedProduct p) => ProductSetClassifier.Classify(p.Name, p.Group);

    // ---- ProductSetClassifier -------------------------------------------------------------------

    [Theory]
    [InlineData("Nước mắm Phú Quốc Khải Hoàn 40 độ đạm", "food", "I.4a")]
    [InlineData("Mắm cá chốt", "food", "I.4a")]
    [InlineData("Tương Xuân Pha", "food", "I.4a")]
    [InlineData("Chè Đinh Tân Cương", "food", "I.5a")]
    [InlineData("Trà xanh túi lọc Bình Sơn", "food", "I.5a")]
    [InlineData("Trà sâm Bạch hoa thảo túi lọc", "food", "I.5b")]
    [InlineData("Trà Đinh Lăng sấy lạnh - Maika food", "food", "I.5b")]
    [InlineData("Chè đậu đen cốt dừa Hoàng Gia", "food", "I.3c")]
    [InlineData("Cà phê Chồn Kiên Cường", "food", "I.6")]
    [InlineData("Kẹo dừa ca cao", "food", "I.3c")]
    [InlineData("Mật ong rừng Thanh Thủy", "food", "I.2b")]
    [InlineData("Mận sấy mật ong", "food", "I.3c")]
    [InlineData("Gạo nếp cái hoa vàng Thái Sơn", "food", "I.2a")]
    [InlineData("Mỳ gạo Lục Ngạn", "food", "I.3b")]
    [InlineData("Bún khô Phúc Vang", "food", "I.3b")]
    [InlineData("Vải thiều Lục Ngạn", "food", "I.1a")]
    [InlineData("Vú sữa Tân Yên", "food", "I.1a")]
    [InlineData("Cà rốt tươi Nhân Huệ", "food", "I.1a")]
    [InlineData("Gà đồi Ngân Hà", "food", "I.1b")]
    [InlineData("Giò lụa heo thảo dược Bình Minh", "food", "I.3d")]
    [InlineData("Tôm khô tách vỏ", "food", "I.3d")]
    [InlineData("Cá đù 1 nắng", "food", "I.3d")]
    [InlineData("Đại An - Dầu mè đen", "food", "I.4b")]
    [InlineData("Yến chưng đường phèn", "food", "I.3a")]
    [InlineData("Rượu Nếp cái hoa vàng", "drinks", "II.1a")]
    [InlineData("Rượu mú từn", "drinks", "II.1a")]
    [InlineData("Rượu sim Quý Chuẩn", "drinks", "II.1b")]
    [InlineData("Rượu thốt nốt Minh Thiện", "drinks", "II.1b")]
    [InlineData("Nước khoáng thiên nhiên Quang Hanh Fresh", "drinks", "II.2a")]
    [InlineData("Nước cốt trái nhàu nguyên chất SK NONI", "drinks", "II.2b")]
    [InlineData("Tinh dầu quế Nậm Đét", "herbal", "III.3")]
    [InlineData("Muối ngâm chân", "herbal", "III.2")]
    [InlineData("Cao mềm actiso Sa Pa", "herbal", "III.1")]
    [InlineData("Đông Trùng Hạ thảo khô", "herbal", "III.1")]
    [InlineData("Sà rông", "handicraft", "IV.2")]
    [InlineData("Chăn bông tơ tằm tự dệt", "handicraft", "IV.2")]
    [InlineData("Bộ bát đĩa gốm sứ hoa sen đỏ", "handicraft", "IV.1")]
    [InlineData("Hoa lan hồ điệp", "ornamental", "V.1")]
    [InlineData("Lan's Homestay", "tourism", "VI.1")]
    public void Classify_KnownProducts(string name, string group, string expected)
    {
        Assert.Equal(expected, ProductSetClassifier.Classify(name, group));
    }

    [Fact]
    public void Classify_IgnoresCaseDiacriticsAndNormalisationForm()
    {
        Assert.Equal("I.4a", ProductSetClassifier.Classify("NƯỚC MẮM NAM Ô", "food"));
        Assert.Equal("I.4a", ProductSetClassifier.Classify("nuoc mam Nam O", "food"));
        Assert.Equal("I.5a", ProductSetClassifier.Classify("Chè Đinh Tân Cương".Normalize(System.Text.NormalizationForm.FormD), "food"));
    }

    [Fact]
    public void Classify_UnknownGroup_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProductSetClassifier.Classify("Nước mắm", "electronics"));
    }

    [Fact]
    public void SeedData_Has256ProductsAnd26Sets()
    {
        Assert.Equal(256, Products.Value.Count);
        Assert.Equal(26, SetsByGroup.Value.Values.Sum(s => s.Count));
    }

    [Fact]
    public void Classify_EverySeedProduct_GetsASetOfItsOwnGroup()
    {
        var wrong = Products.Value
            .Select(p => (p.Name, p.Group, Set: SetOf(p)))
            .Where(x => !SetsByGroup.Value.TryGetValue(x.Group, out var sets) || !sets.Contains(x.Set))
            .Select(x => $"{x.Name} ({x.Group}) -> {x.Set}")
            .ToList();

        Assert.True(wrong.Count == 0, "Set outside the product's group: " + string.Join("; ", wrong));
    }

    [Fact]
    public void Classify_SeedFoods_UseManyDifferentSets()
    {
        var foodSets = Products.Value.Where(p => p.Group == "food").Select(SetOf).Distinct().Count();
        Assert.True(foodSets >= 10, $"Only {foodSets} food sets used.");
    }

    // ---- DemoPricing ----------------------------------------------------------------------------

    [Fact]
    public void PriceFor_SeedProducts_IsPositiveMultipleOf1000()
    {
        foreach (var p in Products.Value)
        {
            var price = DemoPricing.PriceFor(p.Name, SetOf(p), p.Stars);
            Assert.True(price > 0, $"{p.Name}: {price}");
            Assert.Equal(0, price % 1000);
            Assert.InRange(price, 1_000, 5_000_000);
        }
    }

    [Fact]
    public void PriceFor_MoreStars_NeverCheaper()
    {
        foreach (var p in Products.Value)
        {
            var set = SetOf(p);
            var p3 = DemoPricing.PriceFor(p.Name, set, 3);
            var p4 = DemoPricing.PriceFor(p.Name, set, 4);
            var p5 = DemoPricing.PriceFor(p.Name, set, 5);
            Assert.True(p3 <= p4 && p4 <= p5, $"{p.Name}: {p3} / {p4} / {p5}");
        }
    }

    [Theory]
    [InlineData("Nước mắm Phú Quốc Khải Hoàn 40 độ đạm", "I.4a", 5, 60_000, 250_000)]
    [InlineData("Chè Đinh Tân Cương", "I.5a", 5, 80_000, 600_000)]
    [InlineData("Mật ong rừng Thanh Thủy", "I.2b", 3, 150_000, 450_000)]
    [InlineData("Gạo hữu cơ An Lỗ", "I.2a", 4, 30_000, 120_000)]
    [InlineData("Rượu Nếp cái hoa vàng", "II.1a", 4, 120_000, 800_000)]
    [InlineData("Sà rông", "IV.2", 3, 150_000, 2_500_000)]
    [InlineData("Lan's Homestay", "VI.1", 4, 150_000, 900_000)]
    [InlineData("Cao mềm actiso Sa Pa", "III.1", 5, 150_000, 1_500_000)]
    public void PriceFor_StaysInSetRange(string name, string set, int stars, long min, long max)
    {
        Assert.InRange(DemoPricing.PriceFor(name, set, stars), min, max);
    }

    [Fact]
    public void PricingAndText_AreDeterministic()
    {
        foreach (var p in Products.Value)
        {
            var set = SetOf(p);
            Assert.Equal(set, SetOf(p));
            Assert.Equal(DemoPricing.PriceFor(p.Name, set, p.Stars), DemoPricing.PriceFor(p.Name, set, p.Stars));
            Assert.Equal(DemoPricing.StockFor(p.Name, set), DemoPricing.StockFor(p.Name, set));
            Assert.Equal(
                DemoCatalogText.Describe(p.Name, p.Producer, p.Province, set, p.Stars),
                DemoCatalogText.Describe(p.Name, p.Producer, p.Province, set, p.Stars));
            Assert.Equal(DemoCatalogText.UnitFor(p.Name, set), DemoCatalogText.UnitFor(p.Name, set));
        }
    }

    [Fact]
    public void PriceFor_IsPinned_AndIgnoresNormalisationForm()
    {
        // A pinned value guards against hashing with string.GetHashCode, which is randomised per process.
        Assert.Equal(540_000, DemoPricing.PriceFor("Chè Đinh Tân Cương", "I.5a", 5));
        Assert.Equal(540_000, DemoPricing.PriceFor("Chè Đinh Tân Cương".Normalize(System.Text.NormalizationForm.FormD), "I.5a", 5));
    }

    [Fact]
    public void StockFor_SeedProducts_InRangeWithSomeButFewOutOfStock()
    {
        var stocks = Products.Value.Select(p => DemoPricing.StockFor(p.Name, SetOf(p))).ToList();

        Assert.All(stocks, s => Assert.InRange(s, 0, 300));
        var zero = stocks.Count(s => s == 0);
        Assert.True(zero > 0, "No product is out of stock.");
        Assert.True(zero < stocks.Count * 15 / 100, $"{zero} of {stocks.Count} products are out of stock.");
        Assert.True(stocks.Distinct().Count() > 50, "Stock levels barely vary.");
    }

    // ---- DemoCatalogText ------------------------------------------------------------------------

    [Fact]
    public void Describe_SeedProducts_MentionsProducerProvinceAndStars()
    {
        foreach (var p in Products.Value)
        {
            var text = DemoCatalogText.Describe(p.Name, p.Producer, p.Province, SetOf(p), p.Stars);

            Assert.Contains(p.Name.Trim(), text);
            Assert.Contains(p.Producer.Trim(), text);
            Assert.Contains(p.Province.Trim(), text);
            Assert.Contains($"OCOP {p.Stars} sao", text);
            Assert.Equal(2, text.Count(c => c == '.') - p.Name.Count(c => c == '.') - p.Producer.Count(c => c == '.'));

            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            Assert.InRange(words, 25, 65);
        }
    }

    [Theory]
    [InlineData("Lan's Homestay", "VI.1", "vé/người")]
    [InlineData("Hoa lan hồ điệp", "V.1", "chậu")]
    [InlineData("Nước mắm Thanh Quốc 40 độ đạm", "I.4a", "chai 500 ml")]
    [InlineData("Gạo hữu cơ An Lỗ", "I.2a", "túi 1 kg")]
    [InlineData("Hồng trà hộp 100gr", "I.5a", "hộp 100 g")]
    [InlineData("Bộ bát đĩa gốm sứ rồng phượng", "IV.1", "bộ")]
    [InlineData("Sà rông", "IV.2", "chiếc")]
    public void UnitFor_KnownProducts(string name, string set, string expected)
    {
        Assert.Equal(expected, DemoCatalogText.UnitFor(name, set));
    }

    [Fact]
    public void UnitFor_SeedProducts_IsNeverEmpty()
    {
        Assert.All(Products.Value, p => Assert.False(string.IsNullOrWhiteSpace(DemoCatalogText.UnitFor(p.Name, SetOf(p)))));
    }
}
