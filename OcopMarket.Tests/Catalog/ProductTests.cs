using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference.Domain;

namespace OcopMarket.Tests.Catalog;

public class ProductTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static Product NewProduct(long price = 125_000, int stock = 10) =>
        new(new Producer("HTX Chè Hảo Đạt", "htx-che-hao-dat", ProducerType.Cooperative, "19"),
            "Chè Đinh Tân Cương", "che-dinh-tan-cuong", OcopGroup.Food, "I.5a", "Chè búp.", "hộp 100 g",
            price, stock, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void Publishing_needs_a_current_certificate_of_three_stars_or_more()
    {
        var product = NewProduct();
        var error = Assert.Throws<DomainException>(() => product.Publish(Today));
        Assert.Contains("còn hiệu lực", error.Message);
        Assert.False(product.IsPublished);

        product.AddCertificate(new OcopCertificate(4, "1/QĐ", CertifyingLevel.Province, new DateOnly(2022, 1, 1)));
        Assert.Throws<DomainException>(() => product.Publish(Today)); // lapsed on 2025-01-01

        product.AddCertificate(new OcopCertificate(3, "2/QĐ", CertifyingLevel.Province, new DateOnly(2025, 6, 1)));
        product.Publish(Today);
        Assert.True(product.IsPublished);
    }

    [Fact]
    public void Shows_the_newest_certificate_and_hides_stars_once_it_lapses()
    {
        var product = NewProduct();
        product.AddCertificate(new OcopCertificate(5, "a", CertifyingLevel.Central, new DateOnly(2024, 6, 1)));
        product.AddCertificate(new OcopCertificate(4, "old", CertifyingLevel.Province, new DateOnly(2020, 6, 1)));
        Assert.Equal(5, product.CertificateStars);
        Assert.Equal(5, product.CurrentStarsOn(Today));
        Assert.Null(product.CurrentStarsOn(new DateOnly(2027, 6, 1)));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void Price_must_be_positive(long price) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NewProduct(price: price));

    [Fact]
    public void Stock_cannot_go_negative()
    {
        var product = NewProduct();
        Assert.Throws<ArgumentOutOfRangeException>(() => product.SetStock(-1));
        Assert.Equal(10, product.Stock);
    }

    [Theory]
    [InlineData("Chè Đinh")]
    [InlineData("che--dinh")]
    [InlineData("")]
    public void Slug_must_already_be_a_slug(string slug) =>
        Assert.Throws<ArgumentException>(() => NewProduct().Rename("Chè", slug));

    [Fact]
    public void Only_http_source_links_are_kept()
    {
        var product = NewProduct();
        product.SetSource("javascript:alert(1)");
        Assert.Null(product.SourceUrl);
        product.SetSource("https://vietnam.vn/?p=1305140");
        Assert.Equal("https://vietnam.vn/?p=1305140", product.SourceUrl);
    }

    [Fact]
    public void Search_text_is_folded()
    {
        var product = NewProduct();
        product.RefreshSearchText("HTX Chè Hảo Đạt", "Xã Tân Cương Thái Nguyên", "Thực phẩm Chè");
        Assert.Equal("che dinh tan cuong", product.SearchName);
        Assert.Equal("htx che hao dat", product.SearchProducer);
        Assert.Equal("xa tan cuong thai nguyen", product.SearchPlace);
    }
}
