using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.PublicPages;
using OcopMarket.Core.Seeding;

namespace OcopMarket.Tests.Support;

/// <summary>
/// A real database for one test, on either provider, built by the committed migrations exactly as at start-up.
/// <list type="bullet">
/// <item>SQLite: in memory. One connection stays open for the life of the test so the database lives as long as it
/// does; each DbContext opens a connection of its own to the same named shared-cache database, as the app's contexts
/// do, so background work (the catalog cache's rebuilds) never shares a connection with a request.</item>
/// <item>PostgreSQL: a database of its own on the test server (<see cref="PostgreSqlTestServer"/>), copied from a
/// template migrated (and seeded) once per run, and dropped at the end. Skipped when no server is configured.</item>
/// </list>
/// </summary>
public sealed class TestDatabase : IDbContextFactory<OcopDbContext>, IAsyncDisposable
{
    private readonly SqliteConnection? _keepAlive;
    private readonly Func<OcopDbContext> _create;

    private TestDatabase(FakeClock clock, DatabaseProvider provider, string connectionString)
    {
        Clock = clock;
        Provider = provider;
        ConnectionString = connectionString;
        Cache = new CatalogCache(clock);
        var interceptors = new Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[]
        {
            new CatalogCacheInvalidator(Cache), new OrderEventOutbox(new OrderNotifications(FixedOrderLinks.Localhost)),
            new PageChangeRecorder(PageChanges, clock), new ProductChangeStamp(clock), new OcopMarket.Core.Sales.SalesDeltaRecorder(),
            new OcopMarket.Core.Webhooks.WebhookQueue(clock), new OcopMarket.Core.Reviews.ReviewInvitationQueue(() => ReviewLinks),
        };
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                _keepAlive = new SqliteConnection(connectionString);
                _keepAlive.Open();
                var sqlite = new DbContextOptionsBuilder<SqliteOcopDbContext>().UseSqlite(connectionString)
                    .AddInterceptors(interceptors).AddInterceptors(new SqliteBusyTimeout()).Options;
                _create = () => new SqliteOcopDbContext(sqlite);
                break;
            case DatabaseProvider.PostgreSql:
                var postgres = Options(connectionString).AddInterceptors(interceptors).Options;
                _create = () => new PostgreSqlOcopDbContext(postgres);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider));
        }
    }

    public FakeClock Clock { get; }

    /// <summary>Signs the unsubscribe links of review invitations queued on this database (a key of this test's own).</summary>
    public OcopMarket.Core.Reviews.ReviewUnsubscribeTokens ReviewTokens { get; } =
        new(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());

    public OcopMarket.Core.Reviews.IReviewLinks ReviewLinks => new OcopMarket.Core.Reviews.FixedReviewLinks("http://localhost", ReviewTokens);

    public DatabaseProvider Provider { get; }

    /// <summary>For tests that start a second app or service container on this same database.</summary>
    public string ConnectionString { get; }

    public DatabaseConnection Connection => new(Provider, ConnectionString);

    /// <summary>Where the writes on this database announce the public pages they change, as in the app.</summary>
    public PageChangeFeed PageChanges { get; } = new();

    /// <summary>The catalog cache, invalidated by every SaveChanges on this database as in the app.</summary>
    public CatalogCache Cache { get; }

    public CatalogService Catalog() => new(this, Clock, Cache);

    /// <summary>Card payments over this database: off unless given Stripe settings (a fake Stripe's, in tests).</summary>
    public CardPaymentService Cards(StripeSettings? stripe = null) =>
        new(this, Clock, stripe ?? StripeSettings.None, NullLogger<CardPaymentService>.Instance);

    /// <param name="provider">Which database; by default the one apps made by the tests run on
    /// (<see cref="OcopWebFactory.AppProvider"/>), so component tests follow a run of the suite on PostgreSQL.</param>
    public static async Task<TestDatabase> CreateAsync(bool seed = true, FakeClock? clock = null, DatabaseProvider? provider = null)
    {
        clock ??= new FakeClock();
        var chosen = provider ?? OcopWebFactory.AppProvider;
        if (chosen == DatabaseProvider.PostgreSql)
        {
            var copied = await PostgreSqlTestServer.CreateDatabaseAsync(
                $"seed={seed};now={clock.Now:O}",
                template => BuildAsync(new TestDatabase(clock, chosen, template), seed));
            return new TestDatabase(clock, chosen, copied);
        }
        var db = new TestDatabase(clock, chosen, $"Data Source=ocop-test-{Guid.NewGuid():N};Mode=Memory;Cache=Shared");
        await BuildAsync(db, seed);
        return db;
    }

    private static async Task BuildAsync(TestDatabase db, bool seed)
    {
        await using (var context = db.CreateDbContext())
        {
            await context.Database.MigrateAsync();
        }
        if (seed) await new CatalogSeeder(db, db.Clock, NullLogger<CatalogSeeder>.Instance).SeedAsync();
        await db.Cache.RefreshesSettledAsync();
        if (db.Provider == DatabaseProvider.PostgreSql)
        {
            // Fresh statistics in the template, so every copy plans its queries as a production database would.
            await using var context = db.CreateDbContext();
            await context.Database.ExecuteSqlRawAsync("ANALYZE;");
        }
    }

    private static DbContextOptionsBuilder<PostgreSqlOcopDbContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<PostgreSqlOcopDbContext>().UseNpgsql(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Timezone = "UTC" }.ConnectionString);

    public OcopDbContext CreateDbContext() => _create();

    public async ValueTask DisposeAsync()
    {
        await Cache.RefreshesSettledAsync();
        if (_keepAlive is not null) await _keepAlive.DisposeAsync();
        else await PostgreSqlTestServer.DropDatabaseAsync(ConnectionString);
    }
}

/// <summary>A clock the test sets; defaults to a fixed day so certificate validity does not drift with the calendar.</summary>
public sealed class FakeClock(DateTimeOffset? now = null) : TimeProvider
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 28, 10, 0, 0, TimeSpan.FromHours(7));

    public DateTimeOffset Now { get; set; } = now ?? DefaultNow;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}
