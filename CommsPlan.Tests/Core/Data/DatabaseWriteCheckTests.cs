using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace CommsPlan.Tests.Core.Data;

/// <summary>The health check's write probe on each engine: writable, waiting for a lock, read-only, gone.</summary>
public abstract class DatabaseWriteCheckTests(DatabaseProvider provider) : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync() => Database = await TestDatabase.CreateAsync(provider);

    public async Task DisposeAsync() => await Database.DisposeAsync();

    protected Task<HealthCheckResult> CheckAsync(string? connectionString = null) =>
        new DatabaseWriteCheck(new CommsPlanDatabase(provider, connectionString ?? Database.ConnectionString), TimeProvider.System)
            .CheckHealthAsync(new HealthCheckContext());

    [Fact]
    public async Task AWritableDatabaseIsHealthyAndProbingAgainStillIs()
    {
        var first = await CheckAsync();
        var second = await CheckAsync();

        Assert.Equal(HealthStatus.Healthy, first.Status);
        Assert.Equal(HealthStatus.Healthy, second.Status);
        Assert.Equal(provider.ToString(), first.Data["engine"]);
        Assert.True(first.Data.ContainsKey("writeProbeMs"));
    }

    public sealed class OnSqlite() : DatabaseWriteCheckTests(DatabaseProvider.Sqlite)
    {
        [Fact]
        public async Task AWriteLockHeldByAnotherConnectionMakesItDegradedNotUnhealthy()
        {
            await using var holder = new SqliteConnection($"Data Source={Database.FilePath};Pooling=False");
            await holder.OpenAsync();
            await using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();

            var result = await CheckAsync();

            Assert.Equal(HealthStatus.Degraded, result.Status);
            Assert.True((double)result.Data["writeProbeMs"] > DatabaseWriteCheck.SlowAfter.TotalMilliseconds);
        }

        [Fact]
        public async Task AReadOnlyFileIsUnhealthy()
        {
            HealthCheckResult result;
            using (ReadOnlyFile.Make(Database.FilePath))
            {
                result = await CheckAsync();
            }

            Assert.Equal(HealthStatus.Unhealthy, result.Status);
            Assert.Equal("ReadOnly", result.Data["reason"]);
        }

        [Fact]
        public async Task AMissingFileIsUnhealthyAndIsNotCreated()
        {
            var missing = Path.Combine(Database.Folder, "gone.db");

            var result = await CheckAsync($"Data Source={missing}");

            Assert.Equal(HealthStatus.Unhealthy, result.Status);
            Assert.False(File.Exists(missing));
        }
    }

    public sealed class OnPostgreSql() : DatabaseWriteCheckTests(DatabaseProvider.PostgreSQL), IOnPostgreSql
    {
        [Fact]
        public async Task AReadOnlyDatabaseIsUnhealthy()
        {
            await using var admin = new NpgsqlConnection(PostgreSqlTests.AdminConnectionString);
            await admin.OpenAsync();
            await using var command = admin.CreateCommand();
            command.CommandText = $"ALTER DATABASE \"{Database.DatabaseName}\" SET default_transaction_read_only = on";
            await command.ExecuteNonQueryAsync();
            NpgsqlConnection.ClearAllPools();

            var result = await CheckAsync();

            Assert.Equal(HealthStatus.Unhealthy, result.Status);
            Assert.Equal("ReadOnly", result.Data["reason"]);
        }
    }
}
