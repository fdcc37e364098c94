using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Text;
using static OcopMarket.Core.Catalog.Domain.BroadSearchPlan;

namespace OcopMarket.Tests.Catalog;

/// <summary>Which broad searches the warm-up ranks first, from a sample of search text (no database).</summary>
public class BroadSearchPlanTests
{
    private static SampledProduct Product(string name, string others) =>
        new(VietnameseText.Tokens(name), VietnameseText.Tokens(others));

    // Ten sampled products of a 1,000-product catalog: each sampled product stands for 100.
    private static readonly SampledProduct[] Sample =
    [
        Product("Trà xanh Thái Nguyên", "Hợp tác xã Trà Tân Cương Thái Nguyên Đồ uống"),
        Product("Trà sen Tây Hồ", "Hợp tác xã Sen Hồ Tây Hà Nội Đồ uống"),
        Product("Trà móc câu", "Công ty TNHH Chè Thái Thái Nguyên Đồ uống"),
        Product("Nước mắm Phú Quốc", "Công ty TNHH Thanh Hà An Giang Thực phẩm"),
        Product("Nước mắm Nam Ô", "Hợp tác xã Nam Ô Đà Nẵng Thực phẩm"),
        Product("Mật ong bạc hà", "Hợp tác xã Ong Mèo Tuyên Quang Thực phẩm"),
        Product("Mật ong rừng", "Công ty TNHH Thanh Sơn Thanh Hóa Thực phẩm"),
        Product("Nem chua Thanh Hóa", "Công ty TNHH Nem Thanh Thanh Hóa Thực phẩm"),
        Product("Gốm Bát Tràng", "Hợp tác xã Gốm Bát Tràng Hà Nội Thủ công mỹ nghệ"),
        Product("Nón lá Huế", "Hợp tác xã Nón Huế Huế Thủ công mỹ nghệ"),
    ];

    [Fact]
    public void Words_of_product_names_come_before_broader_prefixes_and_letters()
    {
        var plan = Order(Sample, products: 1_000, minHits: 200);
        var order = plan.Select(b => b.Prefix).ToList();

        // Name words first, most common in names first: "tra" (3 names), then "mam", "mat", "nuoc", "ong" (2 each, by prefix).
        Assert.Equal(["tra", "mam", "mat", "nuoc", "ong"], order.Take(5));
        // "th" matches 9 of 10 products (Thái, Thanh, Thực, Thủ), more than "tra", yet comes after every name word.
        Assert.True(order.IndexOf("th") > order.IndexOf("ong"));
        // "hop" (producers' names) is a word, but not of product names: with the prefixes, broadest first.
        Assert.True(order.IndexOf("hop") > order.IndexOf("ong"));
        Assert.True(order.IndexOf("th") < order.IndexOf("hop"), "th (9 products) is broader than hop (6)");
        // Single letters last.
        var firstLetter = order.FindIndex(p => p.Length == 1);
        Assert.True(firstLetter > 0);
        Assert.All(order.Skip(firstLetter), p => Assert.Single(p));
    }

    [Fact]
    public void Hits_are_scaled_to_the_catalog_and_narrow_words_left_out()
    {
        var plan = Order(Sample, products: 1_000, minHits: 200);

        // "tra" is the start of Trà (3 names, 2 producers) and Tràng: 4 of 10 products, 400 of 1,000.
        Assert.Equal(400, plan.Single(b => b.Prefix == "tra").Hits);
        Assert.Equal(900, plan.Single(b => b.Prefix == "th").Hits);
        // "nem" is in one product (name and producer counted once): 100 hits, under the 200 asked.
        Assert.DoesNotContain(plan, b => b.Prefix == "nem");
        Assert.Empty(Order([], products: 1_000, minHits: 1));
    }

    [Fact]
    public void The_order_is_the_same_whatever_the_samples_order()
    {
        var forward = Order(Sample, products: 1_000, minHits: 100);
        var backward = Order(Sample.Reverse().ToArray(), products: 1_000, minHits: 100);

        Assert.Equal(forward, backward);
    }
}
