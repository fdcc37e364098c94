using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Seeding;

namespace OcopMarket.Tests.Support;

/// <summary>
/// A real SQLite database in memory: one connection stays open for the life of the test so the database lives
/// as long as it does. Each DbContext opens a connection of its own to the same named shared-cache database, as
/// the app's contexts do, so background work (the catalog cache's rebuilds) never shares a connection with a
/// request. The committed migrations build the schema, exactly as at start-up.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<OcopDbContext>, IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly DbContextOptions<OcopDbContext> _options;

    private TestDatabase(FakeClock clock)
    {
        Clock = clock;
        Cache = new CatalogCache(clock);
        var connectionString = $"Data Source=ocop-test-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        _options = new DbContextOptionsBuilder<OcopDbContext>()
            .UseSqlite(connectionString)
            .AddInterceptors(new CatalogCacheInvalidator(Cache), new OrderEventOutbox(new OrderNotifications(FixedOrderLinks.Localhost)))
            .Options;
    }

    public FakeClock Clock { get; }

    /// <summary>The catalog cache, invalidated by every SaveChanges on this database as in the app.</summary>
    public CatalogCache Cache { get; }

    public CatalogService Catalog() => new(this, Clock, Cache);

    /// <summary>Card payments over this database: off unless given Stripe settings (a fake Stripe's, in tests).</summary>
    public CardPaymentService Cards(StripeSettings? stripe = null) =>
        new(this, Clock, stripe ?? StripeSettings.None, NullLogger<CardPaymentService>.Instance);

    public static async Task<TestDatabase> CreateAsync(bool seed = true, FakeClock? clock = null)
    {
        var db = new TestDatabase(clock ?? new FakeClock());
        await using (var context = db.CreateDbContext())
        {
            await context.Database.MigrateAsync();
        }
        if (seed) await new CatalogSeeder(db, db.Clock, NullLogger<CatalogSeeder>.Instance).SeedAsync();
        return db;
    }

    public OcopDbContext CreateDbContext() => new(_options);

    public async ValueTask DisposeAsync()
    {
        await Cache.RefreshesSettledAsync();
        await _connection.DisposeAsync();
    }
}

/// <summary>A clock the test sets; defaults to a fixed day so certificate validity does not drift with the calendar.</summary>
public sealed class FakeClock(DateTimeOffset? now = null) : TimeProvider
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 28, 10, 0, 0, TimeSpan.FromHours(7));

    public DateTimeOffset Now { get; set; } = now ?? DefaultNow;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}
