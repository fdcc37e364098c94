using OcopMarket.Core.Producers;

namespace OcopMarket.Tests.Producers;

public class ProducerNamesTests
{
    [Theory]
    [InlineData("HTX chè Hảo Đạt", "Hợp tác xã chè Hảo Đạt")]
    [InlineData("CTCP Hoàng Giang", "Công ty CP Hoàng Giang")]
    [InlineData("Công ty CP Dược liệu Pù Mát", "Công ty cổ phần Dược liệu Pù Mát")]
    [InlineData("Cty TNHH MTV Kiên Cường", "Công ty Trách nhiệm hữu hạn Một thành viên Kiên Cường")]
    [InlineData("DNTN Hương Quế", "Doanh nghiệp tư nhân Hương Quế")]
    [InlineData("HKD Hòa Kiều", "Hộ kinh doanh Hòa Kiều")]
    [InlineData("THT Lê Nậm Pung", "Tổ hợp tác Lê Nậm Pung")]
    [InlineData("Hộ SXKD Đỗ Xuân Dũng", "Hộ sản xuất kinh doanh Đỗ Xuân Dũng")]
    [InlineData("Công ty TNHH XNK Sỹ Thắng", "Công ty TNHH xuất nhập khẩu Sỹ Thắng")]
    [InlineData("HTX  Sản xuất - tiêu thụ vú sữa Hợp Đức", "Hợp tác xã sản xuất tiêu thụ Vú Sữa Hợp Đức")]
    public void Spellings_that_differ_only_by_abbreviations_case_and_punctuation_match(string shorter, string fuller) =>
        Assert.Equal(ProducerNames.MatchKey(fuller), ProducerNames.MatchKey(shorter));

    [Theory]
    [InlineData("HTX chè Hảo Đạt", "HTX chè Hướng Tâm")]
    [InlineData("Công ty CP Hoàng Giang", "Công ty TNHH Hoàng Giang")] // a different legal person
    [InlineData("HTX Nông nghiệp Xanh", "HTX Nông nghiệp xanh Yên Thế")]
    [InlineData("Hộ kinh doanh Hòa Kiều", "Hợp tác xã Hòa Kiều")]
    public void Different_producers_do_not_match(string one, string other) =>
        Assert.NotEqual(ProducerNames.MatchKey(one), ProducerNames.MatchKey(other));

    [Fact]
    public void An_abbreviation_inside_a_word_is_left_alone() =>
        Assert.Equal("hop tac xa htxanh", ProducerNames.MatchKey("HTX HTXanh"));

    [Fact]
    public void The_fullest_spelling_is_kept_and_the_first_of_two_as_long() =>
        Assert.Equal(
            ["Hợp tác xã chè Hảo Đạt", "Công ty CP A"],
            [ProducerNames.Fullest(["HTX chè Hảo Đạt", " Hợp tác xã chè Hảo Đạt "]), ProducerNames.Fullest(["Công ty CP A", "Công ty CP a"])]);

    [Fact]
    public void Merging_joins_spellings_within_a_province_only()
    {
        var merged = ProducerNames.Merge([
            ("HTX chè Hảo Đạt", "Thái Nguyên"),
            ("Hợp tác xã chè Hảo Đạt", "Thái Nguyên"),
            ("HTX chè Hảo Đạt", "Thái Nguyên"),
            ("HTX chè Hảo Đạt", "Phú Thọ"),
        ]);

        Assert.Equal(3, merged.Count);
        Assert.Equal("Hợp tác xã chè Hảo Đạt", merged[("HTX chè Hảo Đạt", "Thái Nguyên")]);
        Assert.Equal("Hợp tác xã chè Hảo Đạt", merged[("Hợp tác xã chè Hảo Đạt", "Thái Nguyên")]);
        Assert.Equal("HTX chè Hảo Đạt", merged[("HTX chè Hảo Đạt", "Phú Thọ")]); // same words, another province
    }
}
