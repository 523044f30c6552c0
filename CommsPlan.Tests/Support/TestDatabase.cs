using CommsPlan.Core.Auditing;
using CommsPlan.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Support;

/// <summary>A real SQLite file in a temporary folder, migrated and seeded, deleted on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    // Migrating and seeding once per test run and copying the file is what keeps hundreds of data tests fast;
    // each test still gets its own file.
    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "commsplan-tests", Guid.NewGuid().ToString("N"));
    public string FilePath => Path.Combine(Folder, "test.db");
    public string ConnectionString => $"Data Source={FilePath};Pooling=False";
    public IDbContextFactory<CommsPlanDbContext> Factory { get; }

    private TestDatabase()
    {
        Directory.CreateDirectory(Folder);
        // Audited like the app's contexts, so data tests see the history production writes.
        Factory = new PooledFactory(new DbContextOptionsBuilder<CommsPlanDbContext>()
            .UseSqlite(ConnectionString).AddInterceptors(new AuditInterceptor()).Options);
    }

    /// <summary>A migrated database with the plan catalogue and the 33 agencies.</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var template = await Template.Value;
        var db = new TestDatabase();
        File.Copy(template, db.FilePath);
        return db;
    }

    /// <summary>Migrates and seeds one file, then folds its write-ahead log into it so a plain copy is complete.</summary>
    private static async Task<string> CreateTemplateAsync()
    {
        var template = new TestDatabase();
        await DatabaseInitializer.InitializeAsync(template.Factory);
        await using (var connection = new SqliteConnection(template.ConnectionString))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return template.FilePath;
    }

    /// <summary>An empty file, not yet migrated.</summary>
    public static TestDatabase CreateEmpty() => new();

    public CommsPlanDbContext CreateContext() => Factory.CreateDbContext();

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }

    private sealed class PooledFactory(DbContextOptions<CommsPlanDbContext> options) : IDbContextFactory<CommsPlanDbContext>
    {
        public CommsPlanDbContext CreateDbContext() => new(options);
    }
}
