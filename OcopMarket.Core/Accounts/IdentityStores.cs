using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Accounts;

public static class IdentityStores
{
    /// <summary>Identity's users and roles live in the app's own database, next to the orders they place.</summary>
    public static IdentityBuilder AddOcopStores(this IdentityBuilder identity) => identity.AddEntityFrameworkStores<OcopDbContext>();
}
