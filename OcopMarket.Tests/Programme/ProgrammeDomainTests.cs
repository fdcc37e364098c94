using OcopMarket.Core.Common;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Programme.Domain;

namespace OcopMarket.Tests.Programme;

public class CertificateHistoryTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    [Fact]
    public void A_first_certificate_still_current_is_not_due() =>
        Assert.Equal(RenewalState.NotDue, CertificateHistory.Classify([(4, new DateOnly(2025, 1, 10))], Today));

    [Fact]
    public void A_first_certificate_past_36_months_without_a_later_one_has_lapsed() =>
        Assert.Equal(RenewalState.Lapsed, CertificateHistory.Classify([(3, new DateOnly(2023, 11, 28))], Today));

    [Fact]
    public void A_later_certificate_at_the_same_stars_is_a_renewal_and_with_more_stars_an_upgrade()
    {
        Assert.Equal(RenewalState.Renewed, CertificateHistory.Classify([(4, new DateOnly(2020, 5, 1)), (4, new DateOnly(2023, 6, 1))], Today));
        Assert.Equal(RenewalState.Renewed, CertificateHistory.Classify([(4, new DateOnly(2020, 5, 1)), (3, new DateOnly(2023, 6, 1))], Today));
        // Order of the rows does not matter; the earliest is the first certificate.
        Assert.Equal(RenewalState.Upgraded, CertificateHistory.Classify([(5, new DateOnly(2024, 2, 1)), (4, new DateOnly(2021, 3, 1))], Today));
    }

    [Fact]
    public void Certificates_without_a_date_say_nothing_about_renewal()
    {
        Assert.Equal(RenewalState.NotDue, CertificateHistory.Classify([(3, null)], Today));
        Assert.Equal(RenewalState.Lapsed, CertificateHistory.Classify([(3, new DateOnly(2020, 1, 1)), (5, null)], Today));
    }
}

public class ProgrammeScoreboardTests
{
    private static SubjectFacts Subject(int id, string province, ProducerType type, bool? sme = null, string? village = null,
        bool listed = true, bool recent = false) => new(id, province, type, sme, village, listed, recent);

    [Fact]
    public void Shares_count_verified_subjects_and_selling_needs_a_listing_and_a_recent_order()
    {
        SubjectFacts[] subjects =
        [
            Subject(1, "19", ProducerType.Cooperative, recent: true),
            Subject(2, "19", ProducerType.Cooperative, listed: false, recent: true), // no listing: not selling here
            Subject(3, "01", ProducerType.Company, sme: true, recent: false),
            Subject(4, "01", ProducerType.Company, sme: null),
        ];
        var f = ProgrammeScoreboard.Add("", subjects, [new("19", 5, 2), new("19", 4, 3), new("01", 3, 1)], []);
        Assert.Equal(6, f.CertifiedProducts);
        Assert.Equal(2, f.FiveStarProducts);
        Assert.Equal(4, f.Subjects);
        Assert.Equal(50m, f.CooperativeSharePercent);
        Assert.Equal(25m, f.SmeSharePercent);
        Assert.Equal(1, f.SmeUndeclared);
        Assert.Equal(1, f.SellingSubjects);
        Assert.Equal(2, ProgrammeScoreboard.ProvincesSelling(subjects));
    }

    [Fact]
    public void Shares_of_nothing_are_unknown_not_zero()
    {
        var f = ProgrammeScoreboard.Add("48", [], [], []);
        Assert.Null(f.CooperativeSharePercent);
        Assert.Null(f.RenewedSharePercent);
        Assert.Equal(33.3m, ProgrammeScoreboard.Percent(1, 3));
    }

    [Fact]
    public void A_craft_village_is_counted_once_per_province_however_its_producers_write_it()
    {
        SubjectFacts[] subjects =
        [
            Subject(1, "01", ProducerType.Company, village: "Làng gốm Bát Tràng"),
            Subject(2, "01", ProducerType.HouseholdBusiness, village: "bat  trang"),
            Subject(3, "01", ProducerType.Cooperative, village: "Làng nghề Bát Tràng"),
            Subject(4, "25", ProducerType.Cooperative, village: "Bát Tràng"),          // another province: another village
            Subject(5, "01", ProducerType.Cooperative, village: "Vạn Phúc", listed: false), // nothing listed
        ];
        Assert.Equal(3, ProgrammeScoreboard.CraftVillagesListed(subjects)); // "gom bat trang" differs from "bat trang"
        Assert.Equal("bat trang", ProgrammeScoreboard.VillageKey("Làng nghề truyền thống  Bát Tràng"));
    }

    [Fact]
    public void Renewals_are_shared_among_products_due()
    {
        var f = ProgrammeScoreboard.Add("", [], [],
            [new("19", RenewalState.NotDue), new("19", RenewalState.Lapsed), new("19", RenewalState.Renewed), new("19", RenewalState.Upgraded)]);
        Assert.Equal(3, f.ProductsDue);
        Assert.Equal(66.7m, f.RenewedSharePercent);
    }
}

public class ProgrammeTargetTests
{
    [Fact]
    public void Decision_919_targets_are_the_published_ones()
    {
        Assert.Equal(10_000, ProgrammeTargets.For(ProgrammeMetric.CertifiedProducts)!.Minimum);
        Assert.Equal((400m, 500m), (ProgrammeTargets.For(ProgrammeMetric.FiveStarProducts)!.Minimum, ProgrammeTargets.For(ProgrammeMetric.FiveStarProducts)!.Maximum!.Value));
        Assert.Equal(40, ProgrammeTargets.For(ProgrammeMetric.CooperativeSharePercent)!.Minimum);
        Assert.Equal(30, ProgrammeTargets.For(ProgrammeMetric.SmeSharePercent)!.Minimum);
        Assert.Equal(50, ProgrammeTargets.For(ProgrammeMetric.SellingOnlineSharePercent)!.Minimum);
        Assert.Equal(50, ProgrammeTargets.For(ProgrammeMetric.CraftVillageSharePercent)!.Minimum);
        Assert.True(ProgrammeTargets.For(ProgrammeMetric.CertifiedProducts)!.IsMetBy(18_243));
        Assert.False(ProgrammeTargets.For(ProgrammeMetric.CooperativeSharePercent)!.IsMetBy(32));
        Assert.Null(ProgrammeTargets.For(ProgrammeMetric.RenewedSharePercent));
    }

    [Fact]
    public void Metric_keys_are_unique_and_read_back()
    {
        Assert.Equal(ProgrammeMetrics.All.Count, ProgrammeMetrics.All.Select(m => m.Key()).Distinct().Count());
        foreach (var m in ProgrammeMetrics.All)
        {
            Assert.True(ProgrammeMetrics.TryParseKey(m.Key(), out var back));
            Assert.Equal(m, back);
            Assert.NotEqual(m.Name().Vi, m.Name().En);
        }
    }
}

public class NationalFigureTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);
    private const string Source = "https://doanhnghiephoinhap.vn/them-28-san-pham-duoc-cong-nhan-ocop-5-sao-cap-quoc-gia-93426.html";

    [Theory]
    [InlineData(ProgrammeMetric.CertifiedProducts, "18.243", 18243)]
    [InlineData(ProgrammeMetric.CertifiedProducts, "18,243", 18243)]
    [InlineData(ProgrammeMetric.Subjects, " 8 086 ", 8086)]
    [InlineData(ProgrammeMetric.CooperativeSharePercent, "38,1", 38.1)]
    [InlineData(ProgrammeMetric.CooperativeSharePercent, "38.1 %", 38.1)]
    [InlineData(ProgrammeMetric.CraftVillageSharePercent, "17,32%", 17.32)]
    public void Values_are_read_as_officers_type_them(ProgrammeMetric metric, string text, double expected) =>
        Assert.Equal((decimal)expected, NationalFigure.ParseValue(metric, text));

    [Theory]
    [InlineData(ProgrammeMetric.CertifiedProducts, "")]
    [InlineData(ProgrammeMetric.CertifiedProducts, "mười nghìn")]
    [InlineData(ProgrammeMetric.CertifiedProducts, "-5")]
    [InlineData(ProgrammeMetric.CooperativeSharePercent, "1.234,5")]
    public void Values_that_are_not_numbers_are_refused_in_both_languages(ProgrammeMetric metric, string text)
    {
        var refused = Assert.Throws<DomainException>(() => NationalFigure.ParseValue(metric, text));
        Assert.NotEqual(refused.Text.Vi, refused.Text.En);
    }

    [Fact]
    public void A_figure_needs_a_sane_value_a_past_date_and_a_web_source()
    {
        var ok = new NationalFigure(ProgrammeMetric.CertifiedProducts, 14_642, new(2024, 12, 31), Source, " Doanh nghiệp & Hội nhập ", Today);
        Assert.Equal("Doanh nghiệp & Hội nhập", ok.SourceTitle);

        Assert.Throws<DomainException>(() => new NationalFigure(ProgrammeMetric.CooperativeSharePercent, 101, new(2024, 12, 31), Source, null, Today));
        Assert.Throws<DomainException>(() => new NationalFigure(ProgrammeMetric.CertifiedProducts, 10.5m, new(2024, 12, 31), Source, null, Today));
        Assert.Throws<DomainException>(() => new NationalFigure(ProgrammeMetric.CertifiedProducts, 1, Today.AddDays(1), Source, null, Today));
        Assert.Throws<DomainException>(() => new NationalFigure(ProgrammeMetric.CertifiedProducts, 1, new(2017, 1, 1), Source, null, Today));
        Assert.Throws<DomainException>(() => new NationalFigure(ProgrammeMetric.CertifiedProducts, 1, new(2024, 1, 1), "javascript:alert(1)", null, Today));
        Assert.Throws<DomainException>(() => new NationalFigure(ProgrammeMetric.CertifiedProducts, 1, new(2024, 1, 1), "báo cáo", null, Today));
    }

    [Fact]
    public void Only_an_enterprise_can_be_an_sme()
    {
        var coop = new Producer("HTX chè", "htx-che", ProducerType.Cooperative, "19");
        var refused = Assert.Throws<DomainException>(() => coop.DeclareSme(true));
        Assert.Contains("Chỉ doanh nghiệp", refused.Text.Vi);
        coop.DeclareSme(null);
        Assert.False(coop.IsSme);

        var firm = new Producer("Công ty CP Khải Hoàn", "khai-hoan", ProducerType.Company, "48");
        firm.DeclareSme(true);
        Assert.True(firm.IsSme);
        firm.DeclareSme(null);
        Assert.Null(firm.IsSme);
    }

    [Fact]
    public void Every_seeded_figure_is_valid_and_cites_a_web_page()
    {
        foreach (var (metric, value, asOf, url, title) in OcopMarket.Core.Programme.NationalFigureSeeder.Figures)
        {
            var figure = new NationalFigure(metric, value, asOf, url, title, Today);
            Assert.StartsWith("http", figure.SourceUrl);
            Assert.False(string.IsNullOrWhiteSpace(figure.SourceTitle));
        }
    }
}
