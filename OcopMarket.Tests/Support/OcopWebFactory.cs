using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Support;

/// <summary>
/// The whole web app over its own SQLite file (migrated and seeded at start-up, as in production),
/// with a fake clock so certificate validity in assertions does not drift with the calendar, and so the background
/// workers (order expiry, outbox, scan flush) run only when a test moves time on, never at random moments of
/// another test.
/// </summary>
public class OcopWebFactory : WebApplicationFactory<Program>
{
    private readonly DatabaseConnection _database;
    private readonly bool _ownsDatabase;

    /// <summary>
    /// The app on a database of its own: a SQLite file, or with <c>OCOP_TEST_APP_PROVIDER=PostgreSql</c> a database on
    /// the PostgreSQL test server, so the whole HTTP, component and browser suite can be run on either provider
    /// (.ci/run runs it on both).
    /// </summary>
    public OcopWebFactory() : this(SharedTestDatabase.CreateAsync(AppProvider).GetAwaiter().GetResult(), ownsDatabase: true) { }

    public const string AppProviderVariable = "OCOP_TEST_APP_PROVIDER";

    /// <summary>The provider apps made by the tests run on, unless a test names its own database.</summary>
    public static DatabaseProvider AppProvider =>
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable(AppProviderVariable), ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;

    /// <param name="databasePath">The SQLite file the app runs on.</param>
    /// <param name="ownsDatabase">Delete the file when the factory is disposed; false for a database that outlives it
    /// (several instances on one database, or one restarted).</param>
    protected OcopWebFactory(string databasePath, bool ownsDatabase)
        : this(new DatabaseConnection(DatabaseProvider.Sqlite, $"Data Source={databasePath};Pooling=False"), ownsDatabase) { }

    /// <param name="database">The database the app runs on, either provider (<see cref="SharedTestDatabase"/>).</param>
    /// <param name="ownsDatabase">Delete it when the factory is disposed.</param>
    protected OcopWebFactory(DatabaseConnection database, bool ownsDatabase)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
    }

    /// <summary>
    /// The app's clock and the source of its workers' timers: it stands at <see cref="FakeClock.DefaultNow"/> until a
    /// test moves it. <c>Advance</c> fires every timer that falls due (so the workers run, as they would in that
    /// time); <c>AdjustTime</c> moves the time alone, leaving the timers as far from firing as they were.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(FakeClock.DefaultNow);

    /// <summary>The TimeProvider the app is given: <see cref="Clock"/> itself, timers included, unless overridden.</summary>
    protected virtual TimeProvider AppTimeProvider => Clock;

    /// <summary>A fake Stripe the app takes card payments through; null leaves cards off, as an app without Stripe keys.</summary>
    protected FakeStripeApi? StripeApi { get; set; }

    /// <summary>Where the app writes its emails (.eml files): tests read password-reset links from here.</summary>
    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), $"ocop-mail-{Guid.NewGuid():N}");

    /// <summary>Settings of this app instance beyond the test defaults (set before its first client).</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>Where uploaded photos go in this test run.</summary>
    public string MediaDirectory { get; } = Path.Combine(Path.GetTempPath(), $"ocop-media-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", _database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Ocop", _database.ConnectionString);
        builder.UseSetting("Email:PickupDirectory", MailDirectory);
        builder.UseSetting("Media:Root", MediaDirectory);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        if (StripeApi is { } stripe)
        {
            builder.UseSetting("Stripe:SecretKey", FakeStripeApi.SecretKey);
            builder.UseSetting("Stripe:WebhookSecret", FakeStripeApi.WebhookSecret);
            builder.UseSetting("Stripe:ApiBase", stripe.ApiBase);
        }
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(AppTimeProvider);
            services.AddSingleton<IStartupFilter, TestClientIp>();
        });
    }

    /// <summary>The header a test request names its made-up client IP address in (the app sees it as the connection's).</summary>
    public const string ClientIpHeader = "X-Test-Client-Ip";

    /// <summary>
    /// Each client the factory creates is its own machine with its own IP address, as browsers are in life: the abuse
    /// limits (per IP) then hold each test's browser to what one person does, and tests never share an allowance.
    /// </summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add(ClientIpHeader, NewClientIp());
    }

    /// <summary>A fresh made-up address in 10.0.0.0/8, unlike any other client's.</summary>
    public static string NewClientIp()
    {
        var bytes = Guid.NewGuid().ToByteArray();
        return new System.Net.IPAddress([10, bytes[0], bytes[1], bytes[2]]).ToString();
    }

    /// <summary>Sets the connection's remote IP from <see cref="ClientIpHeader"/>, ahead of the whole pipeline.</summary>
    private sealed class TestClientIp : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext http, RequestDelegate nextMiddleware) =>
            {
                if (System.Net.IPAddress.TryParse(http.Request.Headers[ClientIpHeader], out var ip)) http.Connection.RemoteIpAddress = ip;
                return nextMiddleware(http);
            });
            next(app);
        };
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_ownsDatabase) SharedTestDatabase.Delete(_database);
        foreach (var dir in new[] { MailDirectory, MediaDirectory })
        {
            try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); } catch (IOException) { /* best effort */ }
        }
    }
}

/// <summary>The app with card payments on, through a fake Stripe on a loopback port that lives as long as it does.</summary>
public sealed class StripeWebFactory : OcopWebFactory, IAsyncLifetime
{
    public FakeStripeApi Stripe => StripeApi ?? throw new InvalidOperationException("The fake Stripe starts in InitializeAsync.");

    public async Task InitializeAsync()
    {
        StripeApi = await FakeStripeApi.StartAsync();
        // Stripe checks a session's expires_at against its own "now", which in a test is the shop's clock.
        StripeApi.Clock = () => Clock.GetUtcNow();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (StripeApi is not null) await StripeApi.DisposeAsync();
    }
}

/// <summary>
/// The same app on a real loopback port, for a real browser. Its time is the fake clock's, but its timers are the
/// machine's: the pages wait on TimeProvider timers in real time as a person types (MudBlazor's debounced search
/// fields), and a clock that stands still would never let them fire. The workers then tick in real time too.
/// </summary>
public sealed class OcopKestrelFactory : OcopWebFactory
{
    private TimeProvider? _appTimeProvider;

    protected override TimeProvider AppTimeProvider => _appTimeProvider ??= new FakeNowRealTimers(Clock);

    public OcopKestrelFactory(FakeStripeApi? stripe = null)
    {
        StripeApi = stripe;
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        RootUri = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)));
    }

    public Uri RootUri { get; }
}

/// <summary>Another clock's time with the machine's timers and stopwatch (TimeProvider's own).</summary>
internal sealed class FakeNowRealTimers(TimeProvider now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.GetUtcNow();
}
