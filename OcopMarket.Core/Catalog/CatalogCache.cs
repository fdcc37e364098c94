using System.Collections.Concurrent;

namespace OcopMarket.Core.Catalog;

/// <summary>
/// Catalog-wide aggregates (facet cubes), kept between requests. A committed write moves the catalog's
/// <see cref="Version"/> (<see cref="CatalogCacheInvalidator"/>); a write on another node moves the shared
/// version in the database, which <see cref="ObserveSharedVersionAsync"/> reads at most once per
/// <see cref="SharedVersionPoll"/> and turns into the same local move. An entry from an older version is still
/// served while it is younger than <see cref="MaxStaleness"/>, and one background task rebuilds it; an older
/// one is rebuilt before answering. So counts lag a write by at most a few seconds, and a busy shop whose stock
/// changes with every order does not make visitors wait for a full recount. No entry outlives <see cref="MaxAge"/>
/// by more than <see cref="MaxStaleness"/>, whatever the versions say: a move lost to a crash between a commit and
/// its bump leaves counts stale for a minute, not for ever.
/// </summary>
public sealed class CatalogCache(TimeProvider clock)
{
    public static readonly TimeSpan MaxStaleness = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan SharedVersionPoll = TimeSpan.FromSeconds(1);
    private const int MaxEntries = 512;

    /// <summary>
    /// The most all cached <see cref="SearchHits"/> may hold together, in 4-byte units (an id is one, a kept rank
    /// two): 96 MB. A broad word at 1,000,000 products has 240,000 hits, so this is some 30 broad one-word searches
    /// with their ranks at that size; beyond it the oldest weighted entries go first.
    /// </summary>
    public const long MaxWeight = 24_000_000;

    /// <summary>A value whose size counts against <see cref="MaxWeight"/>.</summary>
    public interface IWeighted
    {
        long Weight { get; }
    }

    /// <summary>
    /// How long an entry keyed by the search-text version lives at most: ten minutes rather than one, as re-ranking
    /// a broad word costs a quarter second at 1,000,000 products. Only a lost move of that version (a crash between a
    /// commit and its bump) is bounded by it; the order then lags a rename, while the cards are fresh.
    /// </summary>
    public static readonly TimeSpan SearchTextMaxAge = TimeSpan.FromMinutes(10);

    /// <summary>An entry of at least this weight, asked within <see cref="KeepFor"/>, is refreshed by <see cref="RefreshKeptAsync"/>.</summary>
    public const long KeepWeight = 1_000;

    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<object, Entry> _entries = new();
    private long _version;
    private long _searchTextVersion;
    private long _sharedVersionSeen = long.MinValue;
    private long _sharedSearchTextVersionSeen = long.MinValue;
    private long _nextSharedReadTicks = long.MinValue;

    public long Version => Interlocked.Read(ref _version);

    /// <summary>Moves only when the search index's content changes; what <see cref="GetOrCreateAsync{T}(object, Func{Task{T}}, bool)"/> with searchTextOnly keys on.</summary>
    public long SearchTextVersion => Interlocked.Read(ref _searchTextVersion);

    /// <summary>This node's own committed write (<see cref="CatalogCacheInvalidator"/>).</summary>
    public void Invalidate(bool searchText = false)
    {
        // Only the node's own writes: another node's are known from the shared row, which a shared ranking is checked against.
        var now = clock.GetUtcNow();
        if (searchText) Interlocked.Exchange(ref _searchTextSinceTicks, now.UtcTicks);
        Invalidate(searchText, now);
    }

    // When each version was left, so an entry's staleness counts from the write that outdated it rather than from
    // when it was built: a broad search ranked an hour ago and outdated by a rename a second ago is served (and
    // re-ranked in the background) like any entry, not rebuilt while a visitor waits. Unknown: counted from its build.
    private readonly ConcurrentDictionary<(bool SearchText, long Version), DateTimeOffset> _leftAt = new();

    /// <summary>
    /// When this node's own write last moved its search-text version: this node moves its cache before the shared row,
    /// so in between a ranking shared through the database from before the write still looks current
    /// (<see cref="RankedSearchStore"/>). Another node's write is known only from the shared row, and never counts here:
    /// a node's first read of that row would otherwise refuse every ranking made before it started.
    /// </summary>
    public DateTimeOffset SearchTextSince => new(Interlocked.Read(ref _searchTextSinceTicks), TimeSpan.Zero);

    private long _searchTextSinceTicks;

    private void Invalidate(bool searchText, DateTimeOffset at)
    {
        if (searchText) _leftAt[(true, Interlocked.Increment(ref _searchTextVersion) - 1)] = at;
        _leftAt[(false, Interlocked.Increment(ref _version) - 1)] = at;
        if (_leftAt.Count > 4096)
            foreach (var k in _leftAt.Keys) if (k.Version < (k.SearchText ? SearchTextVersion : Version) - 1024) _leftAt.TryRemove(k, out _);
    }

    /// <summary>
    /// Reads the shared versions through <paramref name="readShared"/> unless they were read less than
    /// <see cref="SharedVersionPoll"/> ago; a value other than the last one seen invalidates, as a local write does.
    /// </summary>
    public async Task ObserveSharedVersionAsync(Func<Task<(long Catalog, long SearchText)>> readShared)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var next = Interlocked.Read(ref _nextSharedReadTicks);
        // One request per poll interval reads; the others go on with what was last seen.
        if (now < next || Interlocked.CompareExchange(ref _nextSharedReadTicks, now + SharedVersionPoll.Ticks, next) != next) return;
        var (shared, sharedSearch) = await readShared();
        var searchMoved = Interlocked.Exchange(ref _sharedSearchTextVersionSeen, sharedSearch) != sharedSearch;
        // Another node's write happened after the previous read (next - poll), however long ago that was.
        if (Interlocked.Exchange(ref _sharedVersionSeen, shared) != shared || searchMoved)
            Invalidate(searchMoved, next == long.MinValue ? DateTimeOffset.MinValue : new DateTimeOffset(next - SharedVersionPoll.Ticks, TimeSpan.Zero));
    }

    /// <param name="searchTextOnly">The value depends only on what the search index holds (a search's ranked hits):
    /// it follows <see cref="SearchTextVersion"/> and <see cref="SearchTextMaxAge"/> instead.</param>
    /// <param name="currentOnly">Never serve a stale entry, even within <see cref="MaxStaleness"/>: for a value other
    /// entries are built from (a word's ranked hits, summed into a search's), which would otherwise pass its staleness
    /// on to an entry that counts as current.</param>
    public async Task<T> GetOrCreateAsync<T>(object key, Func<Task<T>> create, bool searchTextOnly = false, bool currentOnly = false) where T : class
    {
        var version = searchTextOnly ? SearchTextVersion : Version;
        if (currentOnly)
            return TryGetCurrent<T>(key, searchTextOnly) ?? await BuildAsync(key, create, version, searchTextOnly);
        var maxAge = searchTextOnly ? SearchTextMaxAge : MaxAge;
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Value is T value)
        {
            entry.LastAsked = now;
            var age = now - entry.BuiltAt;
            if (entry.Version == version && age < maxAge) return value;
            // Stale since its version was left (or, not known, since it was built), or since it reached its maximum age.
            var staleFor = entry.Version == version ? age - maxAge
                : _leftAt.TryGetValue((searchTextOnly, entry.Version), out var leftAt) ? now - leftAt : age;
            if (staleFor < MaxStaleness)
            {
                entry.RefreshInBackground(this, key, create);
                return value;
            }
        }
        return await BuildAsync(key, create, version, searchTextOnly);
    }

    /// <summary>
    /// The entry under <paramref name="key"/> if it is of the current version and within its maximum age; null
    /// otherwise (nothing is built). Asking counts as being asked, for <see cref="RefreshKeptAsync"/>.
    /// </summary>
    public T? TryGetCurrent<T>(object key, bool searchTextOnly) where T : class
    {
        if (!_entries.TryGetValue(key, out var entry) || entry.Value is not T value) return null;
        var now = clock.GetUtcNow();
        if (entry.Version != (searchTextOnly ? SearchTextVersion : Version) || now - entry.BuiltAt >= (searchTextOnly ? SearchTextMaxAge : MaxAge)) return null;
        entry.LastAsked = now;
        return value;
    }

    /// <summary>The keys of what is kept now (the bench's snapshot of what the warm-up left).</summary>
    public IReadOnlyCollection<object> Keys => [.. _entries.Keys];

    /// <summary>Forgets the entries <paramref name="which"/> picks (the bench's "nobody asked this search, the warm-up ran").</summary>
    public void Forget(Func<object, bool> which)
    {
        foreach (var k in _entries.Keys) if (which(k)) _entries.TryRemove(k, out _);
    }

    /// <summary>
    /// Rebuilds, one after the other, the heavy entries (a broad search's hits, <see cref="KeepWeight"/> ids or more)
    /// that someone asked for within <see cref="KeepFor"/> and that are stale or near their maximum age, so they are
    /// current when asked instead of expiring and being rebuilt while a visitor waits. One at a time: on a busy
    /// machine this is one core's work at most, not a burst. A worker calls it every second.
    /// </summary>
    public async Task RefreshKeptAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, entry) in _entries)
        {
            ct.ThrowIfCancellationRequested();
            if (entry.Value is not IWeighted { Weight: >= KeepWeight } || entry.Rebuild is null || now - entry.LastAsked > KeepFor) continue;
            var version = entry.SearchTextOnly ? SearchTextVersion : Version;
            var maxAge = entry.SearchTextOnly ? SearchTextMaxAge : MaxAge;
            // Rebuilt a little before its maximum age, so a request never finds it expired.
            if (entry.Version == version && now - entry.BuiltAt < maxAge - MaxStaleness) continue;
            entry.RefreshInBackground(this, key, entry.Rebuild);
            if (entry.Refreshing is { } refreshing) await refreshing;
        }
    }

    /// <summary>Completes when no background rebuild is running (for tests and orderly shutdown).</summary>
    public Task RefreshesSettledAsync() =>
        Task.WhenAll(_entries.Values.Select(e => e.Refreshing ?? Task.CompletedTask));

    private async Task<T> BuildAsync<T>(object key, Func<Task<T>> create, long version, bool searchTextOnly) where T : class
    {
        var builtAt = clock.GetUtcNow();
        var value = await create();
        // Rare: many distinct searches; start afresh, but keep the facet columns every listing reads.
        if (_entries.Count >= MaxEntries)
            foreach (var e in _entries) if (e.Value.Value is not CatalogFacetColumns) _entries.TryRemove(e.Key, out _);
        if (value is IWeighted weighted) MakeRoom(key, weighted.Weight);
        var previous = _entries.TryGetValue(key, out var old) ? old.LastAsked : builtAt;
        _entries[key] = new Entry(value, version, builtAt, searchTextOnly, async () => await create()) { LastAsked = previous };
        return value;
    }

    // Drops the oldest weighted entries until this one fits; rare enough (many broad searches) that a scan will do.
    private void MakeRoom(object key, long weight)
    {
        var weighted = _entries.Where(e => e.Value.Value is IWeighted && !e.Key.Equals(key))
            .Select(e => (e.Key, e.Value.BuiltAt, ((IWeighted)e.Value.Value).Weight)).OrderBy(e => e.BuiltAt).ToList();
        var total = weighted.Sum(e => e.Weight) + weight;
        foreach (var (oldKey, _, oldWeight) in weighted)
        {
            if (total <= MaxWeight) break;
            if (_entries.TryRemove(oldKey, out _)) total -= oldWeight;
        }
    }

    /// <summary>Forgets every entry except <paramref name="keep"/>'s (the bench's "nobody asked this search").</summary>
    public void ForgetAllBut(object keep) => Forget(k => !k.Equals(keep));

    private sealed class Entry(object value, long version, DateTimeOffset builtAt, bool searchTextOnly, Func<Task<object>>? rebuild)
    {
        private int _refreshing;

        public bool SearchTextOnly { get; } = searchTextOnly;
        /// <summary>How to build it again (for <see cref="RefreshKeptAsync"/>).</summary>
        public Func<Task<object>>? Rebuild { get; } = rebuild;
        public DateTimeOffset LastAsked { get; set; }

        public object Value { get; } = value;
        public long Version { get; } = version;
        public DateTimeOffset BuiltAt { get; } = builtAt;
        public Task? Refreshing { get; private set; }

        public void RefreshInBackground<T>(CatalogCache cache, object key, Func<Task<T>> create) where T : class
        {
            if (Interlocked.Exchange(ref _refreshing, 1) == 1) return; // one rebuild per entry at a time
            var version = SearchTextOnly ? cache.SearchTextVersion : cache.Version;
            Refreshing = Task.Run(async () =>
            {
                try { await cache.BuildAsync(key, create, version, SearchTextOnly); }
                catch (Exception) { Interlocked.Exchange(ref _refreshing, 0); } // the next request tries again
            });
        }
    }
}
