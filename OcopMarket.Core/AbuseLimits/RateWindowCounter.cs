using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.AbuseLimits;

/// <summary>What one counted request found: its place in the window, and how long until the window ends.</summary>
public readonly record struct RateWindowHit(int Count, TimeSpan EndsIn);

/// <summary>
/// Fixed-window counters in the database, so that every web node counts the same requests: behind a load balancer
/// that spreads one client over several nodes, an in-memory limiter would let it through once per node. One
/// statement per request (an upsert that starts a new window when the old one has ended and returns the count), so
/// two nodes counting the same key at the same moment both see the sum. The same SQL runs on SQLite (3.35+) and
/// PostgreSQL: both read the old row on the right of <c>DO UPDATE SET</c>.
/// </summary>
public sealed class RateWindowCounter(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock)
{
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromMinutes(5);
    private long _nextPurgeMs;

    /// <summary>Counts one request under <paramref name="key"/> in a window of <paramref name="window"/>.</summary>
    public async Task<RateWindowHit> HitAsync(string key, TimeSpan window, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hit = await ExecuteAsync(db, """
            INSERT INTO "RateWindows" ("Key", "EndsAtMs", "Count") VALUES (@key, @ends, 1)
            ON CONFLICT ("Key") DO UPDATE SET
                "Count" = CASE WHEN "RateWindows"."EndsAtMs" <= @now THEN 1 ELSE "RateWindows"."Count" + 1 END,
                "EndsAtMs" = CASE WHEN "RateWindows"."EndsAtMs" <= @now THEN excluded."EndsAtMs" ELSE "RateWindows"."EndsAtMs" END
            RETURNING "Count", "EndsAtMs"
            """, Hash(key), now + (long)window.TotalMilliseconds, now, ct);
        await PurgeNowAndThenAsync(db, now, ct);
        return hit ?? throw new InvalidOperationException("The rate window upsert returned no row.");
    }

    /// <summary>How many requests the current window of <paramref name="key"/> has counted, without counting one.</summary>
    public async Task<int> CountAsync(string key, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hashed = Hash(key);
        var window = await db.Set<Domain.RateWindow>().AsNoTracking()
            .Where(w => w.Key == hashed && w.EndsAtMs > now).Select(w => (int?)w.Count).FirstOrDefaultAsync(ct);
        return window ?? 0;
    }

    /// <summary>
    /// The stored key: a SHA-256 of the limit and the client's address or the account's email, so the table holds
    /// no address or email in clear, and every key has the same short length.
    /// </summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static async Task<RateWindowHit?> ExecuteAsync(OcopDbContext db, string sql, string key, long ends, long now, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "@key", key);
        Add(command, "@ends", ends);
        Add(command, "@now", now);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var count = Convert.ToInt32(reader.GetValue(0));
        var endsAt = Convert.ToInt64(reader.GetValue(1));
        return new RateWindowHit(count, TimeSpan.FromMilliseconds(Math.Max(0, endsAt - now)));
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>
    /// Ended windows are deleted every few minutes by whichever node counts next. Any node may do it, and two doing it
    /// at once delete the same rows: there is nothing to coordinate.
    /// </summary>
    private async Task PurgeNowAndThenAsync(OcopDbContext db, long now, CancellationToken ct)
    {
        var due = Interlocked.Read(ref _nextPurgeMs);
        if (now < due || Interlocked.CompareExchange(ref _nextPurgeMs, now + (long)PurgeEvery.TotalMilliseconds, due) != due) return;
        await db.Set<Domain.RateWindow>().Where(w => w.EndsAtMs <= now).ExecuteDeleteAsync(ct);
    }
}
