using CommsPlan.Core.Data;
using CommsPlan.Core.Data.Backups;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CommsPlan.Dashboard.Hosting;

internal static class Backups
{
    /// <summary>Replaces the configured database with a backup (the app must be stopped); 0 when done, 1 with the reason.</summary>
    public static int RestoreCommand(string backupFile, string connectionString, DatabaseProvider provider)
    {
        if (provider != DatabaseProvider.Sqlite)
        {
            Console.Error.WriteLine("Restore refused: the restore command restores SQLite backup files only. "
                + "A PostgreSQL database is restored with pg_restore (or psql for a plain pg_dump file); see the README.");
            return 1;
        }
        try
        {
            DatabaseBackup.Restore(Path.GetFullPath(backupFile), connectionString);
            Console.WriteLine($"Restored {Path.GetFullPath(backupFile)} into {new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource}.");
            return 0;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            Console.Error.WriteLine($"Restore failed: {ex.Message}");
            return 1;
        }
    }

    /// <summary>
    /// The backup service on the app's database, the schedule (`Backup:IntervalHours`) and the health check that
    /// reports the newest backup's age (the `Backup` settings, see <see cref="Settings"/>).
    /// </summary>
    public static IServiceCollection AddCommsPlanBackups(this IServiceCollection services, string connectionString)
    {
        // Backups run on the real clock, not the demo's shifted "today": file names and ages are operational facts.
        services.AddSingleton(sp => new DatabaseBackup(connectionString, sp.GetRequiredService<IOptions<BackupOptions>>().Value,
            TimeProvider.System, sp.GetRequiredService<ILogger<DatabaseBackup>>()));
        services.AddHostedService(sp => new ScheduledBackupService(sp.GetRequiredService<DatabaseBackup>(), TimeProvider.System,
            sp.GetRequiredService<ILogger<ScheduledBackupService>>()));
        services.AddSingleton(sp => new BackupHealthCheck(sp.GetRequiredService<DatabaseBackup>(), TimeProvider.System));
        return services;
    }
}

/// <summary>
/// Takes a backup every `Backup:IntervalHours`; at start-up, one at once if the newest is already older than that,
/// so a server that is restarted nightly still gets its backups.
/// </summary>
internal sealed class ScheduledBackupService(DatabaseBackup backup, TimeProvider time, ILogger<ScheduledBackupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hours = backup.Options.IntervalHours;
        if (hours <= 0)
        {
            logger.LogInformation("Scheduled backups are off (Backup:IntervalHours is {IntervalHours}).", hours);
            return;
        }
        var interval = TimeSpan.FromHours(hours);
        try
        {
            var latest = backup.Latest();
            var due = latest is null ? TimeSpan.Zero : latest.TakenAtUtc + interval - time.GetUtcNow().UtcDateTime;
            if (due > TimeSpan.Zero) await Task.Delay(due, time, stoppingToken);
            using var timer = new PeriodicTimer(interval, time);
            do
            {
                try
                {
                    await backup.BackUpAsync("schedule", stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Logged by the service; the next tick tries again and /healthz shows the growing age meanwhile.
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

/// <summary>
/// Healthy while the newest backup is younger than two schedule intervals; Degraded (still HTTP 200: the app works)
/// when there is none or it is older, so monitoring sees a stalled schedule before the backups are needed.
/// </summary>
internal sealed class BackupHealthCheck(DatabaseBackup backup, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var latest = backup.Latest();
        if (latest is null)
            return Task.FromResult(HealthCheckResult.Degraded("No backup yet.", data: new Dictionary<string, object> { ["ageHours"] = "none" }));
        var age = time.GetUtcNow().UtcDateTime - latest.TakenAtUtc;
        var data = new Dictionary<string, object>
        {
            ["ageHours"] = Math.Round(age.TotalHours, 2),
            ["takenAtUtc"] = latest.TakenAtUtc.ToString("O"),
        };
        var limit = backup.Options.IntervalHours > 0 ? TimeSpan.FromHours(2 * backup.Options.IntervalHours) : TimeSpan.FromDays(backup.Options.KeepDays);
        return Task.FromResult(age <= limit
            ? HealthCheckResult.Healthy("Recent backup.", data)
            : HealthCheckResult.Degraded($"Newest backup is {age.TotalHours:0} hours old.", data: data));
    }
}
