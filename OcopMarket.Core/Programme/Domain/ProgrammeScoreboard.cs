using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Text;

namespace OcopMarket.Core.Programme.Domain;

/// <summary>What the scoreboard needs to know about one verified producer (an OCOP subject on the platform).</summary>
/// <param name="HasPublishedListing">At least one of its products is in the shop.</param>
/// <param name="HasRecentOrder">An order (not cancelled) was placed with it in the last <see cref="ProgrammeScoreboard.SellingWindowDays"/> days.</param>
public sealed record SubjectFacts(int ProducerId, string ProvinceCode, ProducerType Type, bool? IsSme, string? CraftVillage,
    bool HasPublishedListing, bool HasRecentOrder);

/// <summary>Published products with a current certificate, per province and star count.</summary>
public sealed record CertifiedCount(string ProvinceCode, int Stars, int Products);

/// <summary>A product's renewal state (<see cref="CertificateHistory"/>) and its province.</summary>
public sealed record RenewalFacts(string ProvinceCode, RenewalState State);

/// <summary>The platform's own figures for one scope: the whole platform or one province.</summary>
public sealed record ScopeFigures(string Scope, int CertifiedProducts, int FiveStarProducts, int Subjects, int Cooperatives,
    int Smes, int SmeUndeclared, int SellingSubjects, int CraftVillagesListed, int ProductsDue, int ProductsRenewed, int ProductsUpgraded)
{
    public decimal? CooperativeSharePercent => ProgrammeScoreboard.Percent(Cooperatives, Subjects);
    public decimal? SmeSharePercent => ProgrammeScoreboard.Percent(Smes, Subjects);

    /// <summary>Of the products due for re-assessment (first certificate lapsed, or already re-assessed), those re-assessed.</summary>
    public decimal? RenewedSharePercent => ProgrammeScoreboard.Percent(ProductsRenewed + ProductsUpgraded, ProductsDue);

    public decimal? Value(ProgrammeMetric metric) => metric switch
    {
        ProgrammeMetric.CertifiedProducts => CertifiedProducts,
        ProgrammeMetric.FiveStarProducts => FiveStarProducts,
        ProgrammeMetric.CooperativeSharePercent => CooperativeSharePercent,
        ProgrammeMetric.SmeSharePercent => SmeSharePercent,
        ProgrammeMetric.RenewedSharePercent => RenewedSharePercent,
        ProgrammeMetric.Subjects => Subjects,
        ProgrammeMetric.SellingSubjects => SellingSubjects,
        ProgrammeMetric.CraftVillagesListed => CraftVillagesListed,
        _ => null,
    };
}

/// <summary>
/// Adds up the programme's figures from plain facts, for the whole platform and for each province. Pure: the service
/// loads the facts, this decides what counts.
/// </summary>
public static class ProgrammeScoreboard
{
    /// <summary>"Selling here" means an order in this many days (issue: a published listing and an order in the last 90 days).</summary>
    public const int SellingWindowDays = 90;

    public static decimal? Percent(int part, int whole) => whole <= 0 ? null : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);

    public static ScopeFigures Add(string scope, IEnumerable<SubjectFacts> subjects, IEnumerable<CertifiedCount> certified,
        IEnumerable<RenewalFacts> renewals)
    {
        var s = subjects.ToList();
        var c = certified.ToList();
        var r = renewals.ToList();
        return new ScopeFigures(
            scope,
            CertifiedProducts: c.Where(x => x.Stars >= 3).Sum(x => x.Products),
            FiveStarProducts: c.Where(x => x.Stars == 5).Sum(x => x.Products),
            Subjects: s.Count,
            Cooperatives: s.Count(x => x.Type == ProducerType.Cooperative),
            Smes: s.Count(x => x.Type == ProducerType.Company && x.IsSme == true),
            SmeUndeclared: s.Count(x => x.Type == ProducerType.Company && x.IsSme is null),
            SellingSubjects: s.Count(x => x.HasPublishedListing && x.HasRecentOrder),
            CraftVillagesListed: CraftVillagesListed(s),
            ProductsDue: r.Count(x => x.State != RenewalState.NotDue),
            ProductsRenewed: r.Count(x => x.State == RenewalState.Renewed),
            ProductsUpgraded: r.Count(x => x.State == RenewalState.Upgraded));
    }

    /// <summary>
    /// Craft villages with a listed product: producers write the village's name themselves, so names are compared
    /// folded (no diacritics, case or extra spaces) within a province, and "Làng nghề" / "làng" prefixes are ignored.
    /// </summary>
    public static int CraftVillagesListed(IEnumerable<SubjectFacts> subjects) => subjects
        .Where(x => x.HasPublishedListing && !string.IsNullOrWhiteSpace(x.CraftVillage))
        .Select(x => (x.ProvinceCode, VillageKey(x.CraftVillage!)))
        .Where(x => x.Item2.Length > 0)
        .Distinct()
        .Count();

    public static string VillageKey(string name)
    {
        var folded = string.Join(' ', VietnameseText.Fold(name).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        foreach (var prefix in (string[])["lang nghe truyen thong ", "lang nghe ", "lang "])
            if (folded.StartsWith(prefix, StringComparison.Ordinal)) return folded[prefix.Length..];
        return folded;
    }

    /// <summary>Provinces where at least one verified producer has a product in the shop.</summary>
    public static int ProvincesSelling(IEnumerable<SubjectFacts> subjects) =>
        subjects.Where(x => x.HasPublishedListing).Select(x => x.ProvinceCode).Distinct().Count();
}
