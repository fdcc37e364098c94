using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Seeding;

namespace OcopMarket.Core;

public static class DatabaseStartup
{
    /// <summary>Applies the committed migrations, then seeds what is missing. Safe to run at every start.</summary>
    public static async Task MigrateAndSeedAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<OcopDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await db.Database.MigrateAsync(ct);
        }
        await services.GetRequiredService<CatalogSeeder>().SeedAsync(ct);
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await AccountSeeder.SeedRolesAsync(db, ct);
        }

        // Table statistics let SQLite pick the right index for each catalog filter; without them it guesses.
        await using var analyzed = await factory.CreateDbContextAsync(ct);
        await analyzed.Database.ExecuteSqlRawAsync("ANALYZE;", ct);

        // The first visitor should not pay for counting the whole catalog: build its facet counts now.
        await services.GetRequiredService<CatalogService>().SearchAsync(new CatalogQuery(), ct);
    }
}
