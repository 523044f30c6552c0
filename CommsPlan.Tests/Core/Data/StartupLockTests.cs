using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommsPlan.Tests.Core.Data;

/// <summary>Several app instances starting together against one PostgreSQL server take turns migrating and seeding.</summary>
public sealed class StartupLockTests : IOnPostgreSql
{
    [Fact]
    public async Task TwoInstancesStartingTogetherOnAServerWithoutTheDatabaseBothStartOnOneCatalogue()
    {
        await using var database = TestDatabase.CreateMissing();

        await Task.WhenAll(StartAsync(database), StartAsync(database));

        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(33, await db.Agencies.CountAsync());
        Assert.Single(await db.Plans.ToListAsync());
    }

    [Fact]
    public async Task ASecondInstanceWaitsWhileTheFirstHoldsTheStartupLock()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSQL);
        var first = await DatabaseProviders.LockForStartupAsync(database.Factory);

        var second = DatabaseProviders.LockForStartupAsync(database.Factory);
        await WaitUntilAsync(async () => await WaitingForTheLockAsync(database) == 1);
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        await using var secondLock = await second.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task StartAsync(TestDatabase database)
    {
        await using var startup = await DatabaseProviders.LockForStartupAsync(database.Factory);
        await DatabaseInitializer.InitializeAsync(database.Factory);
    }

    /// <summary>Sessions of this database waiting for the start-up advisory lock, as the server sees them.</summary>
    private static async Task<long> WaitingForTheLockAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT COUNT(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
            WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = current_database()
            """, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!await condition()) await poll.WaitForNextTickAsync(timeout.Token);
    }
}
