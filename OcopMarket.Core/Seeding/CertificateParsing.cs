using System.Text.RegularExpressions;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Text;

namespace OcopMarket.Core.Seeding;

/// <summary>Turns the free-text decision of the reference data into a certificate.</summary>
public static partial class CertificateParsing
{
    [GeneratedRegex(@"(?<d>\d{1,2})/(?<m>\d{1,2})/(?<y>(19|20)\d{2})")]
    private static partial Regex DatePattern();

    public static OcopCertificate FromDecision(int stars, string? decision, int? year)
    {
        var folded = VietnameseText.Fold(decision);
        var level = stars == 5 ? CertifyingLevel.Central
            : folded.Contains("huyen") ? CertifyingLevel.District
            : CertifyingLevel.Province;

        DateOnly? issuedOn = null;
        var yearOnly = false;
        var match = decision is null ? null : DatePattern().Match(decision);
        if (match is { Success: true }
            && DateOnly.TryParse($"{match.Groups["y"].Value}-{match.Groups["m"].Value}-{match.Groups["d"].Value}",
                System.Globalization.CultureInfo.InvariantCulture, out var exact)
            && (year is null || Math.Abs(exact.Year - year.Value) <= 1))
        {
            issuedOn = exact;
        }
        else if (year is { } y)
        {
            issuedOn = new DateOnly(y, 1, 1);
            yearOnly = true;
        }

        return new OcopCertificate(stars, decision, level, issuedOn, yearOnly);
    }
}
