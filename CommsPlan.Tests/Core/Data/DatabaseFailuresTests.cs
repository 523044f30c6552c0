using CommsPlan.Core;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Core.Activities;
using CommsPlan.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CommsPlan.Tests.Core.Data;

/// <summary>
/// A database that cannot take a save now answers every caller with <see cref="DatabaseUnavailableException"/>, mapped
/// once from each engine's errors, through Core registered as the app registers it; the failed save changed nothing
/// and the same save succeeds once the database is free.
/// </summary>
public abstract class DatabaseFailuresTests(DatabaseProvider provider) : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;
    protected ActivityTestKit Kit { get; private set; } = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        Kit = await ActivityTestKit.CreateAsync(Database);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Kit.Clock);
        services.AddCommsPlanCore(Database.ConnectionString, provider);
        // Database:BusyTimeoutSeconds, as short as it may be: the test waits for it once.
        services.Configure<DatabaseOptions>(o => o.BusyTimeoutSeconds = 1);
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await Database.DisposeAsync();
    }

    protected ActivityService Activities => _services.GetRequiredService<ActivityService>();

    protected CurrentUser Officer => Kit.Officer("STP");

    public sealed class OnSqlite() : DatabaseFailuresTests(DatabaseProvider.Sqlite)
    {
        [Fact]
        public async Task ASaveWhileAnotherConnectionHoldsTheWriteLockIsRefusedAsBusyAndTheSameSaveSucceedsWhenTriedAgain()
        {
            var input = Kit.Input(title: "Hội nghị khi cơ sở dữ liệu bận");
            await using var holder = new SqliteConnection($"Data Source={Database.FilePath};Pooling=False");
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                await begin.ExecuteNonQueryAsync();
            }

            var refused = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => Activities.CreateAsync(Officer, input));
            await using (var rollback = holder.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK;";
                await rollback.ExecuteNonQueryAsync();
            }
            var countAfterRefusal = await Kit.CountActivitiesAsync();
            var saved = await Activities.CreateAsync(Officer, input);

            Assert.Equal(DatabaseUnavailableReason.Busy, refused.Reason);
            Assert.Equal(0, countAfterRefusal);
            Assert.Equal("Hội nghị khi cơ sở dữ liệu bận", saved.Title);
            Assert.Equal(1, await Kit.CountActivitiesAsync());
        }

        [Fact]
        public async Task ASaveToAReadOnlyFileIsRefusedAsReadOnly()
        {
            SqliteConnection.ClearAllPools();
            DatabaseUnavailableException refused;
            using (ReadOnlyFile.Make(Database.FilePath))
            {
                refused = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => Activities.CreateAsync(Officer, Kit.Input()));
            }

            Assert.Equal(DatabaseUnavailableReason.ReadOnly, refused.Reason);
            Assert.Equal(0, await Kit.CountActivitiesAsync());
        }
    }

    public sealed class OnPostgreSql() : DatabaseFailuresTests(DatabaseProvider.PostgreSQL), IOnPostgreSql
    {
        [Fact]
        public async Task ASaveToAReadOnlyServerIsRefusedAsReadOnlyAndSucceedsOnceItIsWritableAgain()
        {
            var input = Kit.Input(title: "Hội nghị khi máy chủ chỉ đọc");
            await SetReadOnlyAsync(true);

            var refused = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => Activities.CreateAsync(Officer, input));
            await SetReadOnlyAsync(false);
            var saved = await Activities.CreateAsync(Officer, input);

            Assert.Equal(DatabaseUnavailableReason.ReadOnly, refused.Reason);
            Assert.Equal(input.Title, saved.Title);
            Assert.Equal(1, await Kit.CountActivitiesAsync());
        }

        /// <summary>What a standby or an operator's <c>default_transaction_read_only</c> does to every new session.</summary>
        private async Task SetReadOnlyAsync(bool readOnly)
        {
            await using var admin = new NpgsqlConnection(PostgreSqlTests.AdminConnectionString);
            await admin.OpenAsync();
            await using var command = admin.CreateCommand();
            command.CommandText = $"ALTER DATABASE \"{Database.DatabaseName}\" SET default_transaction_read_only = {(readOnly ? "on" : "off")}";
            await command.ExecuteNonQueryAsync();
            NpgsqlConnection.ClearAllPools();
        }
    }
}

/// <summary>The mapping itself, engine by engine, without a database.</summary>
public sealed class DatabaseFailureMappingTests
{
    [Fact]
    public void AConstraintOrACancellationIsNotMistakenForAnUnavailableDatabase()
    {
        Assert.Null(DatabaseFailures.Unavailable(new SqliteException("UNIQUE constraint failed", 19)));
        Assert.Null(DatabaseFailures.Unavailable(new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation)));
        Assert.Null(DatabaseFailures.Unavailable(new OperationCanceledException("gave up", new SqliteException("interrupted", 5))));
        Assert.Null(DatabaseFailures.Unavailable(new InvalidOperationException("a bug")));
    }

    [Theory]
    [InlineData(5, DatabaseUnavailableReason.Busy)]       // SQLITE_BUSY
    [InlineData(6, DatabaseUnavailableReason.Busy)]       // SQLITE_LOCKED
    [InlineData(8, DatabaseUnavailableReason.ReadOnly)]   // SQLITE_READONLY
    [InlineData(13, DatabaseUnavailableReason.ReadOnly)]  // SQLITE_FULL
    [InlineData(14, DatabaseUnavailableReason.Unreachable)] // SQLITE_CANTOPEN
    [InlineData(264, DatabaseUnavailableReason.ReadOnly)] // SQLITE_READONLY_RECOVERY, an extended code
    public void SqlitesNotNowCodesMapToTheirReason(int code, DatabaseUnavailableReason reason)
    {
        var wrapped = new DbUpdateException("save failed", new SqliteException("sqlite", code));

        Assert.Equal(reason, DatabaseFailures.Unavailable(wrapped)?.Reason);
    }

    [Theory]
    [InlineData("25006", DatabaseUnavailableReason.ReadOnly)] // read_only_sql_transaction
    [InlineData("53100", DatabaseUnavailableReason.ReadOnly)] // disk_full
    [InlineData("55P03", DatabaseUnavailableReason.Busy)]     // lock_not_available
    [InlineData("40P01", DatabaseUnavailableReason.Busy)]     // deadlock_detected
    [InlineData("57P01", DatabaseUnavailableReason.Unreachable)] // admin_shutdown
    [InlineData("08006", DatabaseUnavailableReason.Unreachable)] // connection_failure
    public void PostgreSqlsNotNowStatesMapToTheirReason(string state, DatabaseUnavailableReason reason)
    {
        var wrapped = new DbUpdateException("save failed", new PostgresException("postgres", "ERROR", "ERROR", state));

        Assert.Equal(reason, DatabaseFailures.Unavailable(wrapped)?.Reason);
    }

    [Fact]
    public void APostgreSqlCommandTimeoutIsBusyAndALostConnectionUnreachable()
    {
        Assert.Equal(DatabaseUnavailableReason.Busy, DatabaseFailures.Unavailable(new NpgsqlException("timeout", new TimeoutException()))?.Reason);
        Assert.Equal(DatabaseUnavailableReason.Unreachable,
            DatabaseFailures.Unavailable(new NpgsqlException("broken", new System.Net.Sockets.SocketException()))?.Reason);
    }

    [Fact]
    public void EveryReasonHasAVietnameseMessageThatSaysNothingWasDoneAndToTryAgain()
    {
        foreach (var reason in Enum.GetValues<DatabaseUnavailableReason>())
        {
            var message = new DatabaseUnavailableException(reason).Message;
            Assert.Contains("thao tác chưa được thực hiện", message);
            Assert.Contains("thử lại", message);
        }
    }
}
