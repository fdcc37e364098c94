using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OcopMarket.Core.Traceability.Domain;

/// <summary>
/// Unit serials that prove themselves: the serial number followed by eight characters of an HMAC-SHA256 over the
/// lot's public code and that number, keyed with a server secret. "17K3M9QX2A" is unit 17 of its lot. A made-up
/// or altered serial fails the check before any database is asked; 40 bits of signature make guessing hopeless.
/// At most 20 characters, as GS1 application identifier 21 allows.
/// <para>
/// The signature, exactly (printed labels depend on it never changing): HMAC-SHA256 keyed with the server key over
/// the UTF-8 bytes of <c>ocop-unit|{lot public code}|{number in decimal}</c>; its first five bytes read as one
/// big-endian 40-bit number, written as eight 5-bit symbols, most significant first, in <see cref="Lot.Alphabet"/>.
/// </para>
/// </summary>
public sealed class UnitSerialSigner
{
    public const int SignatureLength = 8;
    public const int MinimumKeyBytes = 32;

    private readonly byte[] _key;

    public UnitSerialSigner(byte[] key)
    {
        if (key.Length < MinimumKeyBytes) throw new ArgumentException($"The serial key needs at least {MinimumKeyBytes} bytes.", nameof(key));
        _key = [.. key];
    }

    public string Serial(string lotPublicCode, int number)
    {
        if (number < 1) throw new ArgumentOutOfRangeException(nameof(number));
        return number.ToString(CultureInfo.InvariantCulture) + Signature(lotPublicCode, number);
    }

    /// <summary>Whether the serial is one this server signed for that lot, and its number.</summary>
    public bool TryVerify(string lotPublicCode, string? serial, out int number)
    {
        number = 0;
        if (serial is null || serial.Length <= SignatureLength || serial.Length > 20) return false;
        var digits = serial.AsSpan(0, serial.Length - SignatureLength);
        // One spelling per unit: no sign, no leading zero, digits only.
        if (digits[0] == '0' || !digits.ToString().All(char.IsAsciiDigit)
            || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
        var expected = Encoding.ASCII.GetBytes(Signature(lotPublicCode, n));
        var given = Encoding.ASCII.GetBytes(serial[^SignatureLength..].ToUpperInvariant());
        if (!CryptographicOperations.FixedTimeEquals(expected, given)) return false;
        number = n;
        return true;
    }

    private string Signature(string lotPublicCode, int number)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"ocop-unit|{lotPublicCode}|{number.ToString(CultureInfo.InvariantCulture)}"));
        // 40 bits → 8 base-32 characters.
        ulong bits = 0;
        for (var i = 0; i < 5; i++) bits = (bits << 8) | mac[i];
        Span<char> chars = stackalloc char[SignatureLength];
        for (var i = SignatureLength - 1; i >= 0; i--)
        {
            chars[i] = Lot.Alphabet[(int)(bits & 31)];
            bits >>= 5;
        }
        return new string(chars);
    }
}
