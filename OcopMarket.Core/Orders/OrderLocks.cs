using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Orders;

/// <summary>Locks that make a count-then-insert safe under PostgreSQL's concurrency as it is under SQLite's single writer.</summary>
internal static class OrderLocks
{
    /// <summary>
    /// Inside a transaction: waits for any other transaction holding the same key (a phone, an address) to finish.
    /// SQLite needs nothing (the transaction's first write took the one write lock); PostgreSQL takes a
    /// transaction-scoped advisory lock on a 64-bit hash of the key, released at commit or rollback.
    /// </summary>
    public static async Task LockAsync(OcopDbContext db, string key, CancellationToken ct)
    {
        switch (db.Provider)
        {
            case DatabaseProvider.Sqlite:
                return;
            case DatabaseProvider.PostgreSql:
                var hash = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0);
                await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({hash})", ct);
                return;
        }
    }
}
