using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Traceability;
using OcopMarket.Core.Traceability.Domain;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Traceability;

/// <summary>Without Traceability:SerialKey the app makes its own key on first use and keeps it in its database.</summary>
public sealed class SerialKeyStoreTests
{
    /// <summary>The app over the given SQLite file with no serial key configured (the Development one blanked out).</summary>
    private static WebApplicationFactory<Program> AppOver(OcopWebFactory app, string databasePath) =>
        app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:Provider", "Sqlite"); // a restart needs a database that outlives the app: this file
            b.UseSetting("ConnectionStrings:Ocop", $"Data Source={databasePath};Pooling=False");
            b.UseSetting("Traceability:SerialKey", "");
        });

    [Fact]
    public async Task The_key_made_on_first_start_is_kept_so_labels_issued_before_a_restart_still_verify()
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"ocop-serial-key-{Guid.NewGuid():N}.db");
        var developmentSerial = new UnitSerialSigner(Convert.FromBase64String(RepositoryFiles.DevelopmentSerialKey())).Serial("KH4N2P8R", 3);
        try
        {
            string serial, storedKey;
            await using (var host = new OcopWebFactory())
            await using (var first = AppOver(host, databasePath))
            {
                serial = (await first.Services.GetRequiredService<SerialKeyStore>().SignerAsync()).Serial("KH4N2P8R", 3);
                Assert.NotEqual(developmentSerial, serial); // the blanked setting really left the key to the store
                Assert.Equal(HttpStatusCode.OK, (await first.CreateClient().GetAsync($"/t/KH4N2P8R/{serial}")).StatusCode);
                await using var db = await first.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
                // Under the name it was always kept by: a rename would lose the key of every database already running.
                storedKey = (await db.ServerSecrets.SingleAsync(s => s.Name == "unit-serial-key")).Value;
            }
            Assert.Equal(32, Convert.FromBase64String(storedKey).Length);
            Assert.Equal(serial, new UnitSerialSigner(Convert.FromBase64String(storedKey)).Serial("KH4N2P8R", 3));

            // A restart: a new app instance over the same file verifies and issues the same serial.
            await using (var host = new OcopWebFactory())
            await using (var second = AppOver(host, databasePath))
            {
                Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().GetAsync($"/t/KH4N2P8R/{serial}")).StatusCode);
                Assert.Equal(serial, (await second.Services.GetRequiredService<SerialKeyStore>().SignerAsync()).Serial("KH4N2P8R", 3));
            }

            // Another database makes a key of its own: the kept key is random, not a constant every store falls back to.
            await using var elsewhere = await TestDatabase.CreateAsync(seed: false);
            Assert.NotEqual(serial, (await new SerialKeyStore(elsewhere, null).SignerAsync()).Serial("KH4N2P8R", 3));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm", databasePath + "-journal" })
                File.Delete(file);
        }
    }
}
