using Microsoft.EntityFrameworkCore;

namespace OcopMarket.Core.Persistence;

// One model, two context types: EF Core keeps migrations and a model snapshot per context type, so each provider
// gets its own committed history ("Migrations with multiple providers: using multiple context types" in the EF Core
// docs). Services only ever see OcopDbContext; these two exist for the migrations and to say which provider runs.

/// <summary>The embedded SQLite database (the default).</summary>
public sealed class SqliteOcopDbContext(DbContextOptions<SqliteOcopDbContext> options) : OcopDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary>A PostgreSQL server, for several web nodes on one database.</summary>
public sealed class PostgreSqlOcopDbContext(DbContextOptions<PostgreSqlOcopDbContext> options) : OcopDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        base.ConfigureConventions(configuration);
        // timestamptz holds an instant, and Npgsql refuses a DateTimeOffset with a non-zero offset rather than guess.
        // Identity's lockout end is the one DateTimeOffset, taken from the TimeProvider, which may carry Vietnam's
        // +07:00: store the same instant in UTC. (DateTimes are UTC already: every one comes from GetUtcNow.)
        configuration.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffset>();
    }

    private sealed class UtcDateTimeOffset() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => v.ToUniversalTime(), v => v);
}
