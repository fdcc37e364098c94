using OcopMarket.Core.Common;
using OcopMarket.Core.Traceability.Domain;

namespace OcopMarket.Tests.Traceability;

/// <summary>What a lot says when it refuses, in Vietnamese and in English.</summary>
public class LotRefusalTextTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);
    private static readonly DateTime Now = new(2026, 11, 28, 3, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Each_language_groups_the_thousands_of_the_issue_limit_its_own_way()
    {
        var lot = new Lot(1, "L1", Today, null, 20_000, null, null, Now, Today);
        var refusal = Assert.Throws<DomainException>(() => lot.IssueSerials(10_001));
        Assert.Equal(new UserText("Mỗi lần phát hành từ 1 đến 10.000 mã.", "Each issue is 1 to 10,000 codes."), refusal.Text);
    }

    [Fact]
    public void Issuing_past_the_lot_size_says_how_many_are_left_in_both_languages()
    {
        var lot = new Lot(1, "L1", Today, null, 10, null, null, Now, Today);
        lot.IssueSerials(7);
        var refusal = Assert.Throws<DomainException>(() => lot.IssueSerials(5));
        Assert.Equal(new UserText("Lô có 10 đơn vị; đã phát hành 7 mã, chỉ còn 3.", "The lot has 10 units; 7 codes are issued, only 3 are left."),
            refusal.Text);
    }
}
