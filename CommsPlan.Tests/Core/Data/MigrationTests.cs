using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Core.Data;

public sealed class MigrationTests
{
    [Fact]
    public async Task MigrationsApplyToAnEmptyDatabaseFile()
    {
        await using var database = TestDatabase.CreateEmpty();
        await using var db = database.CreateContext();

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await db.Agencies.CountAsync());
    }

    [Fact]
    public async Task TheModelHasNoChangesMissingFromTheMigrations()
    {
        await using var database = TestDatabase.CreateEmpty();
        await using var db = database.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(), "Run `dotnet ef migrations add` in CommsPlan.Core.");
    }

    [Fact]
    public async Task TheDatabaseRunsInWriteAheadLogMode()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();

        var mode = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();

        Assert.Equal("wal", mode.Single());
    }

    [Fact]
    public async Task ACorruptFileStopsStartupWithOneClearReasonNamingTheFile()
    {
        await using var database = TestDatabase.CreateEmpty();
        await File.WriteAllTextAsync(database.FilePath, "this is not a database, just text that happens to be long enough to fill a header page");

        var ex = await Assert.ThrowsAsync<DatabaseStartupException>(() => DatabaseInitializer.InitializeAsync(database.Factory));

        Assert.Contains(database.FilePath, ex.Message);
        Assert.Contains("not a database", ex.Message);
    }
}
