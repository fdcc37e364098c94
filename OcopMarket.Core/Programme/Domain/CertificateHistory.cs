using OcopMarket.Core.Catalog.Domain;

namespace OcopMarket.Core.Programme.Domain;

public enum RenewalState
{
    /// <summary>Its first certificate is still current: nothing to renew yet.</summary>
    NotDue = 0,

    /// <summary>Its first certificate lapsed and no later one was issued.</summary>
    Lapsed = 1,

    /// <summary>Re-assessed after its first certificate, at the same stars or fewer.</summary>
    Renewed = 2,

    /// <summary>Re-assessed with more stars than its first certificate.</summary>
    Upgraded = 3,
}

/// <summary>
/// Reads a product's certificate history: an OCOP certificate is valid 36 months, after which the product is assessed
/// again (renewed) or lapses; an upgrade is a later assessment with more stars. Certificates without an issue date say
/// nothing about when they came, so they are left out.
/// </summary>
public static class CertificateHistory
{
    public static RenewalState Classify(IEnumerable<(int Stars, DateOnly? IssuedOn)> certificates, DateOnly today)
    {
        var dated = certificates.Where(c => c.IssuedOn is not null).OrderBy(c => c.IssuedOn).ToList();
        if (dated.Count == 0) return RenewalState.NotDue;
        var first = dated[0];
        var later = dated.Skip(1).Where(c => c.IssuedOn > first.IssuedOn).ToList();
        if (later.Count > 0) return later.Any(c => c.Stars > first.Stars) ? RenewalState.Upgraded : RenewalState.Renewed;
        return OcopCertificate.StatusFor(first.IssuedOn!.Value.AddMonths(OcopCertificate.ValidityMonths), today) == CertificateStatus.Lapsed
            ? RenewalState.Lapsed
            : RenewalState.NotDue;
    }
}
