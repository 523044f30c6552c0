using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CommsPlan.Tests.Core.Data;

/// <summary>Each provider's migrations (Data/Migrations/Sqlite, Data/Migrations/PostgreSQL) build the current model.</summary>
public abstract class MigrationTests(DatabaseProvider provider)
{
    [Fact]
    public async Task MigrationsApplyToAnEmptyDatabase()
    {
        await using var database = await TestDatabase.CreateEmptyAsync(provider);
        await using var db = database.CreateContext();

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await db.Agencies.CountAsync());
    }

    [Fact]
    public async Task TheModelHasNoChangesMissingFromTheMigrations()
    {
        await using var database = await TestDatabase.CreateEmptyAsync(provider);
        await using var db = database.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(), provider == DatabaseProvider.Sqlite
            ? "Run `dotnet ef migrations add <Name> --context CommsPlanDbContext -o Data/Migrations/Sqlite` in CommsPlan.Core."
            : "Run `dotnet ef migrations add <Name> --context PostgreSqlCommsPlanDbContext -o Data/Migrations/PostgreSQL` in CommsPlan.Core.");
    }

    [Fact]
    public async Task EachProviderUsesOnlyItsOwnMigrations()
    {
        await using var database = await TestDatabase.CreateEmptyAsync(provider);
        await using var db = database.CreateContext();

        var folder = provider == DatabaseProvider.Sqlite ? ".Migrations.Sqlite." : ".Migrations.PostgreSQL.";
        var migrations = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly>().Migrations;

        Assert.NotEmpty(migrations);
        Assert.All(migrations.Values, type => Assert.Contains(folder, type.FullName));
    }

    public sealed class OnSqlite() : MigrationTests(DatabaseProvider.Sqlite)
    {
        /// <summary>The ids of databases already in use (the demo's, users' files): renaming one would re-run it on them.</summary>
        [Fact]
        public async Task TheSqliteMigrationIdsAreTheOnesExistingDatabasesRecorded()
        {
            await using var database = await TestDatabase.CreateAsync();
            await using var db = database.CreateContext();

            var applied = await db.Database.GetAppliedMigrationsAsync();

            Assert.Equal(["20261128215553_Initial", "20261129013011_AddDataProtectionKeys", "20261129013449_AddPeriodReports",
                "20261129020520_AddQueryIndexes"], applied.Take(4));
        }
    }

    public sealed class OnPostgreSql() : MigrationTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}

/// <summary>What is about SQLite's file itself: its journal mode and a file that is not a database.</summary>
public sealed class SqliteFileTests
{
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
