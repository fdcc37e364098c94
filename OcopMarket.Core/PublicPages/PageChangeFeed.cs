using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.PublicPages.Domain;

namespace OcopMarket.Core.PublicPages;

/// <summary>
/// Where a node hears which public pages changed: its own commits at once (<see cref="PageChangeRecorder"/>), and
/// every node's commits, its own included, when <see cref="PageChangePoller"/> reads the <see cref="PageChange"/>
/// rows (the web app polls once a second). Holds no database of its own, so the recorder (an interceptor every
/// context is built with) can depend on it.
/// </summary>
public sealed class PageChangeFeed
{
    /// <summary>Raised with the tags of pages that changed (on the thread that committed, or the poller's).</summary>
    public event Action<IReadOnlyCollection<string>>? Changed;

    internal void Publish(IReadOnlyCollection<string> tags) => Changed?.Invoke(tags);
}

/// <summary>
/// Reads the <see cref="PageChange"/> rows every node commits and publishes them to this node's <see cref="PageChangeFeed"/>.
/// Rows are read by time over a short window, not by id alone, because ids are handed out at insert and a
/// transaction that took an earlier id may commit after a later one was already read.
/// </summary>
public sealed class PageChangePoller(IDbContextFactory<OcopDbContext> dbFactory, PageChangeFeed feed, TimeProvider clock)
{
    /// <summary>How far back each poll reads: longer than any write transaction stays open.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    /// <summary>How long rows are kept for nodes that were slow to read them.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromHours(1);

    private readonly Dictionary<long, DateTime> _seen = [];
    private readonly SemaphoreSlim _polling = new(1, 1);
    private bool _started;
    private DateTime _nextPrune = DateTime.MinValue;

    /// <summary>
    /// Publishes the rows committed since the last poll that this node has not published from a poll yet. The first
    /// poll only learns what is already there: pages cached after those writes already show them.
    /// </summary>
    public async Task PollAsync(CancellationToken ct)
    {
        await _polling.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var since = now - Window;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var rows = await db.Set<PageChange>().AsNoTracking().Where(c => c.AtUtc >= since)
                .OrderBy(c => c.Id).Select(c => new { c.Id, c.Tags, c.AtUtc }).ToListAsync(ct);
            var tags = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                if (!_seen.TryAdd(row.Id, row.AtUtc)) continue;
                if (_started) tags.UnionWith(row.Tags.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            _started = true;
            foreach (var old in _seen.Where(s => s.Value < since).Select(s => s.Key).ToList()) _seen.Remove(old);
            if (tags.Count > 0) feed.Publish(tags);

            if (now >= _nextPrune)
            {
                _nextPrune = now + TimeSpan.FromMinutes(10);
                var before = now - Kept;
                // Any node may prune; two doing it at once delete the same rows, which is harmless.
                await db.Set<PageChange>().Where(c => c.AtUtc < before).ExecuteDeleteAsync(ct);
            }
        }
        finally
        {
            _polling.Release();
        }
    }
}
