using OcopMarket.Core.Common;

namespace OcopMarket.Tests.Common;

public class MoneyTests
{
    [Theory]
    [InlineData(125000L, "125.000 ₫")]
    [InlineData(0L, "0 ₫")]
    [InlineData(999L, "999 ₫")]
    [InlineData(1000L, "1.000 ₫")]
    [InlineData(2500000L, "2.500.000 ₫")]
    [InlineData(12345678901L, "12.345.678.901 ₫")]
    public void Formats_dong_with_dot_groups_and_the_dong_sign(long amount, string expected) =>
        // A no-break space keeps the sign on the amount's line.
        Assert.Equal(expected.Replace(' ', '\u00A0'), Money.FormatVnd(amount));

    [Fact]
    public void Format_does_not_depend_on_the_current_culture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("en-US");
            Assert.Equal("125.000\u00A0₫", Money.FormatVnd(125_000));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }
}
