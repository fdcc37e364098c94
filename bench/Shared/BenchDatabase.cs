using Npgsql;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Bench.Shared;

/// <summary>
/// The database a bench command works on: an SQLite file (<c>--db PATH</c>, the default provider) or a PostgreSQL
/// database (<c>--provider PostgreSql --connection "Host=…;Port=…;Username=…;Database=…"</c>).
/// </summary>
public sealed record BenchDatabase(DatabaseProvider Provider, string? FilePath, string? PgConnection)
{
    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    public static BenchDatabase From(BenchOptions options)
    {
        var raw = options.Optional("provider") ?? "Sqlite";
        if (!Enum.TryParse<DatabaseProvider>(raw, ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
            throw new BenchFailure($"--provider is Sqlite (the default) or PostgreSql, not '{raw}'.");
        if (provider == DatabaseProvider.Sqlite)
        {
            if (options.Optional("connection") is not null) throw new BenchFailure("--connection is for --provider PostgreSql; SQLite takes --db PATH.");
            return new BenchDatabase(provider, Path.GetFullPath(options.Required("db")), null);
        }
        if (options.Optional("db") is not null) throw new BenchFailure("--db is an SQLite file; PostgreSQL takes --connection \"Host=…;Database=…\".");
        var connection = options.Required("connection");
        var builder = new NpgsqlConnectionStringBuilder(connection);
        if (string.IsNullOrEmpty(builder.Database) || builder.Database == "postgres")
            throw new BenchFailure("--connection must name the bench's own database (Database=…), not the maintenance database.");
        if (builder.Host is not ("127.0.0.1" or "localhost" or "::1"))
            throw new BenchFailure($"--connection must point at a loopback server, not '{builder.Host}'.");
        return new BenchDatabase(provider, null, connection);
    }

    /// <summary>The file, or "PostgreSQL database NAME on HOST:PORT".</summary>
    public string Label => IsSqlite
        ? FilePath!
        : $"PostgreSQL database {Pg.Database} on {Pg.Host}:{Pg.Port}";

    public string DatabaseName => IsSqlite ? Path.GetFileName(FilePath!) : Pg.Database!;

    private NpgsqlConnectionStringBuilder Pg => new(PgConnection);

    /// <summary>The app's connection for this database; SQLite read-only when asked.</summary>
    public DatabaseConnection Connection(bool readOnly = false) => IsSqlite
        ? new DatabaseConnection(DatabaseProvider.Sqlite, $"Data Source={FilePath}{(readOnly ? ";Mode=ReadOnly" : "")}")
        : new DatabaseConnection(DatabaseProvider.PostgreSql, PgConnection!);

    /// <summary>Fails unless the database exists (the SQLite file, or the PostgreSQL database).</summary>
    public async Task RequireExistsAsync()
    {
        if (IsSqlite)
        {
            if (!File.Exists(FilePath)) throw new BenchFailure($"{FilePath} does not exist; run generate first.");
            return;
        }
        await using var c = new NpgsqlConnection(Maintenance());
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT COUNT(*) FROM pg_database WHERE datname = @name", c);
        cmd.Parameters.AddWithValue("name", Pg.Database!);
        if (Convert.ToInt64(await cmd.ExecuteScalarAsync()) == 0)
            throw new BenchFailure($"{Label} does not exist; run generate first.");
    }

    /// <summary>Starts from nothing: deletes the SQLite file (and its journals), or drops and re-creates the PostgreSQL database.</summary>
    public async Task RecreateAsync()
    {
        if (IsSqlite)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
                File.Delete(FilePath + suffix);
            return;
        }
        await using var c = new NpgsqlConnection(Maintenance());
        await c.OpenAsync();
        var name = Quote(Pg.Database!);
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c)) await drop.ExecuteNonQueryAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", c)) await create.ExecuteNonQueryAsync();
    }

    private string Maintenance() => new NpgsqlConnectionStringBuilder(PgConnection) { Database = "postgres", Pooling = false }.ToString();

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
