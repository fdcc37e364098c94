using Microsoft.Extensions.Configuration;

namespace OcopMarket.Core.Persistence;

/// <summary>
/// Which database the app runs on (setting <c>Database:Provider</c>). Embedded SQLite is the default: one file, no
/// server, one writer at a time — right for one machine. PostgreSQL is for scale-out: any number of web nodes on one
/// server. Each provider has its own committed migrations (Persistence/Migrations/Sqlite and …/PostgreSql).
/// </summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>The provider and connection string, read from the settings and checked before anything is registered.</summary>
public sealed record DatabaseConnection(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlite = "Data Source=ocopmarket.db";

    public static DatabaseConnection From(IConfiguration configuration)
    {
        var raw = configuration["Database:Provider"];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(raw)) provider = DatabaseProvider.Sqlite;
        else if (!Enum.TryParse(raw.Trim(), ignoreCase: true, out provider) || !Enum.IsDefined(provider))
            throw new InvalidOperationException(
                $"Database:Provider is '{raw}'; it must be Sqlite (the default) or PostgreSql.");

        var connectionString = configuration.GetConnectionString("Ocop");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            // SQLite has a sensible default next to the app; a server has no address we could guess.
            if (provider == DatabaseProvider.PostgreSql)
                throw new InvalidOperationException(
                    "Database:Provider is PostgreSql but ConnectionStrings:Ocop is empty: give the server's connection string, " +
                    "e.g. Host=localhost;Database=ocopmarket;Username=ocop;Password=…");
            connectionString = DefaultSqlite;
        }
        return new DatabaseConnection(provider, connectionString);
    }
}
