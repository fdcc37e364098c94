using OcopMarket.Core.VietQr;

namespace OcopMarket.Tests.VietQr;

public class VietQrPayloadTests
{
    // ---- Published examples -------------------------------------------------------------------

    // Examples printed in the README of the npm package vietnam-qr-pay (ACB, BIN 970416, account 257678859):
    // https://github.com/xuannghia/vietnam-qr-pay#readme (also https://www.npmjs.com/package/vietnam-qr-pay).
    // The 1000 đ "Chuyen tien" string is also the package's own test vector:
    // https://github.com/xuannghia/vietnam-qr-pay/blob/main/test/test-vietqr.spec.ts
    // Their field order and fields are the same as ours, so Build must reproduce them character for character.
    public static TheoryData<string, string, string, long?, string?> PublishedExamples => new()
    {
        // "VietQR Tĩnh" (static, no amount, no reference).
        { "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F",
            "970416", "257678859", null, null },
        // "VietQR Động" (dynamic, 10 000 đ).
        { "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN62150811Chuyen tien630453E6",
            "970416", "257678859", 10_000, "Chuyen tien" },
        // "Decode mã QR" (1 000 đ).
        { "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA5303704540410005802VN62150811Chuyen tien6304BBB8",
            "970416", "257678859", 1_000, "Chuyen tien" },
        // "build() method": amount and purpose edited to 999 999 đ / "Cam on nhe".
        { "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA530370454069999995802VN62140810Cam on nhe6304E786",
            "970416", "257678859", 999_999, "Cam on nhe" },
    };

    [Theory]
    [MemberData(nameof(PublishedExamples))]
    public void Published_example_is_parsed_with_a_valid_crc(string payload, string bin, string account, long? amount, string? reference)
    {
        Assert.True(VietQrPayload.TryParse(payload, out var parsed));
        Assert.Equal(new VietQrRequest(bin, account, amount, reference), parsed);
    }

    [Theory]
    [MemberData(nameof(PublishedExamples))]
    public void Build_reproduces_the_published_example_exactly(string payload, string bin, string account, long? amount, string? reference) =>
        Assert.Equal(payload, VietQrPayload.Build(new VietQrRequest(bin, account, amount, reference)));

    // Example from the README of the npm package napas-qr (BIN 970416, account 224528479, 10 000 đ):
    // https://github.com/duyquoc1508/napas-qr#readme (also https://www.npmjs.com/package/napas-qr).
    // Its field 62 also carries a bill number (62/01 "NPS6869") before the purpose, which we never emit,
    // so Build cannot reproduce it; we check the CRC over its own prefix and that TryParse reads it.
    private const string NapasQrExample =
        "00020101021238530010A0000007270123000697041601092245284790208QRIBFTTA53037045405100005802VN62340107NPS68690819TRANSFER TO SOMEONE6304AC13";

    [Fact]
    public void Napas_qr_example_crc_matches_and_it_parses()
    {
        Assert.Equal("AC13", Crc16Ccitt.Compute(NapasQrExample[..^4]));
        Assert.True(VietQrPayload.TryParse(NapasQrExample, out var parsed));
        Assert.Equal(new VietQrRequest("970416", "224528479", 10_000, "TRANSFER TO SOMEONE"), parsed);
    }

    // Example from the README of the Go library ducnpdev/vietqr (BIN 970437, account 999990335280715,
    // TransactionAmount "505000", description "test noi dung"): https://github.com/ducnpdev/vietqr#readme
    // The printed string has a typo: its amount field reads "5406" + "50500" (6 declared, 5 given),
    // which breaks every later field, so TryParse must refuse it as printed. Its printed CRC 33C4 is the
    // CRC of the string with the requested amount 505000, which is exactly what Build gives.
    private const string DucnpdevPrinted =
        "00020101021238590010A0000007270129000697043701159999903352807150208QRIBFTTA53037045406505005802VN62170813test noi dung630433C4";

    [Fact]
    public void Ducnpdev_example_crc_matches_our_build_of_its_request()
    {
        Assert.False(VietQrPayload.TryParse(DucnpdevPrinted, out _));

        var built = VietQrPayload.Build(new VietQrRequest("970437", "999990335280715", 505_000, "test noi dung"));

        Assert.Equal(DucnpdevPrinted.Replace("5406505005802VN", "54065050005802VN"), built);
        Assert.EndsWith("630433C4", built);
    }

    // ---- Round trip and tampering -------------------------------------------------------------

    private static readonly VietQrRequest Order = new("970436", "1023456789", 1_943_000, "OCOP-000069");

    [Theory]
    [InlineData("970436", "1023456789", 1_943_000L, "OCOP-000069")]
    [InlineData("970422", "0", null, null)]
    [InlineData("970415", "VQRQ1234567890ABCDE", 9_999_999_999_999L, "Ref 25 chars long 1234567")]
    [InlineData("970418", "12345", 1L, "DH 42")]
    public void Build_then_TryParse_gives_back_the_same_fields(string bin, string account, long? amount, string? reference)
    {
        var request = new VietQrRequest(bin, account, amount, reference);

        Assert.True(VietQrPayload.TryParse(VietQrPayload.Build(request), out var parsed));
        Assert.Equal(request, parsed);
    }

    [Fact]
    public void Any_one_character_change_makes_TryParse_fail()
    {
        var payload = VietQrPayload.Build(Order);
        Assert.True(VietQrPayload.TryParse(payload, out _));

        for (var i = 0; i < payload.Length; i++)
        {
            var chars = payload.ToCharArray();
            chars[i] = chars[i] == '1' ? '2' : '1';
            var tampered = new string(chars);
            Assert.False(VietQrPayload.TryParse(tampered, out _), $"change at index {i} was accepted: {tampered}");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("6304")]
    [InlineData("not a qr code at all")]
    public void Garbage_is_refused(string? payload) =>
        Assert.False(VietQrPayload.TryParse(payload, out _));

    [Fact]
    public void A_valid_crc_over_a_non_vietqr_payload_is_refused()
    {
        // Well-formed EMVCo with a correct CRC, but no NAPAS field 38.
        var body = "000201010211530370458" + "02VN" + "6304";
        Assert.False(VietQrPayload.TryParse(body + Crc16Ccitt.Compute(body), out _));
    }

    // ---- Field layout -------------------------------------------------------------------------

    [Fact]
    public void Without_an_amount_the_code_is_static_and_has_no_field_54()
    {
        var payload = VietQrPayload.Build(Order with { AmountVnd = null });

        Assert.StartsWith("000201" + "010211", payload);
        Assert.DoesNotContain("5303704" + "54", payload);
        Assert.Contains("5303704" + "5802VN", payload);
    }

    [Fact]
    public void With_an_amount_the_code_is_dynamic()
    {
        Assert.StartsWith("000201" + "010212", VietQrPayload.Build(Order));
    }

    [Fact]
    public void Amount_is_whole_dong_digits_in_field_54()
    {
        var payload = VietQrPayload.Build(Order with { AmountVnd = 125_000 });

        Assert.Contains("5303704" + "5406125000" + "5802VN", payload);
    }

    [Fact]
    public void Merchant_account_information_carries_guid_bin_account_and_transfer_service()
    {
        var payload = VietQrPayload.Build(Order);

        // 38, length 54: 00 GUID | 01 (00 BIN, 01 account) | 02 QRIBFTTA
        Assert.Contains("3854" + "0010A000000727" + "0124" + "0006970436" + "01101023456789" + "0208QRIBFTTA", payload);
    }

    [Fact]
    public void Reference_goes_in_purpose_of_transaction_62_08_just_before_the_crc()
    {
        var payload = VietQrPayload.Build(Order);

        Assert.Matches("5802VN" + "6215" + "0811OCOP-000069" + "6304[0-9A-F]{4}$", payload);
    }

    [Fact]
    public void Without_a_reference_there_is_no_field_62()
    {
        var payload = VietQrPayload.Build(Order with { Reference = null });

        Assert.Matches("5802VN6304[0-9A-F]{4}$", payload);
        Assert.Equal(VietQrPayload.Build(Order with { Reference = null }), VietQrPayload.Build(Order with { Reference = "" }));
    }

    [Fact]
    public void Crc_covers_everything_up_to_and_including_6304()
    {
        var payload = VietQrPayload.Build(Order);

        Assert.Equal(payload[^4..], Crc16Ccitt.Compute(payload[..^4]));
        Assert.Equal("6304", payload[^8..^4]);
    }

    // ---- Invalid input ------------------------------------------------------------------------

    [Theory]
    [InlineData("97043")]
    [InlineData("97043a")]
    [InlineData("9704366")]
    [InlineData("")]
    [InlineData("٩٧٠٤٣٦")] // Arabic-Indic digits are digits to char.IsDigit, not to a bank app
    public void Bin_must_be_exactly_six_ascii_digits(string bin)
    {
        var ex = Assert.Throws<ArgumentException>(() => VietQrPayload.Build(Order with { BankBin = bin }));
        Assert.Contains("BIN", ex.Message);
    }

    [Theory]
    [InlineData("1023 456 789")]
    [InlineData("1023-456789")]
    [InlineData("")]
    [InlineData("12345678901234567890")] // 20 characters
    [InlineData("Đ123")]
    public void Account_must_be_1_to_19_letters_or_digits(string account)
    {
        var ex = Assert.Throws<ArgumentException>(() => VietQrPayload.Build(Order with { AccountNumber = account }));
        Assert.Contains("account number", ex.Message);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(-125_000L)]
    [InlineData(10_000_000_000_000L)] // 14 digits
    public void Amount_must_be_positive_and_at_most_13_digits(long amount)
    {
        var ex = Assert.Throws<ArgumentException>(() => VietQrPayload.Build(Order with { AmountVnd = amount }));
        Assert.Contains("amount", ex.Message);
    }

    [Theory]
    [InlineData("Thanh toán đơn hàng")]
    [InlineData("đ")]
    [InlineData("OCOP_000069")]
    [InlineData("OCOP#69")]
    [InlineData("   ")]
    [InlineData("Ref 26 chars long 12345678")]
    public void Reference_must_be_at_most_25_plain_ascii_letters_digits_spaces_or_dashes(string reference)
    {
        var ex = Assert.Throws<ArgumentException>(() => VietQrPayload.Build(Order with { Reference = reference }));
        Assert.Contains("reference", ex.Message);
    }

    [Fact]
    public void Null_request_is_refused() =>
        Assert.Throws<ArgumentNullException>(() => VietQrPayload.Build(null!));
}
