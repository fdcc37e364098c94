using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Persistence;

public sealed class MigrationTests
{
    [Fact]
    public async Task The_model_has_no_change_that_a_committed_migration_does_not_carry()
    {
        await using var database = await TestDatabase.CreateAsync(seed: false);
        await using var db = database.CreateDbContext();

        Assert.False(db.Database.HasPendingModelChanges(),
            "The EF model differs from the last migration's snapshot: run `dotnet ef migrations add <Name> -o Persistence/Migrations/Sqlite` in OcopMarket.Core.");
    }

    [Fact]
    public async Task The_hand_written_search_index_and_its_triggers_are_created_with_the_schema()
    {
        await using var database = await TestDatabase.CreateAsync(seed: false);
        await using var db = database.CreateDbContext();

        var objects = await db.Database
            .SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE name LIKE 'Product%Search%' ORDER BY name")
            .ToListAsync();

        Assert.Equal(["ProductSearch", "Products_SearchDelete", "Products_SearchInsert", "Products_SearchUpdate"],
            objects.Where(n => !n.StartsWith("ProductSearch_", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_database_made_by_a_build_with_other_migrations_is_refused_with_a_message_that_says_what_to_do()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ocop-old-{Guid.NewGuid():N}.db");
        var connectionString = $"Data Source={path};Pooling=False";
        try
        {
            await using (var old = new SqliteConnection(connectionString))
            {
                await old.OpenAsync();
                await using var create = old.CreateCommand();
                create.CommandText = """
                    CREATE TABLE "__EFMigrationsHistory" ("MigrationId" TEXT PRIMARY KEY, "ProductVersion" TEXT NOT NULL);
                    INSERT INTO "__EFMigrationsHistory" VALUES ('20261128182911_InitialCatalog', '10.0.15');
                    """;
                await create.ExecuteNonQueryAsync();
            }
            var services = new ServiceCollection()
                .AddLogging()
                .AddOcopCore(connectionString, Path.Combine(Path.GetTempPath(), $"ocop-media-{Guid.NewGuid():N}"))
                .BuildServiceProvider();

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => services.MigrateAndSeedAsync());

            Assert.Contains("20261128182911_InitialCatalog", refused.Message);
            Assert.Contains("delete it", refused.Message);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
