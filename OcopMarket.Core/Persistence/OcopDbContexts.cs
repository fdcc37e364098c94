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
}
