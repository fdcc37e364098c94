using System.Text;

namespace OcopMarket.Core.VietQr;

/// <summary>
/// CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, xorout 0): the checksum
/// EMVCo merchant-presented QR codes, and so VietQR, put in field 63.
/// </summary>
public static class Crc16Ccitt
{
    /// <summary>The CRC of the text's UTF-8 bytes as 4 uppercase hex digits ("123456789" → "29B1").</summary>
    public static string Compute(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Compute(Encoding.UTF8.GetBytes(text)).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0xFFFF;
        foreach (var b in data)
        {
            crc ^= (ushort)(b << 8);
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
        }
        return crc;
    }
}
