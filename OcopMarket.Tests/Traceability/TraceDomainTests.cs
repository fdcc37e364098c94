using System.Text;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Core.Traceability.Domain;

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
    private static readonly UnitSerialSigner Signer = new(Encoding.ASCII.GetBytes("a-test-key-of-at-least-32-bytes!!"));

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
