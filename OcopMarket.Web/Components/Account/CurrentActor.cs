using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using OcopMarket.Core.Accounts;

namespace OcopMarket.Web.Components.Account;

/// <summary>
/// The signed-in user as Core services expect them. The producer link is read from the database, not the
/// cookie, so a revoked or changed link takes effect at once. An officer counts as one only in a session that passed
/// a second factor.
/// </summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication, AccountDirectory accounts)
{
    public async Task<Actor?> GetAsync()
    {
        var principal = (await authentication.GetAuthenticationStateAsync()).User;
        return await FromPrincipalAsync(principal, accounts);
    }

    public static async Task<Actor?> FromPrincipalAsync(ClaimsPrincipal principal, AccountDirectory accounts)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        return userId is null ? null : await accounts.ActorAsync(userId, principal.IsInRole(Roles.Admin) && SecondFactor.WasProved(principal));
    }
}
