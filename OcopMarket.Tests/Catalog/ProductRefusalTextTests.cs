using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference.Domain;

namespace OcopMarket.Tests.Catalog;

/// <summary>What a product says when it refuses, in Vietnamese and in English.</summary>
public class ProductRefusalTextTests
{
    private static Product NewProduct() =>
        new(new Producer("HTX Chè Hảo Đạt", "htx-che-hao-dat", ProducerType.Cooperative, "19"),
            "Chè Đinh Tân Cương", "che-dinh-tan-cuong", OcopGroup.Food, "I.5a", "Chè búp.", "hộp 100 g",
            125_000, 10, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void Publishing_without_a_current_certificate_is_refused_in_both_languages()
    {
        var refusal = Assert.Throws<DomainException>(() => NewProduct().Publish(new DateOnly(2026, 11, 28)));
        Assert.Equal("Chỉ sản phẩm có chứng nhận OCOP 3 sao trở lên còn hiệu lực mới được đăng bán.", refusal.Text.Vi);
        Assert.Equal("Only products with a valid OCOP certificate of 3 stars or more can be put on sale.", refusal.Text.En);
    }

    [Fact]
    public void A_bad_gtin_is_refused_in_both_languages_with_the_same_example()
    {
        var refusal = Assert.Throws<DomainException>(() => NewProduct().SetGtin("4006381333932"));
        Assert.StartsWith("Mã GTIN không hợp lệ", refusal.Text.Vi);
        Assert.StartsWith("Invalid GTIN", refusal.Text.En);
        Assert.All([refusal.Text.Vi, refusal.Text.En], text => Assert.Contains("8930000000019", text));
    }

    [Fact]
    public void The_photo_limit_is_counted_in_both_languages()
    {
        var product = NewProduct();
        for (var i = 0; i < Product.MaxImages; i++) product.AddImage(new ProductImage($"p/{i}.webp", $"p/{i}-t.webp", 1200, 800));
        var refusal = Assert.Throws<DomainException>(() => product.AddImage(new ProductImage("p/x.webp", "p/x-t.webp", 1200, 800)));
        Assert.Equal(new UserText($"Mỗi sản phẩm có tối đa {Product.MaxImages} ảnh.", $"A product can have at most {Product.MaxImages} photos."), refusal.Text);
    }
}
