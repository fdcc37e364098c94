namespace OcopMarket.Core.Traceability;

/// <summary>
/// The addresses printed in QR labels. With a GTIN they follow GS1 Digital Link
/// (<c>/01/{gtin}/10/{lot}</c>, plus <c>/21/{serial}</c> for a unit); without one, a short path on the lot's
/// random public code (<c>/t/{code}</c>, <c>/t/{code}/{serial}</c>). Lot codes and serials need no escaping.
/// </summary>
public static class TraceLinks
{
    public static string LotPath(string? gtin, string lotCode, string publicCode) =>
        gtin is not null ? $"/01/{gtin}/10/{lotCode}" : $"/t/{publicCode}";

    public static string UnitPath(string? gtin, string lotCode, string publicCode, string serial) =>
        gtin is not null ? $"/01/{gtin}/10/{lotCode}/21/{serial}" : $"/t/{publicCode}/{serial}";
}

/// <summary>What a scanned address names: a lot by GTIN and lot code, or by public code; and maybe a unit serial.</summary>
public sealed record TraceAddress(string? Gtin, string? LotCode, string? PublicCode, string? Serial)
{
    public static TraceAddress Gs1(string gtin, string lotCode, string? serial = null) => new(gtin, lotCode, null, serial);
    public static TraceAddress Short(string publicCode, string? serial = null) => new(null, null, publicCode, serial);
}
