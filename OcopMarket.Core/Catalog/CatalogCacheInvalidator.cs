using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference.Domain;

namespace OcopMarket.Core.Catalog;

/// <summary>
/// After a commit that changed what the listings show, moves this node's <see cref="CatalogCache"/> version and the
/// shared <see cref="CatalogVersion"/> row, which the other nodes read. A change counts when a SaveChanges writes a
/// product, its photos or certificate, a producer or a product set, or when code that changes listing data in SQL
/// (stock taken by a checkout, given back by a cancellation) says so with <see cref="ListingsChanged"/>.
/// Inside an explicit transaction nothing moves until it commits: a rebuild started earlier would read the old
/// rows and keep them under the new version. The shared row is moved in a statement of its own after the commit,
/// so a checkout never holds it while its transaction runs.
/// </summary>
public sealed class CatalogCacheInvalidator(CatalogCache cache, ILogger<CatalogCacheInvalidator>? logger = null)
    : SaveChangesInterceptor, IDbTransactionInterceptor
{
    // SearchText: the change also touched what the search index holds (see CatalogVersion.SearchTextRowId).
    private sealed class Pending(bool searchText)
    {
        public bool SearchText { get; } = searchText;
    }

    // Contexts with a listing change not yet committed; weak, so a context dropped after a rollback leaves nothing.
    private static readonly ConditionalWeakTable<DbContext, Pending> PendingChanges = new();

    /// <summary>Drops a pooled context's marks from before its lease (DatabaseRegistration).</summary>
    internal static void Forget(DbContext db) => PendingChanges.Remove(db);

    /// <summary>Marks a change made to listing data outside the change tracker (raw SQL); it counts once committed.</summary>
    public static void ListingsChanged(DbContext db) => Mark(db, searchText: false);

    private static void Mark(DbContext db, bool searchText) =>
        PendingChanges.AddOrUpdate(db, new Pending(searchText || (PendingChanges.TryGetValue(db, out var p) && p.SearchText)));

    private static readonly string[] SearchColumns =
        [nameof(Product.SearchName), nameof(Product.SearchProducer), nameof(Product.SearchPlace), nameof(Product.SearchCategory)];

    // A product added or removed changes the index's statistics (and so every rank); a modified one only with new search text.
    private static bool ChangesSearchText(DbContext db) =>
        db.ChangeTracker.Entries<Product>().Any(e => e.State is EntityState.Added or EntityState.Deleted
            || (e.State == EntityState.Modified && SearchColumns.Any(c => e.Property(c).IsModified)));

    private static void MarkSaving(DbContext db)
    {
        if (ChangesListings(db)) Mark(db, ChangesSearchText(db));
    }

    private static bool ChangesListings(DbContext db) =>
        db.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is Product or ProductImage or OcopCertificate or Producer or ProductSet);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) MarkSaving(db);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) MarkSaving(db);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null && PendingChanges.Remove(db, out var p)) Committed(db, sameContext: true, p.SearchText);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null && PendingChanges.Remove(db, out var p))
            await CommittedAsync(db, sameContext: true, p.SearchText);
        return result;
    }

    // A failed save outside a transaction may follow SQL that was committed on its own: count it rather than lose it.
    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null && PendingChanges.Remove(db, out var p)) Committed(db, sameContext: true, p.SearchText);
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null && PendingChanges.Remove(db, out var p))
            await CommittedAsync(db, sameContext: true, p.SearchText);
    }

    // Called while the committed transaction is still the context's current one, so the bump runs on a context of its own.
    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db && PendingChanges.Remove(db, out var p)) Committed(db, sameContext: false, p.SearchText);
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && PendingChanges.Remove(db, out var p)) await CommittedAsync(db, sameContext: false, p.SearchText);
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db) PendingChanges.Remove(db);
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) PendingChanges.Remove(db);
        return Task.CompletedTask;
    }

    private void Committed(DbContext db, bool sameContext, bool searchText)
    {
        cache.Invalidate(searchText);
        try
        {
            if (sameContext) SharedCatalogVersion.Bump(db, searchText);
            else
            {
                using var own = OwnContext(db);
                SharedCatalogVersion.Bump(own, searchText);
            }
        }
        catch (Exception e)
        {
            BumpFailed(e);
        }
    }

    private async Task CommittedAsync(DbContext db, bool sameContext, bool searchText)
    {
        cache.Invalidate(searchText);
        try
        {
            if (sameContext) await SharedCatalogVersion.BumpAsync(db, searchText, CancellationToken.None);
            else
            {
                await using var own = OwnContext(db);
                await SharedCatalogVersion.BumpAsync(own, searchText, CancellationToken.None);
            }
        }
        catch (Exception e)
        {
            BumpFailed(e);
        }
    }

    // The write is committed whatever happens here, so a failed bump must not fail it: other nodes then see the
    // change when their entries reach CatalogCache.MaxAge.
    private void BumpFailed(Exception e) =>
        logger?.LogWarning(e, "The shared catalog version could not be moved; other nodes see the change within {MaxAge}", CatalogCache.MaxAge);

    // A context of the same provider's type on the same options (a connection of its own).
    private static DbContext OwnContext(DbContext db) =>
        (DbContext)Activator.CreateInstance(db.GetType(), db.GetService<IDbContextOptions>())!;
}
