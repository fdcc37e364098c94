using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Seeding;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Accounts;

/// <summary>
/// The cookie keys live in the database: a sign-in made by one instance of the app is honoured by another on the
/// same database, and by the same app after a restart; an app on another database cannot read it.
/// </summary>
public sealed class DataProtectionKeysTests : IDisposable
{
    private readonly DatabaseConnection _database = SharedTestDatabase.CreateAsync(OcopWebFactory.AppProvider).GetAwaiter().GetResult();

    /// <summary>An instance of the app on the test's database, which outlives it.</summary>
    private sealed class InstanceOnDatabase(DatabaseConnection database) : OcopWebFactory(database, ownsDatabase: false);

    /// <summary>A client without redirects whose cookies live in <paramref name="jar"/>, shared across instances.</summary>
    private static HttpClient BrowserWith(OcopWebFactory app, CookieContainer jar) =>
        app.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(jar));

    private static async Task<CookieContainer> SignedInProducerAsync(OcopWebFactory app)
    {
        var jar = new CookieContainer();
        var response = await AccountHttpTests.SignInAsync(BrowserWith(app, jar), "haodat@ocopmarket.test", AccountSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/portal", AccountHttpTests.Target(response).AbsoluteUri);
        return jar;
    }

    private static async Task AssertInThePortalAsync(OcopWebFactory app, CookieContainer jar)
    {
        var portal = await BrowserWith(app, jar).GetAsync("/portal");
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
        Assert.Contains("Hợp tác xã chè Hảo Đạt", await portal.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_sign_in_made_by_one_instance_is_accepted_by_another_on_the_same_database()
    {
        using var first = new InstanceOnDatabase(_database);
        var jar = await SignedInProducerAsync(first);
        using var second = new InstanceOnDatabase(_database);
        await AssertInThePortalAsync(second, jar);
    }

    [Fact]
    public async Task A_sign_in_survives_a_restart()
    {
        CookieContainer jar;
        using (var beforeRestart = new InstanceOnDatabase(_database))
        {
            jar = await SignedInProducerAsync(beforeRestart);
        }
        using var afterRestart = new InstanceOnDatabase(_database);
        await AssertInThePortalAsync(afterRestart, jar);
    }

    [Fact]
    public async Task An_app_on_another_database_has_other_keys_and_does_not_accept_the_sign_in()
    {
        using var first = new InstanceOnDatabase(_database);
        var jar = await SignedInProducerAsync(first);
        // Same machine, same user profile, same application name: only the database differs.
        using var elsewhere = new OcopWebFactory();
        var portal = await BrowserWith(elsewhere, jar).GetAsync("/portal");
        Assert.Equal(HttpStatusCode.Redirect, portal.StatusCode);
        Assert.Contains("/Account/Login", portal.Headers.Location!.OriginalString);
    }

    public void Dispose() => SharedTestDatabase.Delete(_database);
}
