using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace OcopMarket.Tests.Support;

/// <summary>
/// The PostgreSQL server the PostgreSQL variants of the tests run on, and a fresh database on it for each test.
/// <para>
/// The server comes from <c>OCOP_TEST_POSTGRES</c> (a connection string to any database the user may create databases
/// from), or else from the libpq variables <c>PGHOST</c>/<c>PGPORT</c>/<c>PGUSER</c>/<c>PGPASSWORD</c> that
/// <c>pg_virtualenv</c> exports. Without either the PostgreSQL variants are skipped with <see cref="SkipReason"/>;
/// with <c>CI=true</c> they fail instead, as the browser journeys do without Chromium.
/// </para>
/// <para>
/// Migrating and seeding a database takes seconds; copying one takes a fraction of that. So each kind of database
/// (seeded or not, and the clock it was seeded at) is built once per test run as a template, and each test gets
/// <c>CREATE DATABASE … TEMPLATE</c> of it, dropped when the test ends.
/// </para>
/// </summary>
public static class PostgreSqlTestServer
{
    public const string Variable = "OCOP_TEST_POSTGRES";

    /// <summary>Test databases of this build are named with this prefix; older builds' leftovers are dropped.</summary>
    private static readonly string BuildPrefix =
        "ocop_t_" + typeof(OcopMarket.Core.Persistence.OcopDbContext).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..8] + "_";

    private static readonly Lazy<string?> Server = new(FindServer);
    private static readonly Lazy<Task> Cleaned = new(DropLeftoversAsync);
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Templates = new();

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? SkipReason => Server.Value is null
        ? $"No PostgreSQL server: set {Variable} to a connection string (or PGHOST/PGPORT/PGUSER/PGPASSWORD, e.g. by " +
          "running the tests under pg_virtualenv) to run the PostgreSQL variants of the database tests."
        : null;

    /// <summary>Skips the calling test when no server is configured (fails it under CI).</summary>
    public static string RequireServer()
    {
        if (Server.Value is { } server) return server;
        if (IsCi) throw new InvalidOperationException("CI=true but " + SkipReason);
        Skip.If(true, SkipReason);
        throw new UnreachableException();
    }

    /// <summary>
    /// A new empty database copied from the template that <paramref name="buildTemplate"/> fills (once per
    /// <paramref name="templateKey"/> and test run); returns its connection string.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(string templateKey, Func<string, Task> buildTemplate)
    {
        var server = RequireServer();
        await Cleaned.Value;
        var template = await Templates.GetOrAdd(templateKey, key => new Lazy<Task<string>>(() => BuildTemplateAsync(server, key, buildTemplate))).Value;
        var name = BuildPrefix + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        await using (var connection = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(connection);
        await ExecuteAsync(Server.Value!, $"DROP DATABASE IF EXISTS \"{builder.Database}\" WITH (FORCE)");
    }

    private static async Task<string> BuildTemplateAsync(string server, string key, Func<string, Task> build)
    {
        var name = BuildPrefix + "tpl_" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..12].ToLowerInvariant();
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        // No pooling: a template must have no open connection when it is copied.
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
        await build(connectionString);
        return name;
    }

    private static async Task DropLeftoversAsync()
    {
        var server = Server.Value!;
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        var stale = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'ocop\\_t\\_%'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                if (!reader.GetString(0).StartsWith(BuildPrefix, StringComparison.Ordinal)) stale.Add(reader.GetString(0));
        foreach (var name in stale)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string? FindServer()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
            return new NpgsqlConnectionStringBuilder(configured) { Pooling = false }.ConnectionString;
        if (Environment.GetEnvironmentVariable("PGHOST") is not { Length: > 0 } host) return null;
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = int.TryParse(Environment.GetEnvironmentVariable("PGPORT"), out var port) ? port : 5432,
            Username = Environment.GetEnvironmentVariable("PGUSER") ?? Environment.UserName,
            Password = Environment.GetEnvironmentVariable("PGPASSWORD"),
            Database = Environment.GetEnvironmentVariable("PGDATABASE") ?? "postgres",
            Pooling = false,
        };
        return builder.ConnectionString;
    }
}
