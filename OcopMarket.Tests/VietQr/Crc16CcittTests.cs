using OcopMarket.Core.VietQr;

namespace OcopMarket.Tests.VietQr;

public class Crc16CcittTests
{
    [Fact]
    public void Check_value_of_123456789_is_29B1() =>
        // The catalogued check value of CRC-16/CCITT-FALSE.
        Assert.Equal("29B1", Crc16Ccitt.Compute("123456789"));

    [Fact]
    public void Empty_input_gives_the_initial_value() =>
        Assert.Equal("FFFF", Crc16Ccitt.Compute(""));

    [Fact]
    public void Result_is_four_uppercase_hex_digits_with_leading_zeros()
    {
        foreach (var text in new[] { "a", "ab", "abc", "6304", "OCOP-000123" })
            Assert.Matches("^[0-9A-F]{4}$", Crc16Ccitt.Compute(text));
    }
}
