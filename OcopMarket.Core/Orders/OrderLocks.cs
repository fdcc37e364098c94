using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Orders;

/// <summary>Locks that make a count-then-insert safe under PostgreSQL's concurrency as it is under SQLite's single writer.</summary>
internal static class OrderLocks
{
    /// <summary>
    /// Inside a transaction: waits for any other transaction holding the same keys (a phone, an address) to finish.
    /// SQLite needs nothing (the transaction's first write took the one write lock); PostgreSQL takes a
    /// transaction-scoped advisory lock on a 64-bit hash of each key, released at commit or rollback. One statement
    /// takes them all, left to right: every caller names its keys in the same order (the phone, then the address), so
    /// two transactions never each hold a key the other waits for.
    /// </summary>
    public static async Task LockAsync(OcopDbContext db, CancellationToken ct, params string[] keys)
    {
        switch (db.Provider)
        {
            case DatabaseProvider.Sqlite:
                return;
            case DatabaseProvider.PostgreSql:
                var hashes = keys.Select(key => (object)BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0)).ToArray();
                var sql = "SELECT " + string.Join(", ", keys.Select((_, i) => $"pg_advisory_xact_lock({{{i}}})"));
                await db.Database.ExecuteSqlRawAsync(sql, hashes, ct);
                return;
        }
    }
}
