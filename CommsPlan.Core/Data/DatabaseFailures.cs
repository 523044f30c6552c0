using System.Data.Common;
using System.Runtime.ExceptionServices;
using CommsPlan.Core.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace CommsPlan.Core.Data;

/// <summary>
/// The one place where the engines' "not now" errors become <see cref="DatabaseUnavailableException"/>: a write lock
/// held past the busy wait, a read-only file or server, a full disk, a database that cannot be opened or reached.
/// Everything else (a constraint, a bug) is left as it is.
/// </summary>
public static class DatabaseFailures
{
    // SQLite's primary result codes (sqlite3.h).
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    /// <summary>
    /// <paramref name="exception"/> as a <see cref="DatabaseUnavailableException"/> when it, or an exception it wraps
    /// (EF's DbUpdateException wraps the provider's), says the database cannot take the operation now; otherwise null.
    /// A cancellation is never one: the caller gave up.
    /// </summary>
    public static DatabaseUnavailableException? Unavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is OperationCanceledException) return null;
            if (current is DatabaseUnavailableException already) return already;
            if (ReasonOf(current) is { } reason) return new DatabaseUnavailableException(reason, current);
        }
        return null;
    }

    private static DatabaseUnavailableReason? ReasonOf(Exception exception) => exception switch
    {
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) switch
        {
            SqliteBusy or SqliteLocked => DatabaseUnavailableReason.Busy,
            SqliteReadOnly or SqliteFull => DatabaseUnavailableReason.ReadOnly,
            SqliteCantOpen or SqliteIoError => DatabaseUnavailableReason.Unreachable,
            _ => null,
        },
        PostgresException postgres => postgres.SqlState switch
        {
            // lock_not_available, deadlock_detected, serialization_failure: another session holds what this one needs.
            PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure
                => DatabaseUnavailableReason.Busy,
            // A standby, default_transaction_read_only, a full disk.
            PostgresErrorCodes.ReadOnlySqlTransaction or PostgresErrorCodes.DiskFull => DatabaseUnavailableReason.ReadOnly,
            PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                or PostgresErrorCodes.TooManyConnections => DatabaseUnavailableReason.Unreachable,
            { } state when state.StartsWith("08", StringComparison.Ordinal) => DatabaseUnavailableReason.Unreachable,
            _ => null,
        },
        // The command timeout passed: on a live server, a lock held by another session (or an exhausted pool).
        NpgsqlException { InnerException: TimeoutException } => DatabaseUnavailableReason.Busy,
        // Npgsql's own failures (the socket, the server gone) that it marks as worth retrying.
        NpgsqlException { IsTransient: true } => DatabaseUnavailableReason.Unreachable,
        _ => null,
    };

    // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY (extended result codes).
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>
    /// Whether <paramref name="exception"/>, or one it wraps, is a unique index refusing a duplicate: how a caller that
    /// inserts first and asks later (an idempotency key, an external id) learns that another request won the race.
    /// </summary>
    public static bool IsUniqueViolation(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SqliteException sqlite when sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey:
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }:
                    return true;
            }
        }
        return false;
    }

    /// <summary>Throws the mapped exception in place of <paramref name="exception"/> when it is one of ours.</summary>
    internal static void ThrowIfUnavailable(Exception exception)
    {
        if (Unavailable(exception) is not { } unavailable) return;
        if (ReferenceEquals(unavailable, exception)) ExceptionDispatchInfo.Throw(exception);
        throw unavailable;
    }
}

/// <summary>
/// Applies <see cref="DatabaseFailures"/> wherever EF reports a failure (opening, a command, a transaction, a save), so
/// every service throws <see cref="DatabaseUnavailableException"/> and no caller needs to know the engine.
/// </summary>
public sealed class DatabaseFailureInterceptor : IDbConnectionInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor, ISaveChangesInterceptor
{
    /// <summary>Stateless: one instance serves every context (<see cref="CommsPlanOptions.UseCommsPlan"/> registers it).</summary>
    public static readonly DatabaseFailureInterceptor Instance = new();

    /// <summary>
    /// EF reports no failure of BEGIN itself, where SQLite waits for the write lock (BEGIN IMMEDIATE) and gives up with
    /// SQLITE_BUSY: the transaction is begun here, as EF would begin it, so that failure is mapped too.
    /// </summary>
    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
    {
        if (result.HasResult) return result;
        try
        {
            return InterceptionResult<DbTransaction>.SuppressWithResult(connection.BeginTransaction(eventData.IsolationLevel));
        }
        catch (Exception ex)
        {
            DatabaseFailures.ThrowIfUnavailable(ex);
            throw;
        }
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
        TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (result.HasResult) return result;
        try
        {
            return InterceptionResult<DbTransaction>.SuppressWithResult(await connection.BeginTransactionAsync(eventData.IsolationLevel, cancellationToken));
        }
        catch (Exception ex)
        {
            DatabaseFailures.ThrowIfUnavailable(ex);
            throw;
        }
    }

    public void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => Map(eventData, eventData.Exception);

    public Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Map(eventData, eventData.Exception);
        return Task.CompletedTask;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Map(eventData, eventData.Exception);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Map(eventData, eventData.Exception);
        return Task.CompletedTask;
    }

    /// <summary>
    /// EF reports failures it expects at Debug level and handles them itself (whether the SQLite file exists yet is
    /// asked by opening it read-only): those stay as they are.
    /// </summary>
    private static void Map(EventData eventData, Exception exception)
    {
        if (eventData.LogLevel > Microsoft.Extensions.Logging.LogLevel.Debug) DatabaseFailures.ThrowIfUnavailable(exception);
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) =>
        DatabaseFailures.ThrowIfUnavailable(eventData.Exception);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        DatabaseFailures.ThrowIfUnavailable(eventData.Exception);
        return Task.CompletedTask;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) =>
        DatabaseFailures.ThrowIfUnavailable(eventData.Exception);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        DatabaseFailures.ThrowIfUnavailable(eventData.Exception);
        return Task.CompletedTask;
    }
}
