using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CommsPlan.Core.Data.Backups;

/// <summary>Where backups go and how long they are kept (`Backup:Directory`, `Backup:KeepDays`, `Backup:IntervalHours`).</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>The folder of the backup files; relative paths are taken from the app's content root by the host.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "must name a folder")]
    public string Directory { get; set; } = "App_Data/backups";

    /// <summary>Backups older than this many days are deleted after each new backup (the newest is always kept).</summary>
    [Range(1, 3650, ErrorMessage = "must be from {1} to {2} days")]
    public int KeepDays { get; set; } = 14;

    /// <summary>Hours between scheduled backups; 0 turns the schedule off (the button still works).</summary>
    [Range(0, 8760, ErrorMessage = "must be from {1} to {2} hours (0 turns the schedule off)")]
    public double IntervalHours { get; set; } = 24;
}

/// <summary>One backup file: its path, when it was taken (UTC) and its size.</summary>
public sealed record BackupFile(string Path, DateTime TakenAtUtc, long Bytes);

/// <summary>
/// Online backups of the SQLite database through SQLite's backup API: a consistent copy taken while the app keeps
/// reading and writing (a plain file copy of a WAL database can miss committed pages or catch a half-written one).
/// Each backup is written under a temporary name, checked with `PRAGMA integrity_check`, then renamed, so a file
/// with the final name is always a whole, sound database.
/// </summary>
public sealed class DatabaseBackup(string connectionString, BackupOptions options, TimeProvider time, ILogger<DatabaseBackup> logger)
{
    private const string Prefix = "commsplan-";
    private const string Extension = ".db";
    private const string StampFormat = "yyyyMMdd-HHmmss";

    // One backup at a time: the schedule and an administrator's button may meet.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public BackupOptions Options => options;

    /// <summary>An administrator's "Sao lưu ngay".</summary>
    /// <exception cref="AccessDeniedException">The caller is not an administrator.</exception>
    public Task<BackupFile> BackUpNowAsync(CurrentUser user, CancellationToken ct = default)
    {
        if (!user.IsAdmin) throw new AccessDeniedException("Chỉ quản trị viên mới được sao lưu cơ sở dữ liệu.");
        return BackUpAsync(user.UserName, ct);
    }

    /// <summary>A backup in the name of <paramref name="requestedBy"/> ("schedule" for the timer), then old files are pruned.</summary>
    public async Task<BackupFile> BackUpAsync(string requestedBy, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var folder = options.Directory;
            System.IO.Directory.CreateDirectory(folder);
            var now = time.GetUtcNow().UtcDateTime;
            var target = Path.Combine(folder, Prefix + now.ToString(StampFormat, CultureInfo.InvariantCulture) + Extension);
            // Two backups within the same second (a click right after the schedule): the later one wins.
            var partial = target + ".partial";
            File.Delete(partial);
            // The copy is synchronous in Microsoft.Data.Sqlite; keep it off the caller's (circuit's) thread.
            await Task.Run(() => Copy(connectionString, partial), ct);
            File.Move(partial, target, overwrite: true);
            var file = new BackupFile(target, now, new FileInfo(target).Length);
            var pruned = Prune(now);
            logger.LogInformation("Database backup {BackupFile} ({Bytes} bytes) taken for {RequestedBy}; {Pruned} old backups deleted.",
                Path.GetFileName(target), file.Bytes, requestedBy, pruned);
            return file;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Database backup for {RequestedBy} failed.", requestedBy);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The newest backup in the folder, or null when there is none.</summary>
    public BackupFile? Latest() => List().FirstOrDefault();

    /// <summary>The backups in the folder, newest first (only files with this app's naming).</summary>
    public IReadOnlyList<BackupFile> List()
    {
        if (!System.IO.Directory.Exists(options.Directory)) return [];
        return System.IO.Directory.EnumerateFiles(options.Directory, Prefix + "*" + Extension)
            .Select(path => TryParseStamp(path, out var taken) ? new BackupFile(path, taken, new FileInfo(path).Length) : null)
            .OfType<BackupFile>()
            .OrderByDescending(f => f.TakenAtUtc)
            .ToList();
    }

    /// <summary>
    /// Replaces the content of the database at <paramref name="databaseConnectionString"/> with the backup at
    /// <paramref name="backupPath"/>, page by page through the backup API (so the WAL and the shared-memory file stay
    /// consistent). Run with the app stopped: open pages would otherwise show data that has disappeared under them.
    /// </summary>
    /// <exception cref="InvalidDataException">The backup file is missing or fails `PRAGMA integrity_check`.</exception>
    public static void Restore(string backupPath, string databaseConnectionString)
    {
        if (!File.Exists(backupPath)) throw new InvalidDataException($"Backup file {backupPath} does not exist.");
        var source = new SqliteConnectionStringBuilder { DataSource = backupPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        using (var check = new SqliteConnection(source))
        {
            check.Open();
            var verdict = IntegrityCheck(check);
            if (verdict != "ok") throw new InvalidDataException($"Backup file {backupPath} is damaged: {verdict}");
        }
        Copy(source, databaseConnectionString);
        SqliteConnection.ClearAllPools();
    }

    /// <summary>`PRAGMA integrity_check` of an open connection: "ok" or the first problems SQLite found.</summary>
    public static string IntegrityCheck(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read() && lines.Count < 5) lines.Add(reader.GetString(0));
        return string.Join("; ", lines);
    }

    private static void Copy(string sourceConnectionString, string targetConnectionStringOrPath)
    {
        var targetCs = targetConnectionStringOrPath.Contains('=')
            ? targetConnectionStringOrPath
            : new SqliteConnectionStringBuilder { DataSource = targetConnectionStringOrPath, Pooling = false }.ToString();
        using var source = new SqliteConnection(sourceConnectionString);
        using var target = new SqliteConnection(targetCs);
        source.Open();
        target.Open();
        source.BackupDatabase(target);
        var verdict = IntegrityCheck(target);
        if (verdict != "ok") throw new InvalidDataException($"The copy failed its integrity check: {verdict}");
    }

    private int Prune(DateTime nowUtc)
    {
        var files = List();
        var cutoff = nowUtc.AddDays(-Math.Max(options.KeepDays, 0));
        var deleted = 0;
        // The newest stays whatever its age: an old backup beats none.
        foreach (var file in files.Skip(1).Where(f => f.TakenAtUtc < cutoff))
        {
            try
            {
                File.Delete(file.Path);
                deleted++;
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "Old backup {BackupFile} could not be deleted.", Path.GetFileName(file.Path));
            }
        }
        return deleted;
    }

    private static bool TryParseStamp(string path, out DateTime takenAtUtc)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var ok = DateTime.TryParseExact(name[Prefix.Length..], StampFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out takenAtUtc);
        return ok;
    }
}
