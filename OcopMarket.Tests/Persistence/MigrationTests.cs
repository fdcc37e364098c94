using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Persistence;

/// <summary>Each provider's committed migrations build the schema the model describes, start-up included.</summary>
public abstract class MigrationTests(DatabaseProvider provider)
{
    public sealed class OnSqlite() : MigrationTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : MigrationTests(DatabaseProvider.PostgreSql);

    [SkippableFact]
    public async Task The_model_has_no_change_that_a_committed_migration_does_not_carry()
    {
        await using var database = await TestDatabase.CreateAsync(seed: false, provider: provider);
        await using var db = database.CreateDbContext();

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The EF model differs from the {provider} migrations' snapshot: in OcopMarket.Core run " +
            $"`dotnet ef migrations add <Name> --context {db.GetType().Name} -o Persistence/Migrations/{provider}` (for both providers).");
    }

    [SkippableFact]
    public async Task The_hand_written_search_index_is_created_with_the_schema()
    {
        await using var database = await TestDatabase.CreateAsync(seed: false, provider: provider);
        await using var db = database.CreateDbContext();

        if (provider == DatabaseProvider.Sqlite)
        {
            var objects = await db.Database
                .SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE name LIKE 'Product%Search%' ORDER BY name")
                .ToListAsync();
            Assert.Equal(["ProductSearch", "Products_SearchDelete", "Products_SearchInsert", "Products_SearchUpdate"],
                objects.Where(n => !n.StartsWith("ProductSearch_", StringComparison.Ordinal)));
        }
        else
        {
            var generated = await db.Database.SqlQueryRaw<string>("""
                SELECT is_generated AS "Value" FROM information_schema.columns
                WHERE table_name = 'Products' AND column_name = 'SearchVector'
                """).SingleAsync();
            Assert.Equal("ALWAYS", generated);
            var index = await db.Database.SqlQueryRaw<string>("""
                SELECT indexdef AS "Value" FROM pg_indexes WHERE tablename = 'Products' AND indexname = 'IX_Products_SearchVector'
                """).SingleAsync();
            Assert.Contains("USING gin", index);
        }
    }

    [SkippableFact]
    public async Task Start_up_migrates_and_seeds_an_empty_database_of_the_configured_provider()
    {
        var (connectionString, cleanUp) = await EmptyDatabaseAsync();
        try
        {
            await using var services = Services(new DatabaseConnection(provider, connectionString));

            await services.MigrateAndSeedAsync();

            var factory = services.GetRequiredService<IDbContextFactory<OcopDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            Assert.Equal(provider, db.Provider);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(34, await db.Provinces.CountAsync());
            var found = await services.GetRequiredService<CatalogService>().SearchAsync(new CatalogQuery { Search = "NƯỚC MẮM" });
            Assert.Contains("nuoc mam", Core.Text.VietnameseText.Fold(found.Items[0].Name));

            await services.MigrateAndSeedAsync(); // and again at the next start: nothing to do, nothing doubled
            Assert.Equal(34, await db.Provinces.CountAsync());
        }
        finally
        {
            await cleanUp();
        }
    }

    [SkippableFact]
    public async Task A_database_made_by_a_build_with_other_migrations_is_refused_with_a_message_that_says_what_to_do()
    {
        var (connectionString, cleanUp) = await EmptyDatabaseAsync();
        try
        {
            var options = provider == DatabaseProvider.Sqlite
                ? new DbContextOptionsBuilder<SqliteOcopDbContext>().UseSqlite(connectionString).Options
                : (DbContextOptions)new DbContextOptionsBuilder<PostgreSqlOcopDbContext>().UseNpgsql(connectionString).Options;
            await using (var old = provider == DatabaseProvider.Sqlite
                ? new SqliteOcopDbContext((DbContextOptions<SqliteOcopDbContext>)options)
                : (OcopDbContext)new PostgreSqlOcopDbContext((DbContextOptions<PostgreSqlOcopDbContext>)options))
            {
                await old.Database.ExecuteSqlRawAsync("""
                    CREATE TABLE "__EFMigrationsHistory" ("MigrationId" varchar(150) PRIMARY KEY, "ProductVersion" varchar(32) NOT NULL);
                    INSERT INTO "__EFMigrationsHistory" VALUES ('20261128182911_InitialCatalog', '10.0.15');
                    """);
            }
            await using var services = Services(new DatabaseConnection(provider, connectionString));

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => services.MigrateAndSeedAsync());

            Assert.Contains("20261128182911_InitialCatalog", refused.Message);
            Assert.Contains("delete it", refused.Message);
        }
        finally
        {
            await cleanUp();
        }
    }

    private static ServiceProvider Services(DatabaseConnection database) => new ServiceCollection()
        .AddLogging()
        .AddOcopCore(database, Path.Combine(Path.GetTempPath(), $"ocop-media-{Guid.NewGuid():N}"))
        .BuildServiceProvider();

    /// <summary>A database with nothing in it: a new SQLite file, or a new PostgreSQL database.</summary>
    private async Task<(string ConnectionString, Func<Task> CleanUp)> EmptyDatabaseAsync()
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            var created = await PostgreSqlTestServer.CreateDatabaseAsync("empty", _ => Task.CompletedTask);
            return (created, () => PostgreSqlTestServer.DropDatabaseAsync(created));
        }
        var path = Path.Combine(Path.GetTempPath(), $"ocop-empty-{Guid.NewGuid():N}.db");
        return ($"Data Source={path};Pooling=False", () =>
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
            return Task.CompletedTask;
        });
    }
}

public sealed class DatabaseSettingTests
{
    private static DatabaseConnection Read(params (string Key, string Value)[] values) => DatabaseConnection.From(
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build());

    [Fact]
    public void Without_settings_the_app_runs_on_its_sqlite_file()
    {
        Assert.Equal(new DatabaseConnection(DatabaseProvider.Sqlite, "Data Source=ocopmarket.db"), Read());
    }

    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("postgresql")]
    public void PostgreSql_takes_the_connection_string_from_ConnectionStrings_Ocop(string spelled)
    {
        var read = Read(("Database:Provider", spelled), ("ConnectionStrings:Ocop", "Host=db;Database=ocop"));
        Assert.Equal(new DatabaseConnection(DatabaseProvider.PostgreSql, "Host=db;Database=ocop"), read);
    }

    [Fact]
    public void PostgreSql_without_a_connection_string_stops_start_up_naming_the_setting()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Read(("Database:Provider", "PostgreSql")));
        Assert.Contains("ConnectionStrings:Ocop", e.Message);
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData("SqlServer")]
    [InlineData("7")]
    public void An_unknown_provider_stops_start_up_naming_the_choices(string provider)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Read(("Database:Provider", provider)));
        Assert.Contains("Database:Provider", e.Message);
        Assert.Contains("PostgreSql", e.Message);
    }
}
