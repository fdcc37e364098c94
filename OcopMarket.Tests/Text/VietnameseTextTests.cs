using OcopMarket.Core.Text;

namespace OcopMarket.Tests.Text;

public class VietnameseTextTests
{
    [Theory]
    [InlineData("Nước mắm", "nuoc mam")]
    [InlineData("Đồng Tháp", "dong thap")]
    [InlineData("đặc sản ĐÀ NẴNG", "dac san da nang")]
    [InlineData("Gốm Bát Tràng", "gom bat trang")]
    [InlineData("Chè Thái Nguyên", "che thai nguyen")]
    [InlineData("  Trà   túi-lọc (40 độ đạm)  ", "tra tui loc 40 do dam")]
    [InlineData("", "")]
    public void Fold_drops_case_and_diacritics_including_d_with_stroke(string input, string expected) =>
        Assert.Equal(expected, VietnameseText.Fold(input));

    [Fact]
    public void Fold_treats_composed_and_decomposed_text_alike() =>
        Assert.Equal(VietnameseText.Fold("Phú Quốc".Normalize(System.Text.NormalizationForm.FormC)),
                     VietnameseText.Fold("Phú Quốc".Normalize(System.Text.NormalizationForm.FormD)));

    [Theory]
    [InlineData("Nước mắm Phú Quốc Khải Hoàn 40 độ đạm", "nuoc-mam-phu-quoc-khai-hoan-40-do-dam")]
    [InlineData("Đại An - Dầu mè đen", "dai-an-dau-me-den")]
    [InlineData("Lan's Homestay", "lan-s-homestay")]
    [InlineData("Cơ sở sản xuất chế biến mắm Bà Giáo Khỏe \"7777777\"", "co-so-san-xuat-che-bien-mam-ba-giao-khoe-7777777")]
    public void Slugify_makes_lowercase_ascii_hyphenated_slugs(string name, string slug) =>
        Assert.Equal(slug, VietnameseText.Slugify(name));

    [Fact]
    public void Slugify_cuts_long_names_at_a_word_boundary()
    {
        var name = string.Join(' ', Enumerable.Repeat("Hợp tác xã", 20));
        var full = VietnameseText.Slugify(name, maxLength: 1000);
        var slug = VietnameseText.Slugify(name, maxLength: 40);
        Assert.True(slug.Length <= 40);
        Assert.StartsWith(slug, full);
        Assert.Equal('-', full[slug.Length]); // the cut falls between two words
    }
}

public class UniqueSlugTests
{
    [Fact]
    public async Task Taken_slugs_get_a_number_and_empty_names_a_fallback()
    {
        var taken = new HashSet<string> { "nuoc-mam", "nuoc-mam-2" };
        Assert.Equal("nuoc-mam-3", await VietnameseText.UniqueSlugAsync("Nước mắm", "san-pham", s => Task.FromResult(taken.Contains(s))));
        Assert.Equal("che", await VietnameseText.UniqueSlugAsync("Chè", "san-pham", s => Task.FromResult(taken.Contains(s))));
        Assert.Equal("san-pham", await VietnameseText.UniqueSlugAsync("★★★", "san-pham", s => Task.FromResult(false)));
    }
}
