using System.Collections.Concurrent;
using OcopMarket.Core.Legal;
using OcopMarket.Web.Components.Account;

namespace OcopMarket.Web.Components.Pages.Legal;

/// <summary>
/// Whether a signed-in account has terms to accept again, for the notice every signed-in page shows. "Nothing due" is
/// remembered for <see cref="SignedInAccounts.Remember"/> per node (it turns into "due" only when a new version of a
/// document ships, with a new build), so a person clicking through the store costs one query every 30 s instead of
/// one per page. "Due" is never remembered: accepting on any node ends the notice on the next page everywhere.
/// </summary>
public sealed class RenewalChecks(ConsentService consents, TimeProvider clock)
{
    private const int MaxRemembered = 100_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _upToDateUntil = new(StringComparer.Ordinal);

    public async Task<bool> AnyDueAsync(string userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (_upToDateUntil.TryGetValue(userId, out var until) && until > now) return false;
        if ((await consents.RenewalsDueAsync(userId, ct)).Count > 0) return true;
        if (_upToDateUntil.Count >= MaxRemembered) _upToDateUntil.Clear();
        _upToDateUntil[userId] = now + SignedInAccounts.Remember;
        return false;
    }
}
