using OcopMarket.Core.Seeding;
using OcopMarket.Core.Traceability;
using OcopMarket.Core.Traceability.Domain;

namespace OcopMarket.Bench.Trace;

/// <summary>One unit label: its lot's public code, its serial number, and the address its QR encodes.</summary>
internal sealed record UnitLabel(string PublicCode, int Number, string Serial, string Path);

/// <summary>
/// The addresses printed on the demo lots' labels, computed with the app's own code: serials with
/// <see cref="UnitSerialSigner"/> and the key the app runs with, paths with <see cref="TraceLinks"/> (GS1 Digital Link
/// for the tea, which has a GTIN; <c>/t/{code}</c> for the other two).
/// </summary>
internal static class Targets
{
    public const string Trivial = "/robots.txt";

    /// <summary>As the seeder does: only the tea gets a GTIN.</summary>
    public static string? GtinOf(TraceabilitySeeder.DemoLot demo) =>
        demo.ProductSlug == "che-dinh-tan-cuong" ? TraceabilitySeeder.DemoTeaGtin : null;

    public static IReadOnlyList<string> LotPaths() =>
        [.. TraceabilitySeeder.DemoLots.Select(d => TraceLinks.LotPath(GtinOf(d), d.Code, d.PublicCode))];

    public static IReadOnlyList<UnitLabel> Units(UnitSerialSigner signer) =>
    [
        .. TraceabilitySeeder.DemoLots.SelectMany(d => Enumerable.Range(1, TraceabilitySeeder.DemoSerials).Select(n =>
        {
            var serial = signer.Serial(d.PublicCode, n);
            return new UnitLabel(d.PublicCode, n, serial, TraceLinks.UnitPath(GtinOf(d), d.Code, d.PublicCode, serial));
        })),
    ];
}
