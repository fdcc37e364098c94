namespace OcopMarket.Core.Programme.Domain;

/// <summary>
/// The platform's figures as they stood in a month: one row per month, scope (the whole platform or one province) and
/// metric. Taken once a month by whichever node gets there first (the unique key is the claim), so the dashboard can
/// show a trend; figures are never back-filled, since the platform did not exist before its first snapshot.
/// </summary>
public sealed class ProgrammeSnapshot
{
    /// <summary>The scope of the whole platform (a province's scope is its code).</summary>
    public const string WholePlatform = "";

    private ProgrammeSnapshot() { }

    public ProgrammeSnapshot(DateOnly month, string scope, ProgrammeMetric metric, decimal value, DateTime takenAt)
    {
        Month = new DateOnly(month.Year, month.Month, 1);
        Scope = scope;
        Metric = metric;
        Value = value;
        TakenAt = takenAt;
    }

    public int Id { get; private set; }

    /// <summary>First day of the month the snapshot stands for.</summary>
    public DateOnly Month { get; private set; }

    public string Scope { get; private set; } = WholePlatform;
    public ProgrammeMetric Metric { get; private set; }
    public decimal Value { get; private set; }
    public DateTime TakenAt { get; private set; }
}
