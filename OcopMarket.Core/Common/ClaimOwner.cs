namespace OcopMarket.Core.Common;

/// <summary>
/// Who holds a claimed row (an outbox email, a webhook delivery): machine, process and instance, so one sender's
/// claims are told from another node's, or from another sender's in the same process (tests), and a stuck row says
/// where it was taken.
/// </summary>
public static class ClaimOwner
{
    /// <returns>A new owner id, cut from the left to fit a column of <paramref name="maxLength"/>.</returns>
    public static string NewId(int maxLength)
    {
        var id = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        return id.Length > maxLength ? id[^maxLength..] : id;
    }
}
