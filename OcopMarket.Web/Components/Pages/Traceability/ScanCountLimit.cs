using System.Threading.RateLimiting;
using OcopMarket.Web.Startup;

namespace OcopMarket.Web.Components.Pages.Traceability;

/// <summary>
/// How many label scans one client (IP address) may add to the counts in a window
/// (<see cref="RateLimitSettings.CountedScansPerIp"/>). Past it the page still opens, and says what it always says,
/// but the scan is not counted: a script reloading one label must not make it look copied.
/// </summary>
public sealed class ScanCountLimit(RateLimitSettings limits, SharedRateLimits shared) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.CountedScansPerIp.Permits,
            Window = limits.CountedScansPerIp.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Takes one counted scan from this client's allowance; false once it is spent for this window.</summary>
    public async Task<bool> TryCountAsync(HttpContext http, CancellationToken ct)
    {
        var client = AbuseLimits.ClientKey(http);
        // Several nodes: one allowance for the client, whichever node its scans reach.
        if (shared.Enabled) return await shared.OverAsync("Scan|" + client, limits.CountedScansPerIp, ct) is null;
        using var lease = _limiter.AttemptAcquire(client);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
