using System.Globalization;

namespace OcopMarket.Core.Common;

/// <summary>Vietnamese đồng has no minor unit: amounts are whole đồng in a <see cref="long"/>.</summary>
public static class Money
{
    private static readonly NumberFormatInfo VndFormat = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalDigits = 0,
        NegativeSign = "-",
    };

    /// <summary>"125.000 ₫" in every UI language: the shop prices in đồng, written the Vietnamese way.</summary>
    public static string FormatVnd(long dong) =>
        dong.ToString("#,0", VndFormat) + "\u00A0₫";
}
