using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OcopMarket.Core.PublicPages.Domain;

namespace OcopMarket.Core.PublicPages;

/// <summary>
/// Turns each write into the tags of the public pages it changes (<see cref="PageTags"/>): a product's price or
/// stock, a photo, a certificate, a producer, a lot or its events. The tags are saved as a <see cref="PageChange"/>
/// row in the write's own transaction, so no other node can miss a committed change, and once committed they are
/// published to this node's <see cref="PageChangeFeed"/> at once. SQL written outside the change tracker (a
/// checkout taking stock) says what it changed with <see cref="Changed"/>, before the save of its transaction.
/// </summary>
public sealed class PageChangeRecorder(PageChangeFeed feed, TimeProvider clock) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private sealed class Tags
    {
        public readonly HashSet<string> Marked = new(StringComparer.Ordinal);
        public HashSet<string>? Saved;
    }

    // Per context, weak: a context dropped after a rollback leaves nothing behind.
    private static readonly ConditionalWeakTable<DbContext, Tags> Pending = new();

    /// <summary>Drops a pooled context's marks from before its lease (DatabaseRegistration).</summary>
    internal static void Forget(DbContext db) => Pending.Remove(db);

    /// <summary>Marks pages changed by SQL the change tracker does not see; they are saved with the context's next save.</summary>
    public static void Changed(DbContext db, params string[] tags)
    {
        var pending = Pending.GetValue(db, _ => new Tags());
        lock (pending) pending.Marked.UnionWith(tags);
    }


    private void Record(DbContext db)
    {
        var tags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is (EntityState.Added or EntityState.Modified or EntityState.Deleted) && entry.Entity is IShownOnPublicPages shown)
                tags.UnionWith(shown.PagesShowing(isNew: entry.State == EntityState.Added));
        }
        // A key EF has not assigned yet (a row added with its parent in the same save) names no page: the parent's tags do.
        tags.RemoveWhere(t => t.EndsWith(":0", StringComparison.Ordinal) || t.Contains(":-", StringComparison.Ordinal));
        if (Pending.TryGetValue(db, out var marked))
        {
            lock (marked) { tags.UnionWith(marked.Marked); marked.Marked.Clear(); }
        }
        if (tags.Count == 0) return;
        var joined = string.Join(' ', tags.Order(StringComparer.Ordinal));
        // A bulk write touching more pages than a row holds evicts every page: correct, only less precise.
        if (joined.Length > PageChange.MaxTagsLength) { joined = PageTags.All; tags = [PageTags.All]; }
        db.Add(new PageChange(joined, clock.GetUtcNow().UtcDateTime));
        var pending = Pending.GetValue(db, _ => new Tags());
        lock (pending) (pending.Saved ??= new(StringComparer.Ordinal)).UnionWith(tags);
    }

    // After a commit: the tags this context saved go to this node's feed (and so its output cache) at once.
    private void Publish(DbContext db)
    {
        if (!Pending.TryGetValue(db, out var pending)) return;
        HashSet<string>? saved;
        lock (pending) { saved = pending.Saved; pending.Saved = null; }
        if (saved is { Count: > 0 }) feed.Publish(saved);
    }

    private static void Discard(DbContext db)
    {
        if (Pending.TryGetValue(db, out var pending)) lock (pending) { pending.Saved = null; pending.Marked.Clear(); }
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) Record(db);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) Record(db);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null) Publish(db);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null) Publish(db);
        return ValueTask.FromResult(result);
    }

    // A failed save outside a transaction saved nothing (EF wraps it in one of its own).
    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null) Discard(db);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null) Discard(db);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db) Publish(db);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) Publish(db);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db) Discard(db);
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) Discard(db);
        return Task.CompletedTask;
    }
}
