using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Traceability;

/// <summary>
/// Counts unit scans in memory and writes them in batches (<see cref="FlushAsync"/>, every few seconds from a
/// background worker), so a busy label page never waits for a database write. What a page shows is the stored
/// count plus what is still pending here, so a buyer sees their own scan at once. A crash loses at most the
/// last few seconds of counts, which only ever makes the copy warning later, never wrong.
/// </summary>
public sealed class ScanCounter(IDbContextFactory<OcopDbContext> dbFactory)
{
    public sealed class Pending
    {
        public long Count;
        public DateTime First;
        public DateTime Last;
    }

    private ConcurrentDictionary<(int LotId, int Serial), Pending> _pending = new();

    // "Buy" taps on trace pages, per lot and Vietnamese day; swapped and written with the scans.
    private ConcurrentDictionary<(int LotId, DateOnly Day), long> _clicks = new();
    private volatile ConcurrentDictionary<(int LotId, int Serial), Pending>? _flushing;
    private readonly SemaphoreSlim _flushGate = new(1, 1);

    // Scans hold it shared; a flush holds it alone only to swap batches, so once swapped no scan is still writing
    // into the old batch (a scan that had read the old batch could otherwise add an entry after it was written).
    private readonly ReaderWriterLockSlim _swap = new(LockRecursionPolicy.NoRecursion);

    public void Record(int lotId, int serial, DateTime atUtc)
    {
        _swap.EnterReadLock();
        try
        {
            var entry = _pending.GetOrAdd((lotId, serial), _ => new Pending { First = atUtc, Last = atUtc });
            lock (entry)
            {
                entry.Count++;
                if (atUtc < entry.First) entry.First = atUtc;
                if (atUtc > entry.Last) entry.Last = atUtc;
            }
        }
        finally
        {
            _swap.ExitReadLock();
        }
    }

    /// <summary>Counts a tap on a trace page's "buy" link (written with the next batch).</summary>
    public void RecordBuyClick(int lotId, DateTime atUtc)
    {
        _swap.EnterReadLock();
        try
        {
            _clicks.AddOrUpdate((lotId, Common.VietnamClock.DayOf(atUtc)), 1, (_, n) => n + 1);
        }
        finally
        {
            _swap.ExitReadLock();
        }
    }

    /// <summary>Scans not yet written (including a batch being written right now), and the earliest of them.</summary>
    public (long Count, DateTime? First) PendingFor(int lotId, int serial)
    {
        long count = 0;
        DateTime? first = null;
        foreach (var map in new[] { _pending, _flushing })
        {
            if (map is null || !map.TryGetValue((lotId, serial), out var p)) continue;
            lock (p)
            {
                count += p.Count;
                first = first is { } f && f < p.First ? f : p.First;
            }
        }
        return (count, first);
    }

    /// <returns>How many units' counts were written.</returns>
    public async Task<int> FlushAsync(CancellationToken ct = default)
    {
        await _flushGate.WaitAsync(ct);
        try
        {
            if (_pending.IsEmpty && _clicks.IsEmpty) return 0;
            ConcurrentDictionary<(int LotId, int Serial), Pending> batch;
            ConcurrentDictionary<(int LotId, DateOnly Day), long> clicks;
            _swap.EnterWriteLock();
            try
            {
                batch = _flushing = _pending;
                _pending = new ConcurrentDictionary<(int, int), Pending>();
                clicks = _clicks;
                _clicks = new ConcurrentDictionary<(int, DateOnly), long>();
            }
            finally
            {
                _swap.ExitWriteLock();
            }
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                // In key order, so two nodes flushing the same units lock their rows in one order and never deadlock.
                foreach (var ((lotId, serial), p) in batch.OrderBy(kv => kv.Key.LotId).ThenBy(kv => kv.Key.Serial))
                {
                    long count;
                    DateTime first, last;
                    lock (p) (count, first, last) = (p.Count, p.First, p.Last);
                    // Additive: another node's flush of the same unit adds its own count to the stored one, so
                    // nothing is lost whichever commits first. Quoted names, CASE for the earlier/later time and
                    // the table named in SET: the same statement runs on SQLite and on PostgreSQL.
                    await db.Database.ExecuteSqlInterpolatedAsync($"""
                        INSERT INTO "SerialScans" ("LotId", "SerialNumber", "Count", "FirstScannedAt", "LastScannedAt")
                        VALUES ({lotId}, {serial}, {count}, {first}, {last})
                        ON CONFLICT ("LotId", "SerialNumber") DO UPDATE SET
                            "Count" = "SerialScans"."Count" + excluded."Count",
                            "FirstScannedAt" = CASE WHEN excluded."FirstScannedAt" < "SerialScans"."FirstScannedAt"
                                THEN excluded."FirstScannedAt" ELSE "SerialScans"."FirstScannedAt" END,
                            "LastScannedAt" = CASE WHEN excluded."LastScannedAt" > "SerialScans"."LastScannedAt"
                                THEN excluded."LastScannedAt" ELSE "SerialScans"."LastScannedAt" END
                        """, ct);
                }
                // The day's engagement per lot: scans by the day of their last scan in this batch (a batch spans
                // seconds, so at most a few seconds' scans at midnight land on the next day), and the "buy" taps.
                var days = batch.GroupBy(kv => (kv.Key.LotId, Day: Common.VietnamClock.DayOf(kv.Value.Last)))
                    .ToDictionary(g => g.Key, g => (Scans: g.Sum(kv => { lock (kv.Value) return kv.Value.Count; }), Clicks: 0L));
                foreach (var (key, n) in clicks)
                    days[key] = days.TryGetValue(key, out var d) ? (d.Scans, d.Clicks + n) : (0, n);
                foreach (var ((lotId, day), (scans, taps)) in days.OrderBy(kv => kv.Key.LotId).ThenBy(kv => kv.Key.Day))
                {
                    await db.Database.ExecuteSqlInterpolatedAsync($"""
                        INSERT INTO "LotEngagementDays" ("LotId", "Day", "Scans", "BuyClicks")
                        VALUES ({lotId}, {day}, {scans}, {taps})
                        ON CONFLICT ("LotId", "Day") DO UPDATE SET
                            "Scans" = "LotEngagementDays"."Scans" + excluded."Scans",
                            "BuyClicks" = "LotEngagementDays"."BuyClicks" + excluded."BuyClicks"
                        """, ct);
                }
                await transaction.CommitAsync(ct);
                return batch.Count + clicks.Count;
            }
            catch
            {
                // Not written: put the counts back so the next flush tries again.
                foreach (var (key, n) in clicks) _clicks.AddOrUpdate(key, n, (_, m) => m + n);
                foreach (var (key, p) in batch)
                {
                    long count;
                    DateTime first, last;
                    lock (p) (count, first, last) = (p.Count, p.First, p.Last);
                    _swap.EnterReadLock();
                    try
                    {
                        var into = _pending.GetOrAdd(key, _ => new Pending { First = first, Last = last });
                        lock (into)
                        {
                            into.Count += count;
                            if (first < into.First) into.First = first;
                            if (last > into.Last) into.Last = last;
                        }
                    }
                    finally
                    {
                        _swap.ExitReadLock();
                    }
                }
                throw;
            }
            finally
            {
                _flushing = null;
            }
        }
        finally
        {
            _flushGate.Release();
        }
    }
}
