using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;

namespace OcopMarket.Core.Services.Catalog;

/// <summary>
/// Short-lived results of catalog-wide aggregates (facet cubes). Every key carries the catalog's version,
/// which moves on each committed write through <see cref="CatalogCacheInvalidator"/>, so a cached count is never
/// older than the last change made through this process; the expiry covers writes made by anything else.
/// </summary>
public sealed class CatalogCache : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 512 });
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public void Invalidate() => Interlocked.Increment(ref _version);

    public async Task<T> GetOrCreateAsync<T>(object key, Func<Task<T>> create)
    {
        var versioned = (Version, key);
        if (_cache.TryGetValue(versioned, out T? hit) && hit is not null) return hit;
        var value = await create();
        _cache.Set(versioned, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return value;
    }

    public void Dispose() => _cache.Dispose();
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
