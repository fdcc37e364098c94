using Microsoft.Data.Sqlite;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Support;

/// <summary>
/// An empty database for whole app instances (<see cref="OcopWebFactory"/>), which migrate and seed it at start-up
/// as in production: a SQLite file, or a database on the PostgreSQL test server. Several instances given the same one
/// are several web nodes on one database.
/// </summary>
public static class SharedTestDatabase
{
    public static async Task<DatabaseConnection> CreateAsync(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.PostgreSql => new(provider, await PostgreSqlTestServer.CreateDatabaseAsync("empty", _ => Task.CompletedTask)),
        _ => new(provider, $"Data Source={Path.Combine(Path.GetTempPath(), $"ocop-shared-{Guid.NewGuid():N}.db")};Pooling=False"),
    };

    public static void Delete(DatabaseConnection database)
    {
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            PostgreSqlTestServer.DropDatabaseAsync(database.ConnectionString).GetAwaiter().GetResult();
            return;
        }
        var path = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            try { File.Delete(file); } catch (IOException) { /* best effort: temp files */ }
        }
    }
}
