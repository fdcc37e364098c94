using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OcopMarket.Core.Persistence;

// Let `dotnet ef migrations add <Name> --context SqliteOcopDbContext -o Persistence/Migrations/Sqlite` (and the
// PostgreSql twin) build the model without starting the web app. Neither connects to a database.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteOcopDbContext>
{
    public SqliteOcopDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteOcopDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlOcopDbContext>
{
    public PostgreSqlOcopDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlOcopDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
