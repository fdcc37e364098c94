using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.AbuseLimits;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.AbuseLimits;

/// <summary>The rate-limit counters several nodes share, on each provider: exact under concurrency, fixed windows, no clear keys.</summary>
public abstract class RateWindowCounterTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : RateWindowCounterTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : RateWindowCounterTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;
    private RateWindowCounter _counter = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        _counter = new RateWindowCounter(_db, _db.Clock);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [SkippableFact]
    public async Task A_window_counts_each_request_and_a_new_one_starts_when_it_ends()
    {
        var window = TimeSpan.FromMinutes(1);
        Assert.Equal(new RateWindowHit(1, window), await _counter.HitAsync("SignIn|203.0.113.7", window));
        _db.Clock.Now = _db.Clock.Now.AddSeconds(20);
        Assert.Equal(new RateWindowHit(2, TimeSpan.FromSeconds(40)), await _counter.HitAsync("SignIn|203.0.113.7", window));
        Assert.Equal(1, (await _counter.HitAsync("SignIn|203.0.113.8", window)).Count); // another client, its own window
        Assert.Equal(2, await _counter.CountAsync("SignIn|203.0.113.7")); // reading counts nothing
        Assert.Equal(2, await _counter.CountAsync("SignIn|203.0.113.7"));

        _db.Clock.Now = _db.Clock.Now.AddSeconds(40); // the window's end
        Assert.Equal(0, await _counter.CountAsync("SignIn|203.0.113.7"));
        Assert.Equal(new RateWindowHit(1, window), await _counter.HitAsync("SignIn|203.0.113.7", window));
    }

    [SkippableFact]
    public async Task Requests_counted_at_the_same_moment_by_many_callers_are_all_counted_once()
    {
        // As from several nodes: each call its own context and connection, all started together.
        using var start = new Barrier(24);
        var counts = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait();
            return (await _counter.HitAsync("CheckoutPlace|198.51.100.1", TimeSpan.FromMinutes(10))).Count;
        })));
        Assert.Equal(Enumerable.Range(1, 24), counts.Order());
        Assert.Equal(24, await _counter.CountAsync("CheckoutPlace|198.51.100.1"));
    }

    [SkippableFact]
    public async Task The_table_holds_no_address_or_email_and_ended_windows_are_purged()
    {
        await _counter.HitAsync("SignIn|email:MAI@EXAMPLE.VN", TimeSpan.FromMinutes(15));
        await using (var db = _db.CreateDbContext())
        {
            var key = Assert.Single(await db.RateWindows.Select(w => w.Key).ToListAsync());
            Assert.Equal(RateWindowCounter.Hash("SignIn|email:MAI@EXAMPLE.VN"), key);
            Assert.DoesNotContain("EXAMPLE", key, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(64, key.Length);
        }

        // Past its end and past the purge interval, the next count anywhere deletes it.
        _db.Clock.Now = _db.Clock.Now.AddMinutes(30);
        await _counter.HitAsync("Register|192.0.2.1", TimeSpan.FromHours(1));
        await using (var db = _db.CreateDbContext())
            Assert.Equal([RateWindowCounter.Hash("Register|192.0.2.1")], await db.RateWindows.Select(w => w.Key).ToListAsync());
    }
}
