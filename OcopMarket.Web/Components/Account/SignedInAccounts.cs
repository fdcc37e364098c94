using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using OcopMarket.Core.Accounts;

namespace OcopMarket.Web.Components.Account;

/// <summary>
/// Makes a deleted account's sign-in cookie dead at once. Identity re-reads the account (its security stamp) only
/// every 30 minutes; in between, a cookie copied before the deletion would still sign its holder in. So every signed-in
/// request also checks that the account exists, remembered for <see cref="Remember"/> per node: the node that deleted
/// the account forgets it at once (<see cref="Forget"/>), another node within that time.
/// </summary>
public sealed class SignedInAccounts(AccountDirectory accounts, TimeProvider clock)
{
    public static readonly TimeSpan Remember = TimeSpan.FromSeconds(30);
    private const int MaxRemembered = 50_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _alive = new(StringComparer.Ordinal);

    public async Task<bool> ExistsAsync(string userId)
    {
        var now = clock.GetUtcNow();
        if (_alive.TryGetValue(userId, out var until) && until > now) return true;
        if (!await accounts.ExistsAsync(userId)) return false;
        if (_alive.Count >= MaxRemembered) _alive.Clear();
        _alive[userId] = now + Remember;
        return true;
    }

    public void Forget(string userId) => _alive.TryRemove(userId, out _);

    /// <summary>Runs after Identity's own validation of the application cookie.</summary>
    public static void AddTo(CookieAuthenticationOptions options)
    {
        var identity = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            await identity(context);
            if (context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return;
            var alive = context.HttpContext.RequestServices.GetRequiredService<SignedInAccounts>();
            if (await alive.ExistsAsync(userId)) return;
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        };
    }
}
