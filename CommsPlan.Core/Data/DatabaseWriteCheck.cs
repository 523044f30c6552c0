using CommsPlan.Core.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace CommsPlan.Core.Data;

/// <summary>
/// The health of the database as a writer sees it, by the cheapest real write attempt each engine has, changing no
/// data: on SQLite a fresh connection (not a pooled one, which keeps the write access it was opened with) takes the
/// write lock with <c>BEGIN IMMEDIATE</c>, creates a table and rolls back (taking the lock alone succeeds on a read-only
/// file; writing the schema page does not); on PostgreSQL a transaction creates a temporary table and rolls back,
/// which a read-only server or transaction refuses. Unhealthy when the database cannot be written or
/// reached; Degraded when the attempt took more than <see cref="SlowAfter"/> (on SQLite: it waited for another
/// connection's write lock, which saves then wait for too), or did not get the lock within <see cref="LockBudget"/>.
/// </summary>
public sealed class DatabaseWriteCheck(CommsPlanDatabase database, TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan SlowAfter = TimeSpan.FromSeconds(1);

    /// <summary>How long the probe waits for the write lock: a health check must answer well within a balancer's timeout.</summary>
    public static readonly TimeSpan LockBudget = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        var data = new Dictionary<string, object> { ["engine"] = database.Provider.ToString() };
        try
        {
            if (database.Provider == DatabaseProvider.Sqlite) await ProbeSqliteAsync(cancellationToken);
            else await ProbePostgreSqlAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && DatabaseFailures.Unavailable(ex) is { } unavailable)
        {
            data["writeProbeMs"] = Milliseconds(started);
            data["reason"] = unavailable.Reason.ToString();
            return unavailable.Reason == DatabaseUnavailableReason.Busy
                ? HealthCheckResult.Degraded($"The write lock was not free within {LockBudget.TotalSeconds:0} s.", data: data)
                : HealthCheckResult.Unhealthy("The database cannot be written.", ex, data);
        }
        catch (Exception ex) when (ex is SqliteException or NpgsqlException or InvalidOperationException or IOException)
        {
            data["writeProbeMs"] = Milliseconds(started);
            return HealthCheckResult.Unhealthy("The database cannot be opened.", ex, data);
        }
        var elapsed = time.GetElapsedTime(started);
        data["writeProbeMs"] = Math.Round(elapsed.TotalMilliseconds);
        return elapsed > SlowAfter
            ? HealthCheckResult.Degraded($"The write probe took {elapsed.TotalMilliseconds:0} ms.", data: data)
            : HealthCheckResult.Healthy("The database can be written.", data);
    }

    private double Milliseconds(long started) => Math.Round(time.GetElapsedTime(started).TotalMilliseconds);

    private async Task ProbeSqliteAsync(CancellationToken ct)
    {
        var builder = new SqliteConnectionStringBuilder(database.ConnectionString)
        {
            Pooling = false,
            // Never create the file: a missing database is unhealthy, not a new empty one.
            Mode = SqliteOpenMode.ReadWrite,
            DefaultTimeout = (int)LockBudget.TotalSeconds,
        };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        // A command of its own: after a statement that returns a row (this pragma does), Microsoft.Data.Sqlite runs the
        // rest of the command without reporting their errors.
        command.CommandText = $"PRAGMA busy_timeout = {(int)LockBudget.TotalMilliseconds};";
        await command.ExecuteNonQueryAsync(ct);
        // Never committed: closing the unpooled connection (at the end of this method) rolls the transaction back.
        command.CommandText = "BEGIN IMMEDIATE; CREATE TABLE commsplan_health_probe (probe INTEGER);";
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task ProbePostgreSqlAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // A lock held too long answers 55P03 (busy: Degraded); a server that does not answer at all, the command timeout.
        command.CommandTimeout = (int)LockBudget.TotalSeconds * 2;
        command.CommandText = $"SET LOCAL lock_timeout = {(int)LockBudget.TotalMilliseconds}; " +
            "CREATE TEMPORARY TABLE commsplan_health_probe (probe integer) ON COMMIT DROP;";
        await command.ExecuteNonQueryAsync(ct);
        await transaction.RollbackAsync(ct);
    }
}
