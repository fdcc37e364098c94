using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Programme;
using OcopMarket.Core.Seeding;

namespace OcopMarket.Core;

public static class DatabaseStartup
{
    /// <summary>
    /// Applies the committed migrations, then seeds what is missing: the real OCOP catalog and the roles always;
    /// with <paramref name="withDemoData"/> (Development) also the demo accounts and demo lots the README lists.
    /// Safe to run at every start.
    /// </summary>
    public static async Task MigrateAndSeedAsync(this IServiceProvider services, bool withDemoData = false, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<OcopDbContext>>();
        bool schemaChanged;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await RefuseUnknownHistoryAsync(db, ct);
            schemaChanged = (await db.Database.GetPendingMigrationsAsync(ct)).Any();
            // On a new PostgreSQL database, Npgsql's migrator logs one "Failed executing DbCommand … __EFMigrationsHistory"
            // error before it creates that table: harmless and known (npgsql/efcore.pg#3407).
            await db.Database.MigrateAsync(ct);
        }
        await services.GetRequiredService<CatalogSeeder>().SeedAsync(ct);
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await AccountSeeder.SeedRolesAsync(db, ct);
            await NationalFigureSeeder.SeedAsync(db, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, ct);
        }

        if (withDemoData) await SeedDemoDataAsync(services, ct);

        // Table statistics let SQLite pick the right index for each query; without them it guesses. They are kept in
        // the database file (sqlite_stat1), so they are computed when the schema changed (a migration, a new database)
        // or when there are none, not on every start: a full ANALYZE reads every index, 12 s at 1,000,000 products. Full,
        // not sampled (PRAGMA analysis_limit): with about 1,000 rows sampled per index SQLite chose worse plans for the
        // checkout, which fell from 105 to 63-73 orders/s (bench/README.md, "Checkout on a quiet machine").
        // PostgreSQL's ANALYZE samples by design and is quick: it runs every start.
        await using (var analyzed = await factory.CreateDbContextAsync(ct))
        {
            if (analyzed.Provider != DatabaseProvider.Sqlite || schemaChanged || !await HasSqliteStatisticsAsync(analyzed, ct))
                await analyzed.Database.ExecuteSqlRawAsync("ANALYZE;", ct);
        }

        // The first visitor should not pay for counting the whole catalog: build its facet counts now, but in the
        // background, as the count grows with the catalog (about 2 s at 1,000,000 products) and must not hold up start-up.
        _ = WarmCatalogAsync(services);
    }

    private static async Task<bool> HasSqliteStatisticsAsync(OcopDbContext db, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE name = 'sqlite_stat1'").SingleAsync(ct) > 0
        && await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_stat1").SingleAsync(ct) > 0;

    private static async Task WarmCatalogAsync(IServiceProvider services)
    {
        try
        {
            await services.GetRequiredService<CatalogService>().SearchAsync(new CatalogQuery());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Only a warm-up: the first request builds the counts itself.
            try { services.GetService<ILoggerFactory>()?.CreateLogger("OcopMarket.Startup").LogWarning(e, "Warming the catalog's facet counts failed"); }
            catch (ObjectDisposedException) { } // the app (or a test) stopped first
        }
    }

    /// <summary>Demo accounts need the app's Identity (UserManager), so they are seeded only where it is registered.</summary>
    private static async Task SeedDemoDataAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("OcopMarket.Seeding");
        var db = provider.GetRequiredService<OcopDbContext>();
        await AccountSeeder.SeedDemoAccountsAsync(provider.GetRequiredService<UserManager<AppUser>>(), db, logger, ct);
        await TraceabilitySeeder.SeedDemoLotsAsync(db, provider.GetRequiredService<TimeProvider>(), logger, ct);
        await Bookings.BookingSeeder.SeedDemoAsync(db, ct);
        await ReviewSeeder.SeedDemoReviewsAsync(db, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<Reviews.ReviewSettings>(), logger, ct);
    }

    /// <summary>
    /// A database whose history names migrations this build does not have was made by another build: before the
    /// first release the 13 pre-release migrations were squashed into InitialCreate, so such a database (a
    /// developer's old ocopmarket.db) would otherwise fail half-way with "table already exists".
    /// </summary>
    private static async Task RefuseUnknownHistoryAsync(OcopDbContext db, CancellationToken ct)
    {
        // A new database has no history table yet: asking it for its rows would fail (and PostgreSQL logs that failure).
        if (!await db.GetService<IHistoryRepository>().ExistsAsync(ct)) return;
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await db.Database.GetAppliedMigrationsAsync(ct)).Where(id => !known.Contains(id)).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException(
                $"The database ({db.Database.GetDbConnection().DataSource}) has migrations this build does not know " +
                $"({string.Join(", ", unknown.Take(3))}{(unknown.Count > 3 ? ", …" : "")}). It was made by a pre-release " +
                "or newer build: delete it to start afresh (it is re-created and seeded at start-up), or run the build that made it.");
    }
}
