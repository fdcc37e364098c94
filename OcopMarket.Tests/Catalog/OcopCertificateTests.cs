using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Seeding;

namespace OcopMarket.Tests.Catalog;

public class OcopCertificateTests
{
    [Fact]
    public void Is_valid_for_36_months_from_issue()
    {
        var c = new OcopCertificate(4, "86/QĐ-UBND", CertifyingLevel.Province, new DateOnly(2023, 3, 15));
        Assert.Equal(new DateOnly(2026, 3, 15), c.ValidUntil);
        Assert.Equal(CertificateStatus.Current, c.StatusOn(new DateOnly(2026, 3, 14)));
        Assert.Equal(CertificateStatus.Lapsed, c.StatusOn(new DateOnly(2026, 3, 15)));
        Assert.Equal(CertificateStatus.Lapsed, c.StatusOn(new DateOnly(2026, 11, 28)));
    }

    [Fact]
    public void Without_an_issue_date_validity_is_unknown_never_current()
    {
        var c = new OcopCertificate(5, null, CertifyingLevel.Central, issuedOn: null);
        Assert.Null(c.ValidUntil);
        Assert.Equal(CertificateStatus.Unknown, c.StatusOn(new DateOnly(2020, 1, 1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(6)]
    public void Only_3_to_5_stars_are_certified(int stars) =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new OcopCertificate(stars, "x", CertifyingLevel.Province, new DateOnly(2024, 1, 1)));

    [Fact]
    public void Five_stars_come_from_the_central_level_and_the_central_level_gives_only_five()
    {
        Assert.Throws<ArgumentException>(() => new OcopCertificate(5, "x", CertifyingLevel.Province, new DateOnly(2024, 1, 1)));
        Assert.Throws<ArgumentException>(() => new OcopCertificate(4, "x", CertifyingLevel.Central, new DateOnly(2024, 1, 1)));
        Assert.Equal(CertifyingLevel.District, new OcopCertificate(3, "x", CertifyingLevel.District, new DateOnly(2023, 1, 1)).Level);
    }

    [Fact]
    public void Parses_an_exact_date_from_the_decision_text()
    {
        var c = CertificateParsing.FromDecision(5, "377/QĐ-BNN-VPĐP ngày 17/1/2025", 2025);
        Assert.Equal(new DateOnly(2025, 1, 17), c.IssuedOn);
        Assert.False(c.IssueDateIsYearOnly);
        Assert.Equal(CertifyingLevel.Central, c.Level);
        Assert.Equal(new DateOnly(2028, 1, 17), c.ValidUntil);
    }

    [Fact]
    public void With_only_a_year_takes_the_earliest_day_so_validity_is_never_overstated()
    {
        var c = CertificateParsing.FromDecision(3, "UBND huyện Đồng Hỷ, năm 2023", 2023);
        Assert.Equal(new DateOnly(2023, 1, 1), c.IssuedOn);
        Assert.True(c.IssueDateIsYearOnly);
        Assert.Equal(CertifyingLevel.District, c.Level);
        Assert.Equal(CertificateStatus.Lapsed, c.StatusOn(new DateOnly(2026, 11, 28)));
    }

    [Fact]
    public void Without_decision_or_year_the_certificate_has_no_date()
    {
        var c = CertificateParsing.FromDecision(4, null, null);
        Assert.Null(c.IssuedOn);
        Assert.Equal(CertifyingLevel.Province, c.Level);
    }
}
