namespace OcopMarket.Core.Traceability.Domain;

/// <summary>
/// How often one unit's label has been scanned. Rows are written in batches by the scan counter, off the page's
/// request path, by an upsert that adds to the count.
/// </summary>
public sealed class SerialScan
{
    private SerialScan() { }

    public int LotId { get; private set; }
    public int SerialNumber { get; private set; }
    public long Count { get; private set; }
    public DateTime FirstScannedAt { get; private set; }
    public DateTime LastScannedAt { get; private set; }
}

/// <summary>A server-side secret generated on first start and kept in the database (the unit serials' key).</summary>
public sealed class ServerSecret
{
    private ServerSecret() { }

    public ServerSecret(string name, string value)
    {
        Name = name;
        Value = value;
    }

    public string Name { get; private set; } = "";
    public string Value { get; private set; } = "";
}

/// <summary>
/// A lot's engagement on one Vietnamese calendar day: unit labels scanned, and "buy" taps on its trace pages. Written by
/// the scan counter's batches with an additive upsert, like <see cref="SerialScan"/>, for the producer's dashboard.
/// </summary>
public sealed class LotEngagementDay
{
    private LotEngagementDay() { }

    public int LotId { get; private set; }
    public DateOnly Day { get; private set; }
    public long Scans { get; private set; }
    public long BuyClicks { get; private set; }
}
