using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CommsPlan.Core.Data;

/// <summary>
/// How every connection of the app talks to SQLite so that nothing acknowledged is lost and concurrent writers wait
/// instead of failing: the journal is WAL (set once in the file by <see cref="DatabaseInitializer"/>), each commit is
/// synced (`synchronous=FULL`), and a writer that finds the database busy waits up to <see cref="BusyTimeoutSeconds"/>.
/// </summary>
public static class SqliteDurability
{
    public const int BusyTimeoutSeconds = 30;

    /// <summary>The connection string with the busy wait as the command timeout (Microsoft.Data.Sqlite retries a busy
    /// database until it passes) and pooling on.</summary>
    public static string Harden(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DefaultTimeout < BusyTimeoutSeconds) builder.DefaultTimeout = BusyTimeoutSeconds;
        return builder.ToString();
    }
}

/// <summary>
/// Sets SQLite's own busy handler and full sync on every opened connection (pooled connections too: pragmas are
/// per connection). SQLite's handler retries within the library with short back-offs, where the provider's retry loop
/// sleeps 150 ms between tries: with eight writers that is the difference between a queue and a stall.
/// </summary>
public sealed class SqliteDurabilityInterceptor : DbConnectionInterceptor
{
    private static readonly string Pragmas =
        $"PRAGMA busy_timeout = {SqliteDurability.BusyTimeoutSeconds * 1000}; PRAGMA synchronous = FULL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is not SqliteConnection) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is not SqliteConnection) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
