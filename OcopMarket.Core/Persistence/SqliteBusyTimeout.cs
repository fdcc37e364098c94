using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OcopMarket.Core.Persistence;

/// <summary>
/// SQLite admits one writer at a time. Without a busy timeout, Microsoft.Data.Sqlite answers a locked database
/// by sleeping 150 ms and retrying, so concurrent checkouts queue in 150 ms steps; with one, SQLite itself waits
/// in short steps and takes the lock as soon as it is free (the checkout benchmark in bench/ shows the difference).
/// <para>
/// The timeout belongs to the native database handle, which Microsoft.Data.Sqlite keeps in its pool between opens; so
/// it is set once per handle, not on every open (an uncached catalog page opens two or three connections).
/// </para>
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 10000;";

    private static readonly ConditionalWeakTable<object, object> HandlesSet = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (AlreadySet(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (AlreadySet(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Remember(connection);
    }

    private static bool AlreadySet(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && HandlesSet.TryGetValue(handle, out _);

    private static void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle }) HandlesSet.TryAdd(handle, handle);
    }
}
