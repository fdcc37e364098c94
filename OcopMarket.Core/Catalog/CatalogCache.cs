using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OcopMarket.Core.Catalog;

/// <summary>
/// Catalog-wide aggregates (facet cubes), kept between requests. A committed write moves the catalog's
/// <see cref="Version"/> (<see cref="CatalogCacheInvalidator"/>). An entry from an older version is still
/// served while it is younger than <see cref="MaxStaleness"/>, and one background task rebuilds it; an older
/// one is rebuilt before answering. So counts lag a write by at most a few seconds, and a busy shop whose stock
/// changes with every order does not make visitors wait for a full recount.
/// </summary>
public sealed class CatalogCache(TimeProvider clock)
{
    public static readonly TimeSpan MaxStaleness = TimeSpan.FromSeconds(10);
    private const int MaxEntries = 512;

    private readonly ConcurrentDictionary<object, Entry> _entries = new();
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public void Invalidate() => Interlocked.Increment(ref _version);

    public async Task<T> GetOrCreateAsync<T>(object key, Func<Task<T>> create) where T : class
    {
        var version = Version;
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Value is T value)
        {
            if (entry.Version == version) return value;
            if (now - entry.BuiltAt < MaxStaleness)
            {
                entry.RefreshInBackground(this, key, create);
                return value;
            }
        }
        return await BuildAsync(key, create, version);
    }

    /// <summary>Completes when no background rebuild is running (for tests and orderly shutdown).</summary>
    public Task RefreshesSettledAsync() =>
        Task.WhenAll(_entries.Values.Select(e => e.Refreshing ?? Task.CompletedTask));

    private async Task<T> BuildAsync<T>(object key, Func<Task<T>> create, long version) where T : class
    {
        var builtAt = clock.GetUtcNow();
        var value = await create();
        if (_entries.Count >= MaxEntries) _entries.Clear(); // rare: many distinct searches; start afresh
        _entries[key] = new Entry(value, version, builtAt);
        return value;
    }

    private sealed class Entry(object value, long version, DateTimeOffset builtAt)
    {
        private int _refreshing;

        public object Value { get; } = value;
        public long Version { get; } = version;
        public DateTimeOffset BuiltAt { get; } = builtAt;
        public Task? Refreshing { get; private set; }

        public void RefreshInBackground<T>(CatalogCache cache, object key, Func<Task<T>> create) where T : class
        {
            if (Interlocked.Exchange(ref _refreshing, 1) == 1) return; // one rebuild per entry at a time
            var version = cache.Version;
            Refreshing = Task.Run(async () =>
            {
                try { await cache.BuildAsync(key, create, version); }
                catch (Exception) { Interlocked.Exchange(ref _refreshing, 0); } // the next request tries again
            });
        }
    }
}

/// <summary>Moves the catalog cache's version after every committed SaveChanges.</summary>
public sealed class CatalogCacheInvalidator(CatalogCache cache) : SaveChangesInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        cache.Invalidate();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        cache.Invalidate();
        return ValueTask.FromResult(result);
    }
}
