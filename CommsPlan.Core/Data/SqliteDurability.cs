using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CommsPlan.Core.Data;

/// <summary>
/// How every connection of the app talks to SQLite so that nothing acknowledged is lost and concurrent writers wait
/// instead of failing: the journal is WAL (set once in the file by <see cref="DatabaseInitializer"/>), each commit is
/// synced (`synchronous=FULL`), and a writer that finds the database busy waits up to
/// <see cref="DatabaseOptions.BusyTimeoutSeconds"/>, then fails with SQLITE_BUSY (which <see cref="DatabaseFailures"/>
/// turns into the user's "busy, try again").
/// </summary>
public static class SqliteDurability
{
    /// <summary>The connection string with the busy wait as the command timeout: Microsoft.Data.Sqlite retries a busy
    /// database until the command timeout passes, and uses the timeout for nothing else.</summary>
    public static string Harden(string connectionString, int busyTimeoutSeconds = DatabaseOptions.DefaultBusyTimeoutSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(busyTimeoutSeconds, 1);
        var builder = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = busyTimeoutSeconds };
        return builder.ToString();
    }
}

/// <summary>
/// Sets SQLite's own busy handler and full sync on every opened connection (pooled connections too: pragmas are
/// per connection). SQLite's handler retries within the library with short back-offs, where the provider's retry loop
/// sleeps 150 ms between tries: with eight writers that is the difference between a queue and a stall.
/// </summary>
public sealed class SqliteDurabilityInterceptor(int busyTimeoutSeconds = DatabaseOptions.DefaultBusyTimeoutSeconds) : DbConnectionInterceptor
{
    private readonly string _pragmas = $"PRAGMA busy_timeout = {busyTimeoutSeconds * 1000}; PRAGMA synchronous = FULL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is not SqliteConnection) return;
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is not SqliteConnection) return;
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>
/// Registers <c>commsplan_search_key(text, …)</c> on every opened SQLite connection: <see cref="TextSearch.KeyOf(IEnumerable{string?})"/>
/// itself, so SQL can compute a search key exactly as the write path does. The migration that added the search keys
/// fills existing rows with it (SQLite has no Unicode normalization of its own); nothing else calls it.
/// </summary>
public sealed class SqliteSearchKeyFunction : DbConnectionInterceptor
{
    public const string Name = "commsplan_search_key";

    public static readonly SqliteSearchKeyFunction Instance = new();

    private SqliteSearchKeyFunction()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private static void Register(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
            sqlite.CreateFunction(Name, (object?[] texts) => TextSearch.KeyOf(texts.Select(t => t as string)), isDeterministic: true);
    }
}
