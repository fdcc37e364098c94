using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OcopMarket.Core.Persistence;

/// <summary>
/// SQLite admits one writer at a time. Without a busy timeout, Microsoft.Data.Sqlite answers a locked database
/// by sleeping 150 ms and retrying, so concurrent checkouts queue in 150 ms steps; with one, SQLite itself waits
/// in short steps and takes the lock as soon as it is free (the checkout benchmark in bench/ shows the difference).
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
