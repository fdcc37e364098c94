using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OcopMarket.Core.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web app.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<OcopDbContext>
{
    public OcopDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<OcopDbContext>().UseSqlite("Data Source=design.db").Options);
}
