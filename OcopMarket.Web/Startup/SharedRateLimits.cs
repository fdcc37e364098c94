using OcopMarket.Core.AbuseLimits;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Web.Startup;

/// <summary>
/// The limits counted in the database, for several web nodes (<see cref="RateLimitSettings.Store"/>): the form
/// limits, the sign-in throttle and the counted scans then hold across nodes, as the account lockout always did.
/// With the memory store this is off and each of those uses its in-process counter.
/// </summary>
public sealed class SharedRateLimits(RateLimitSettings limits, DatabaseConnection database, RateWindowCounter counter)
{
    public bool Enabled { get; } = limits.Store == RateLimitStore.Database
        || (limits.Store == RateLimitStore.Auto && database.Provider == DatabaseProvider.PostgreSql);

    /// <summary>Counts one request against <paramref name="limit"/>; how long to wait when it is over, else null.</summary>
    public async Task<TimeSpan?> OverAsync(string key, RateLimit limit, CancellationToken ct)
    {
        var hit = await counter.HitAsync(key, limit.Window, ct);
        return hit.Count > limit.Permits ? hit.EndsIn : null;
    }

    /// <summary>Whether <paramref name="key"/> has used up <paramref name="permits"/> in its current window, counting nothing.</summary>
    public async Task<bool> SpentAsync(string key, int permits, CancellationToken ct) => await counter.CountAsync(key, ct) >= permits;

    /// <summary>Counts one event (a failed sign-in) without refusing anything.</summary>
    public Task CountAsync(string key, TimeSpan window, CancellationToken ct) => counter.HitAsync(key, window, ct);
}
