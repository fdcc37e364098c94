using System.Threading.RateLimiting;
using OcopMarket.Web.Startup;

namespace OcopMarket.Web.Components.Pages.Traceability;

/// <summary>
/// How many label scans one client (IP address) may add to the counts in a window
/// (<see cref="RateLimitSettings.CountedScansPerIp"/>). Past it the page still opens, and says what it always says,
/// but the scan is not counted: a script reloading one label must not make it look copied.
/// </summary>
public sealed class ScanCountLimit(RateLimitSettings limits) : IDisposable
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
    public bool TryCount(HttpContext http)
    {
        using var lease = _limiter.AttemptAcquire(AbuseLimits.ClientKey(http));
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
