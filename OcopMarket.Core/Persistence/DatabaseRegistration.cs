using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace OcopMarket.Core.Persistence;

internal static class DatabaseRegistration
{
    /// <summary>
    /// Registers the context of the configured provider behind the one type services use: a singleton
    /// <c>IDbContextFactory&lt;OcopDbContext&gt;</c> (services open a context per operation) and a scoped
    /// <c>OcopDbContext</c> (for Identity and Data Protection, which take a context from the request scope).
    /// Every <see cref="IInterceptor"/> in the container is added to every context, on either provider.
    /// </summary>
    public static void AddOcopDatabase(this IServiceCollection services, DatabaseConnection database)
    {
        services.AddSingleton(database); // which provider, for the few choices that depend on it outside SQL (rate limits)
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddSingleton<IInterceptor, SqliteBusyTimeout>();
                services.Add<SqliteOcopDbContext>(o => o.UseSqlite(database.ConnectionString));
                break;
            case DatabaseProvider.PostgreSql:
                services.Add<PostgreSqlOcopDbContext>(o => o.UseNpgsql(WithAutoPrepare(database.ConnectionString)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(database), database.Provider, null);
        }
    }

    /// <summary>
    /// The app sends the same few statements over and over (catalog pages, checkouts): Npgsql's automatic
    /// preparation lets the server parse and plan each once per connection instead of at every call. Each operation
    /// opens its own context, so a request takes a pooled connection several times; by default Npgsql then resets the
    /// session each time (seven statements the server runs ahead of the next command). The app leaves no session state
    /// behind: its advisory locks are transaction-scoped, and it sets nothing, listens to nothing and makes no
    /// temporary tables. So the reset is skipped. Either setting is kept as given when the connection string names it.
    /// The session's time zone is UTC, as every stored time is, so date parts taken in SQL never depend on the
    /// server's own zone.
    /// </summary>
    internal static string WithAutoPrepare(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!Names(connectionString, "AutoPrepare")) builder.MaxAutoPrepare = 64;
        if (!Names(connectionString, "NoResetOnClose")) builder.NoResetOnClose = true;
        builder.Timezone = "UTC";
        return builder.ConnectionString;
    }

    /// <summary>Whether the connection string names a keyword, written with or without spaces.</summary>
    private static bool Names(string connectionString, string keyword) =>
        connectionString.Replace(" ", "").Contains(keyword, StringComparison.OrdinalIgnoreCase);

    private static void Add<TContext>(this IServiceCollection services, Action<DbContextOptionsBuilder> useProvider)
        where TContext : OcopDbContext
    {
        // Pooled: every operation opens a context, and a new one built its internal service provider and sets on first
        // use (4 % of an uncached listing's CPU, bench/README.md). EF Core resets a context's own state on its return.
        services.AddPooledDbContextFactory<TContext>((sp, o) =>
        {
            useProvider(o);
            o.AddInterceptors(sp.GetServices<IInterceptor>());
        });
        services.AddSingleton<IDbContextFactory<OcopDbContext>, ContextFactory<TContext>>();
        // Identity and Data Protection take theirs from the request scope: leased from the same pool, returned with the scope.
        services.AddScoped<TContext>(sp => (TContext)sp.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContext());
        services.AddScoped<OcopDbContext>(sp => sp.GetRequiredService<TContext>());
    }

    private sealed class ContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<OcopDbContext>
        where TContext : OcopDbContext
    {
        public OcopDbContext CreateDbContext() => Fresh(inner.CreateDbContext());

        public async Task<OcopDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            Fresh(await inner.CreateDbContextAsync(cancellationToken));

        // What the app marks on a context for its next save (pages and listings to evict) is kept beside it, not in
        // EF Core's state, so a pooled context's marks from an operation that never saved (a refused checkout) are
        // dropped here, before the next operation.
        private static OcopDbContext Fresh(OcopDbContext db)
        {
            PublicPages.PageChangeRecorder.Forget(db);
            Catalog.CatalogCacheInvalidator.Forget(db);
            return db;
        }
    }
}
