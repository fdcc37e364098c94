using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace OcopMarket.Core.VietQr;

/// <summary>
/// Builds and reads the text of a VietQR (NAPAS 247) bank-transfer code: EMVCo merchant-presented
/// QR data objects, each "ID (2 digits) + length (2 digits) + value", closed by a CRC-16 in field 63.
/// </summary>
public static class VietQrPayload
{
    // NAPAS's globally unique identifier for VietQR, in field 38 sub-field 00.
    private const string NapasGuid = "A000000727";
    // Service code "inter-bank fund transfer 24/7 to account" (QRIBFTTC would be to a card number).
    private const string TransferToAccount = "QRIBFTTA";
    private const string CurrencyVnd = "704"; // ISO 4217
    private const string CountryVn = "VN";
    private const long MaxAmount = 9_999_999_999_999; // field 54 holds at most 13 characters
    private const int MaxReferenceLength = 25;
    private const int MaxAccountLength = 19;

    /// <summary>The payload for the request; throws <see cref="ArgumentException"/> on invalid input.</summary>
    public static string Build(VietQrRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);

        var beneficiary = Tlv("00", request.BankBin) + Tlv("01", request.AccountNumber);
        var merchantAccount = Tlv("00", NapasGuid) + Tlv("01", beneficiary) + Tlv("02", TransferToAccount);

        var sb = new StringBuilder();
        sb.Append(Tlv("00", "01"));
        // 12 = dynamic (one payment of a fixed amount), 11 = static (reusable, payer enters the amount).
        sb.Append(Tlv("01", request.AmountVnd is null ? "11" : "12"));
        sb.Append(Tlv("38", merchantAccount));
        sb.Append(Tlv("53", CurrencyVnd));
        if (request.AmountVnd is { } amount)
            sb.Append(Tlv("54", amount.ToString(CultureInfo.InvariantCulture)));
        sb.Append(Tlv("58", CountryVn));
        if (!string.IsNullOrEmpty(request.Reference))
            sb.Append(Tlv("62", Tlv("08", request.Reference))); // 08 = purpose of transaction
        // The CRC covers everything before it, including its own ID and length "6304".
        sb.Append("6304");
        sb.Append(Crc16Ccitt.Compute(sb.ToString()));
        return sb.ToString();
    }

    /// <summary>
    /// Reads a VietQR transfer-to-account payload back. False when the CRC does not match, the
    /// data objects are malformed, or it is not a NAPAS QRIBFTTA code in VND. Fields it does not
    /// use (merchant category, name, bill number, ...) are skipped; values are not re-validated
    /// against <see cref="Build"/>'s stricter rules.
    /// </summary>
    public static bool TryParse(string? payload, [NotNullWhen(true)] out VietQrRequest? request)
    {
        request = null;
        // The last 8 characters must be the CRC field "6304XXXX".
        if (payload is null || payload.Length < 8)
            return false;
        var body = payload[..^4];
        var crc = payload[^4..];
        if (!body.EndsWith("6304", StringComparison.Ordinal) || crc != Crc16Ccitt.Compute(body))
            return false;

        if (!TryReadObjects(body[..^4], out var top)
            || top.GetValueOrDefault("00") != "01"
            || top.GetValueOrDefault("53") != CurrencyVnd
            || top.GetValueOrDefault("58") != CountryVn
            || !top.TryGetValue("38", out var merchantAccount)
            || !TryReadObjects(merchantAccount, out var mai)
            || mai.GetValueOrDefault("00") != NapasGuid
            || mai.GetValueOrDefault("02") != TransferToAccount
            || !mai.TryGetValue("01", out var beneficiaryText)
            || !TryReadObjects(beneficiaryText, out var beneficiary)
            || !beneficiary.TryGetValue("00", out var bin)
            || !beneficiary.TryGetValue("01", out var account))
            return false;

        long? amount = null;
        if (top.TryGetValue("54", out var amountText))
        {
            // VND has no minor unit, so a valid amount is digits only.
            if (!long.TryParse(amountText, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                return false;
            amount = value;
        }

        string? reference = null;
        if (top.TryGetValue("62", out var additional))
        {
            if (!TryReadObjects(additional, out var extra))
                return false;
            reference = extra.GetValueOrDefault("08");
        }

        request = new VietQrRequest(bin, account, amount, reference);
        return true;
    }

    private static void Validate(VietQrRequest request)
    {
        if (request.BankBin is not { Length: 6 } bin || !bin.All(char.IsAsciiDigit))
            throw new ArgumentException(
                $"The bank BIN must be exactly 6 digits (e.g. 970436), not '{request.BankBin}'.", nameof(request));

        var account = request.AccountNumber;
        if (string.IsNullOrEmpty(account) || account.Length > MaxAccountLength || !account.All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException(
                $"The account number must be 1–{MaxAccountLength} letters or digits with no spaces or punctuation, not '{account}'.",
                nameof(request));

        if (request.AmountVnd is <= 0 or > MaxAmount)
            throw new ArgumentException(
                $"The amount must be a positive whole number of đồng of at most 13 digits, not {request.AmountVnd}.",
                nameof(request));

        if (request.Reference is { Length: > 0 } reference)
        {
            if (reference.Length > MaxReferenceLength)
                throw new ArgumentException(
                    $"The transfer reference must be at most {MaxReferenceLength} characters, not {reference.Length}.",
                    nameof(request));
            // Plain ASCII only: bank apps differ in how (or whether) they show other characters,
            // and EMVCo lengths count characters while the CRC counts UTF-8 bytes.
            if (!reference.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-') || string.IsNullOrWhiteSpace(reference))
                throw new ArgumentException(
                    $"The transfer reference may only use unaccented letters A–Z, digits, spaces and '-' " +
                    $"(write 'd' for 'đ' and drop diacritics), not '{reference}'.",
                    nameof(request));
        }
    }

    private static string Tlv(string id, string value)
    {
        // Lengths are two digits; Validate keeps every field we emit well below this.
        if (value.Length > 99)
            throw new ArgumentException($"VietQR field {id} would be {value.Length} characters; the maximum is 99.");
        return id + value.Length.ToString("D2", CultureInfo.InvariantCulture) + value;
    }

    /// <summary>Splits "ID LL value ID LL value ..." into a map; false if malformed or an ID repeats.</summary>
    private static bool TryReadObjects(string text, out Dictionary<string, string> objects)
    {
        objects = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            if (i + 4 > text.Length || text.AsSpan(i, 4).ContainsAnyExceptInRange('0', '9'))
                return false;
            var id = text.Substring(i, 2);
            var length = int.Parse(text.AsSpan(i + 2, 2), CultureInfo.InvariantCulture);
            i += 4;
            if (i + length > text.Length || !objects.TryAdd(id, text.Substring(i, length)))
                return false;
            i += length;
        }
        return true;
    }
}
