using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data.Backups;
using CommsPlan.Core.Evidence;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Tests.Core.Activities;
using CommsPlan.Tests.Core.Evidence;
using Microsoft.Extensions.Options;
using CommsPlan.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CommsPlan.Tests.Reliability;

public sealed class BackupTests : IAsyncLifetime
{
    private static readonly CurrentUser Admin = new("id-admin", "admin", [Roles.Admin], null);
    private TestDatabase _database = null!;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 1, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private string Folder => Path.Combine(_database.Folder, "backups");

    private DatabaseBackup Backup(int keepDays = 14) =>
        new(_database.ConnectionString, new BackupOptions { Directory = Folder, KeepDays = keepDays }, _clock, NullLogger<DatabaseBackup>.Instance);

    [Fact]
    public async Task RestoringABackupBringsBackTheDataAsItWasWhenBackedUp()
    {
        var before = await AgencyNameAsync("STP");
        var file = await Backup().BackUpNowAsync(Admin);

        // After the backup: a rename and a new agency that the restore must undo.
        await using (var db = _database.CreateContext())
        {
            var stp = await db.Agencies.SingleAsync(a => a.Code == "STP");
            stp.Name = "Đổi tên sau sao lưu";
            await db.SaveChangesAsync();
        }
        Assert.Equal("Đổi tên sau sao lưu", await AgencyNameAsync("STP"));

        DatabaseBackup.Restore(file.Path, _database.ConnectionString);

        Assert.Equal(before, await AgencyNameAsync("STP"));
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal("ok", DatabaseBackup.IntegrityCheck(connection));
    }

    [Fact]
    public async Task RestoringABackupBringsBackTheEvidenceFilesByteForByte()
    {
        var kit = await ActivityTestKit.CreateAsync(_database);
        var officer = kit.Officer("STP");
        var activity = await kit.Service().CreateAsync(officer, kit.Input());
        var evidence = new EvidenceService(_database.Factory, kit.Clock, Options.Create(new EvidenceOptions()), new PeriodLock());
        var photo = EvidenceSamples.Image(SkiaSharp.SKEncodedImageFormat.Jpeg);
        var kept = await evidence.AddAsync(officer, EvidenceOwner.Activity(activity.Id), "Ảnh hội nghị.jpg", new MemoryStream(photo));
        var file = await Backup().BackUpNowAsync(Admin);

        // After the backup: the file is deleted, which the restore must undo.
        await evidence.DeleteAsync(officer, kept.Id);
        Assert.Null(await evidence.OpenAsync(officer, kept.Id));

        DatabaseBackup.Restore(file.Path, _database.ConnectionString);

        var restored = await evidence.OpenAsync(officer, kept.Id);
        Assert.NotNull(restored);
        Assert.Equal(photo, restored.Bytes);
        Assert.Equal("Ảnh hội nghị.jpg", restored.FileName);
        Assert.NotNull(await evidence.OpenAsync(officer, kept.Id, thumbnail: true));
    }

    [Fact]
    public async Task ABackupIsASoundDatabaseWithEveryTableRow()
    {
        var file = await Backup().BackUpNowAsync(Admin);

        await using var source = _database.CreateContext();
        await using var connection = new SqliteConnection($"Data Source={file.Path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        Assert.Equal("ok", DatabaseBackup.IntegrityCheck(connection));
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Agencies";
        Assert.Equal(await source.Agencies.CountAsync(), Convert.ToInt32(await command.ExecuteScalarAsync()));
        Assert.Equal(file.Path, Backup().Latest()!.Path);
    }

    [Theory]
    [InlineData(Roles.Monitor)]
    [InlineData(Roles.AgencyOfficer)]
    [InlineData(Roles.Viewer)]
    public async Task OnlyAnAdministratorMayBackUpNow(string role)
    {
        var user = new CurrentUser("id-x", "x", [role], role == Roles.AgencyOfficer ? 1 : null);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Backup().BackUpNowAsync(user));
        Assert.Null(Backup().Latest());
    }

    [Fact]
    public async Task BackupsOlderThanKeepDaysArePrunedButTheNewestIsKept()
    {
        var backup = Backup(keepDays: 2);
        var first = await backup.BackUpAsync("schedule");
        _clock.Advance(TimeSpan.FromDays(1));
        var second = await backup.BackUpAsync("schedule");
        _clock.Advance(TimeSpan.FromDays(2));
        var third = await backup.BackUpAsync("schedule");

        var kept = backup.List().Select(f => f.Path).ToList();
        Assert.Equal([third.Path, second.Path], kept);
        Assert.False(File.Exists(first.Path));
    }

    [Fact]
    public void RestoreRefusesADamagedBackupAndLeavesTheDatabaseAlone()
    {
        Directory.CreateDirectory(Folder);
        var damaged = Path.Combine(Folder, "commsplan-20261129-010000.db");
        File.WriteAllBytes(damaged, [.. "SQLite format 3\0"u8, .. new byte[4096]]);

        Assert.ThrowsAny<Exception>(() => DatabaseBackup.Restore(damaged, _database.ConnectionString));

        using var connection = new SqliteConnection(_database.ConnectionString);
        connection.Open();
        Assert.Equal("ok", DatabaseBackup.IntegrityCheck(connection));
    }

    private async Task<string> AgencyNameAsync(string code)
    {
        await using var db = _database.CreateContext();
        return await db.Agencies.Where(a => a.Code == code).Select(a => a.Name).SingleAsync();
    }
}
