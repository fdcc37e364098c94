using OcopMarket.Core.PublicPages.Domain;

namespace OcopMarket.Core.Catalog.Domain;

/// <summary>Who certified the rating: provinces certify 3–4★, the central level 5★; older certificates may say district.</summary>
public enum CertifyingLevel
{
    Province = 1,
    Central = 2,
    District = 3,
}

public enum CertificateStatus
{
    Current = 1,
    Lapsed = 2,

    /// <summary>The source gives no issue date, so validity cannot be shown; never displayed as current.</summary>
    Unknown = 3,
}

/// <summary>
/// An OCOP certificate: 3–5 stars, valid 36 months from issue. A lapsed certificate must be shown as
/// lapsed, never as current stars, so everything that displays or filters stars asks <see cref="StatusOn"/>.
/// </summary>
public sealed class OcopCertificate : IShownOnPublicPages
{
    /// <summary>Stars and validity are on the product's page and cards, and on its lots' pages.</summary>
    public IEnumerable<string> PagesShowing(bool isNew) => [PageTags.Listings, PageTags.Product(ProductId)];

    public const int ValidityMonths = 36;
    public const int MinimumCertifiedStars = 3;

    private OcopCertificate() { }

    public OcopCertificate(int stars, string? number, CertifyingLevel level, DateOnly? issuedOn, bool issueDateIsYearOnly = false)
    {
        if (stars is < MinimumCertifiedStars or > 5)
            throw new ArgumentOutOfRangeException(nameof(stars), stars, "An OCOP certificate carries 3 to 5 stars.");
        if (stars == 5 && level != CertifyingLevel.Central)
            throw new ArgumentException("5★ is certified at the central level only.", nameof(level));
        if (stars < 5 && level == CertifyingLevel.Central)
            throw new ArgumentException("The central level certifies 5★ only.", nameof(level));
        Stars = stars;
        Number = string.IsNullOrWhiteSpace(number) ? null : number.Trim();
        Level = level;
        IssuedOn = issuedOn;
        IssueDateIsYearOnly = issuedOn is not null && issueDateIsYearOnly;
    }

    public int Id { get; private set; }
    public int ProductId { get; private set; }
    public int Stars { get; private set; }

    /// <summary>Certificate or decision number as printed ("86/QĐ-UBND"); null when the source gives none.</summary>
    public string? Number { get; private set; }

    public CertifyingLevel Level { get; private set; }
    /// <summary>Null when the certifying source gives neither date nor year.</summary>
    public DateOnly? IssuedOn { get; private set; }

    /// <summary>
    /// True when only the year is known. <see cref="IssuedOn"/> is then 1 January of that year, the earliest
    /// possible date, so the computed validity never claims more than the certificate can give.
    /// </summary>
    public bool IssueDateIsYearOnly { get; private set; }

    public bool IsVerifiedByProgram { get; private set; }

    /// <summary>Media-store path of the producer's scan of the certificate (image or PDF), if uploaded.</summary>
    public string? ScanPath { get; private set; }

    public void AttachScan(string scanPath) => ScanPath = scanPath;

    public DateOnly? ValidUntil => IssuedOn?.AddMonths(ValidityMonths);

    public CertificateStatus StatusOn(DateOnly today) => StatusFor(ValidUntil, today);

    /// <summary>The one rule for validity, also used where only the end date was loaded.</summary>
    public static CertificateStatus StatusFor(DateOnly? validUntil, DateOnly today) => validUntil switch
    {
        null => CertificateStatus.Unknown,
        { } until when today < until => CertificateStatus.Current,
        _ => CertificateStatus.Lapsed,
    };

    public void MarkVerified() => IsVerifiedByProgram = true;
}
