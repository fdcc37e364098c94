using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Core.Seeding;
using OcopMarket.Core.Traceability.Domain;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Traceability;

public sealed class GtinTests
{
    [Theory]
    [InlineData("4006381333931", "04006381333931")] // EAN-13 from GS1's check-digit examples
    [InlineData("036000291452", "00036000291452")]  // UPC-A
    [InlineData("96385074", "00000096385074")]      // EAN-8
    [InlineData("02000000000015", "02000000000015")] // restricted-circulation demo number
    [InlineData("4006 3813 3393 1", "04006381333931")]
    public void Valid_gtins_are_kept_in_their_14_digit_form(string text, string expected) => Assert.Equal(expected, Gtin.Normalise(text));

    [Theory]
    [InlineData("4006381333932")] // wrong check digit
    [InlineData("400638133393")]  // 12 digits whose check fails
    [InlineData("40063813339A1")]
    [InlineData("123")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_gtin(string? text) => Assert.Null(Gtin.Normalise(text));

    [Fact]
    public void A_product_refuses_a_bad_gtin_and_clears_with_blank()
    {
        var product = new Product(new Producer("HTX Chè Hảo Đạt", "htx-che-hao-dat", ProducerType.Cooperative, "19"),
            "Chè Đinh Tân Cương", "che-dinh-tan-cuong", OcopGroup.Food, "I.5a", "Chè búp.", "hộp 100 g",
            125_000, 10, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Throws<DomainException>(() => product.SetGtin("4006381333932"));
        product.SetGtin("4006381333931");
        Assert.Equal("04006381333931", product.Gtin);
        product.SetGtin(" ");
        Assert.Null(product.Gtin);
    }
}

public sealed class UnitSerialSignerTests
{
    private static readonly byte[] TestKey = Encoding.ASCII.GetBytes("a-test-key-of-at-least-32-bytes!!");
    private static readonly UnitSerialSigner Signer = new(TestKey);

    /// <summary>
    /// The signer's documented encoding written out again here, on purpose without any of its code: HMAC-SHA256 with
    /// the key over the UTF-8 of "ocop-unit|{public code}|{number}", the first 40 bits big-endian as eight 5-bit
    /// symbols of Crockford's base 32 without I, L, O, U, after the number in decimal.
    /// </summary>
    internal static string ReferenceSerial(byte[] key, string publicCode, int number)
    {
        const string crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("ocop-unit|" + publicCode + "|" + number.ToString(CultureInfo.InvariantCulture)));
        var bits = ((ulong)mac[0] << 32) | ((ulong)mac[1] << 24) | ((ulong)mac[2] << 16) | ((ulong)mac[3] << 8) | mac[4];
        var signature = new StringBuilder();
        for (var shift = 35; shift >= 0; shift -= 5) signature.Append(crockford[(int)((bits >> shift) & 31)]);
        return number.ToString(CultureInfo.InvariantCulture) + signature;
    }

    /// <summary>
    /// Known answers: the literals were computed outside .NET (Python's hmac) and agree with the reference above.
    /// If the signer's message, bit order or alphabet ever changes, every printed unit label stops verifying, and
    /// these fail first.
    /// </summary>
    [Theory]
    [InlineData("TC7K3M9Q", 1, "1BCHFZC95")]
    [InlineData("TC7K3M9Q", 17, "17YCQQZHS8")]
    [InlineData("KH4N2P8R", 17, "17270AD808")]
    [InlineData("TC7K3M9Q", 10_000, "10000H08322Y2")]
    [InlineData("VH9D5W2C", 1_000_000, "1000000YM5Z7TTY")]
    public void A_fixed_key_signs_fixed_serials(string publicCode, int number, string expected)
    {
        Assert.Equal(expected, ReferenceSerial(TestKey, publicCode, number));
        Assert.Equal(expected, Signer.Serial(publicCode, number));
        Assert.True(Signer.TryVerify(publicCode, expected, out var verified));
        Assert.Equal(number, verified);
    }

    /// <summary>The development key (appsettings.Development.json) and the demo lots: the serials the README prints.</summary>
    [Theory]
    [InlineData("TC7K3M9Q", 1, "134F0SVY8")]
    [InlineData("KH4N2P8R", 1, "1VPFFXPVC")]
    [InlineData("VH9D5W2C", 1, "1PV1YB0VG")]
    [InlineData("KH4N2P8R", 20, "20CK2F7DZM")]
    public void The_development_key_signs_the_demo_serials(string publicCode, int number, string expected)
    {
        var key = Convert.FromBase64String(RepositoryFiles.DevelopmentSerialKey());
        Assert.Equal(expected, ReferenceSerial(key, publicCode, number));
        Assert.Equal(expected, new UnitSerialSigner(key).Serial(publicCode, number));
    }

    /// <summary>
    /// "Try the demo labels" in the README: every unit address it prints verifies with the development key, except
    /// the one it calls forged, and the list is the one pinned here (change both together).
    /// </summary>
    [Fact]
    public void The_readme_demo_unit_addresses_verify_with_the_development_key_and_the_forged_one_does_not()
    {
        var signer = new UnitSerialSigner(Convert.FromBase64String(RepositoryFiles.DevelopmentSerialKey()));
        var units = RepositoryFiles.ReadmeDemoAddresses()
            .Select(a => (a.Path, a.Forged, Unit: Regex.Match(a.Path, @"^/t/(?<code>[0-9A-Z]{8})/(?<serial>[0-9A-Z]+)$|^/01/\d{14}/10/(?<lot>[^/]+)/21/(?<serial>[0-9A-Z]+)$")))
            .Where(a => a.Unit.Success)
            .ToList();
        Assert.Equal(
            [("/01/02000000000015/10/TC-2611-01/21/134F0SVY8", false), ("/t/KH4N2P8R/1VPFFXPVC", false), ("/t/KH4N2P8R/1VPFFXPVD", true)],
            units.Select(u => (u.Path, u.Forged)).Distinct().ToList());
        foreach (var (_, forged, unit) in units)
        {
            var publicCode = unit.Groups["code"].Success
                ? unit.Groups["code"].Value
                : TraceabilitySeeder.DemoLots.Single(l => l.Code == unit.Groups["lot"].Value).PublicCode;
            Assert.Equal(!forged, signer.TryVerify(publicCode, unit.Groups["serial"].Value, out _));
        }
    }

    [Fact]
    public void A_serial_is_its_number_and_eight_signature_characters_and_verifies_back()
    {
        var serial = Signer.Serial("TC7K3M9Q", 17);
        Assert.Matches("^17[0-9A-HJKMNP-TV-Z]{8}$", serial);
        Assert.True(Signer.TryVerify("TC7K3M9Q", serial, out var number));
        Assert.Equal(17, number);
        Assert.True(Signer.TryVerify("TC7K3M9Q", serial.ToLowerInvariant(), out _)); // a phone keyboard's lower case still verifies
        Assert.True(Signer.Serial("TC7K3M9Q", Lot.MaxSerialsPerIssue * 100).Length <= 20); // GS1 AI 21 holds it
    }

    [Fact]
    public void Altered_made_up_or_moved_serials_do_not_verify()
    {
        var serial = Signer.Serial("TC7K3M9Q", 17);
        var lastChanged = serial[..^1] + (serial[^1] == 'A' ? 'B' : 'A');
        Assert.False(Signer.TryVerify("TC7K3M9Q", lastChanged, out _));
        Assert.False(Signer.TryVerify("TC7K3M9Q", "18" + serial[2..], out _));       // another unit's number, same signature
        Assert.False(Signer.TryVerify("KH4N2P8R", serial, out _));                  // copied onto another lot
        Assert.False(Signer.TryVerify("TC7K3M9Q", "017" + serial[2..], out _));     // leading zero
        Assert.False(Signer.TryVerify("TC7K3M9Q", "ABCDEFGH", out _));
        Assert.False(Signer.TryVerify("TC7K3M9Q", "", out _));
        Assert.False(Signer.TryVerify("TC7K3M9Q", new string('1', 30), out _));
        var otherKey = new UnitSerialSigner(Encoding.ASCII.GetBytes("another-key-of-at-least-32-bytes!"));
        Assert.False(otherKey.TryVerify("TC7K3M9Q", serial, out _));
    }

    [Fact]
    public void A_short_key_is_refused() =>
        Assert.Throws<ArgumentException>(() => new UnitSerialSigner(new byte[16]));
}

public sealed class LotTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);
    private static readonly DateTime Now = new(2026, 11, 28, 3, 0, 0, DateTimeKind.Utc);

    private static Lot NewLot(int quantity = 100) => new(1, "tc-2611-01", Today.AddDays(-3), Today.AddMonths(18), quantity, " vn-tntc-0012 ", null, Now, Today);

    [Fact]
    public void A_lot_keeps_an_upper_case_code_and_a_random_public_code()
    {
        var lot = NewLot();
        Assert.Equal("TC-2611-01", lot.Code);
        Assert.Equal("VN-TNTC-0012", lot.GrowingAreaCode);
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{8}$", lot.PublicCode);
        Assert.NotEqual(lot.PublicCode, NewLot().PublicCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("LÔ 1")]
    [InlineData("TC/2611")]
    [InlineData("A-CODE-LONGER-THAN-20")]
    public void Codes_a_url_or_gs1_cannot_carry_are_refused(string code) =>
        Assert.Throws<DomainException>(() => new Lot(1, code, Today, null, 10, null, null, Now, Today));

    [Fact]
    public void Dates_and_quantity_must_make_sense()
    {
        Assert.Throws<DomainException>(() => new Lot(1, "L1", Today.AddDays(1), null, 10, null, null, Now, Today));
        Assert.Throws<DomainException>(() => new Lot(1, "L1", Today, Today.AddDays(-1), 10, null, null, Now, Today));
        Assert.Throws<DomainException>(() => new Lot(1, "L1", Today, null, 0, null, null, Now, Today));
    }

    [Fact]
    public void Serials_are_issued_in_numbered_batches_within_the_lot_size()
    {
        var lot = NewLot(quantity: 15_000);
        Assert.Equal(1, lot.IssueSerials(10_000));
        Assert.Equal(10_001, lot.IssueSerials(5_000));
        Assert.True(lot.IsIssued(15_000));
        Assert.False(lot.IsIssued(15_001));
        Assert.False(lot.IsIssued(0));
        Assert.Throws<DomainException>(() => lot.IssueSerials(1)); // the lot is all issued
        Assert.Throws<DomainException>(() => NewLot(quantity: 20_000).IssueSerials(10_001));
        Assert.Throws<DomainException>(() => lot.Update(Today, null, 14_999, null, null, Today)); // fewer units than serials issued
    }

    [Fact]
    public void Events_need_a_place_a_description_and_for_inspections_a_result_and_inspector()
    {
        var lot = NewLot();
        Assert.Throws<DomainException>(() => lot.AddEvent(TraceEventKind.Harvest, Now, " ", "Hái chè", null, null, Now));
        Assert.Throws<DomainException>(() => lot.AddEvent(TraceEventKind.Harvest, Now, "Đồi chè", "", null, null, Now));
        Assert.Throws<DomainException>(() => lot.AddEvent(TraceEventKind.Inspection, Now, "Trung tâm", "Dư lượng", "Đạt", null, Now));
        Assert.Throws<DomainException>(() => lot.AddEvent(TraceEventKind.Harvest, Now.AddHours(1), "Đồi chè", "Hái chè", null, null, Now));
        var inspection = lot.AddEvent(TraceEventKind.Inspection, Now.AddDays(-1), "Trung tâm", "Dư lượng", "Đạt", "Quatest 3", Now);
        Assert.Equal("Quatest 3", inspection.Inspector);
        var harvest = lot.AddEvent(TraceEventKind.Harvest, Now.AddDays(-2), "Đồi chè", "Hái chè", "ignored", "ignored", Now);
        Assert.Null(harvest.InspectionResult); // only inspections carry a result
        Assert.Equal(2, lot.Events.Count);
    }

    [Fact]
    public void Raw_materials_need_a_name_and_a_province()
    {
        var lot = NewLot();
        Assert.Throws<DomainException>(() => lot.SetRawMaterials([new RawMaterial(" ", null, "19", null)]));
        Assert.Throws<DomainException>(() => lot.SetRawMaterials([new RawMaterial("Búp chè", null, "", null)]));
        lot.SetRawMaterials([new RawMaterial(" Búp chè ", "05503", "19", null)]);
        Assert.Equal("Búp chè", lot.RawMaterials.Single().Name);
    }
}
