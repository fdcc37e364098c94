namespace OcopMarket.Core.Catalog.Domain;

/// <summary>
/// A GS1 Global Trade Item Number: 8, 12, 13 or 14 digits whose last digit is the GS1 mod-10 check digit.
/// GS1 Digital Link URIs carry it as 14 digits (left-padded with zeros), which is the form stored here.
/// </summary>
public static class Gtin
{
    /// <summary>The 14-digit form, or null when the text is not a valid GTIN (wrong length, letters, bad check digit).</summary>
    public static string? Normalise(string? text)
    {
        var digits = (text ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (digits.Length is not (8 or 12 or 13 or 14) || !digits.All(char.IsAsciiDigit)) return null;
        var gtin14 = digits.PadLeft(14, '0');
        return CheckDigit(gtin14.AsSpan(0, 13)) == gtin14[13] - '0' ? gtin14 : null;
    }

    /// <summary>GS1 mod-10: from the right, weights 3,1,3,1…; the check digit tops the sum up to a multiple of ten.</summary>
    public static int CheckDigit(ReadOnlySpan<char> withoutCheck)
    {
        var sum = 0;
        for (var i = 0; i < withoutCheck.Length; i++)
        {
            var digit = withoutCheck[withoutCheck.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? digit * 3 : digit;
        }
        return (10 - sum % 10) % 10;
    }
}
