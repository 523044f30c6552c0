using Npgsql;

namespace CommsPlan.Tests.Support;

/// <summary>An empty database of its own on the test run's PostgreSQL server, dropped on dispose.</summary>
public sealed class PostgresScratchDatabase : IAsyncDisposable
{
    private readonly string _admin;

    private PostgresScratchDatabase(string admin, string name)
    {
        _admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public string Name { get; }
    public string ConnectionString { get; }

    public static async Task<PostgresScratchDatabase> CreateAsync()
    {
        var database = new PostgresScratchDatabase(TestPostgres.AdminConnectionString, $"scratch_{Guid.NewGuid():N}");
        await database.ExecuteAsAdminAsync($"CREATE DATABASE \"{database.Name}\"");
        return database;
    }

    public async Task ExecuteAsAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Cuts every session on this database, as a server restart does.</summary>
    public Task TerminateSessionsAsync() =>
        ExecuteAsAdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Name}' AND pid <> pg_backend_pid()");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsAdminAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }
}
