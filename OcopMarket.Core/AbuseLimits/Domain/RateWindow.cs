namespace OcopMarket.Core.AbuseLimits.Domain;

/// <summary>
/// One fixed window of one limit for one client or account, shared by every web node: how many requests it has
/// counted and when it ends. The key is a hash (see RateWindowCounter.Hash), never the address or email.
/// </summary>
public sealed class RateWindow
{
    public string Key { get; private set; } = "";

    /// <summary>When the window ends, in Unix milliseconds (a number compares the same way on both providers).</summary>
    public long EndsAtMs { get; private set; }

    public int Count { get; private set; }
}
