using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Traceability;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Workers;

namespace OcopMarket.Tests.Traceability;

/// <summary>The scan flush worker as the app hosts it: its timer runs on the app's clock, which the test moves.</summary>
public sealed class ScanFlushWorkerTests
{
    [Fact]
    public async Task Scans_of_a_label_page_are_written_to_the_database_once_the_clock_moves_on()
    {
        await using var app = new OcopWebFactory();
        const string fishSauce = "KH4N2P8R"; // a demo lot the Development start-up seeds
        var serial = (await app.Services.GetRequiredService<SerialKeyStore>().SignerAsync()).Serial(fishSauce, 5);
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/t/{fishSauce}/{serial}"))
        {
            request.Headers.Accept.ParseAdd("text/html");
            Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().SendAsync(request)).StatusCode);
        }

        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>();
        async Task<long?> StoredCountAsync()
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var lotId = await db.Lots.Where(l => l.PublicCode == fishSauce).Select(l => l.Id).SingleAsync();
            return await db.SerialScans.Where(s => s.LotId == lotId && s.SerialNumber == 5).Select(s => (long?)s.Count).SingleOrDefaultAsync();
        }
        Assert.Null(await StoredCountAsync()); // counted in memory only: the clock has not moved, so no flush ran

        var flushed = await app.Clock.AdvanceUntilAsync(ScanFlushWorker.Interval, async () => await StoredCountAsync() is not null);

        Assert.True(flushed, "No worker wrote the scan to the database.");
        Assert.Equal(1, await StoredCountAsync());
    }
}
