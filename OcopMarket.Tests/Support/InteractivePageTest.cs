using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OcopMarket.Core.Accounts;
using OcopMarket.Web.Components.Account;

namespace OcopMarket.Tests.Support;

/// <summary>
/// A portal or admin page rendered by bUnit over real services on SQLite: the seeded database with the portal's test
/// accounts, MudBlazor's services, and a signed-in person as <see cref="CurrentActor"/> sees them.
/// </summary>
public abstract class InteractivePageTest : BunitContext, IAsyncLifetime
{
    protected TestDatabase Db { get; private set; } = null!;
    protected Actor HaoDat { get; private set; } = null!;
    protected Actor VanHuong { get; private set; } = null!;
    protected Actor Officer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync();
        (HaoDat, VanHuong, Officer, _) = await PortalTestData.CreateActorsAsync(Db);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(new AccountDirectory(Db));
        Services.AddScoped<CurrentActor>();
        await SetUpAsync();
    }

    /// <summary>The test's own data and the services its page needs.</summary>
    protected abstract Task SetUpAsync();

    /// <summary>Signs in as the actor; an officer's session carries the second factor, as officers must.</summary>
    protected void SignInAs(Actor actor, string role)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(actor.UserId);
        auth.SetRoles(role);
        Claim[] claims = role == Roles.Admin
            ? [new(ClaimTypes.NameIdentifier, actor.UserId), new(SecondFactor.ClaimType, SecondFactor.ClaimValue)]
            : [new(ClaimTypes.NameIdentifier, actor.UserId)];
        auth.SetClaims(claims); // after SetRoles, which rebuilds the claims
    }

    /// <summary>The seeded tea with this much stock: its id and price.</summary>
    protected async Task<(int Id, long PriceVnd)> TeaInStockAsync(int stock)
    {
        await using var db = Db.CreateDbContext();
        var tea = await db.Products.SingleAsync(x => x.Slug == "che-dinh-tan-cuong");
        tea.SetStock(stock);
        await db.SaveChangesAsync();
        return (tea.Id, tea.PriceVnd);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        // MudBlazor's services only dispose asynchronously; xunit v2 would otherwise call the synchronous Dispose.
        await DisposeAsync();
        await Db.DisposeAsync();
    }
}
