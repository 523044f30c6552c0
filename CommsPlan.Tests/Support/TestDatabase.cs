using CommsPlan.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace CommsPlan.Tests.Support;

/// <summary>
/// A real, migrated and seeded database of its own for one test, removed on dispose: a SQLite file in a temporary
/// folder, or a PostgreSQL database on the server named by <see cref="PostgreSqlTests.Variable"/>.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    // Migrating and seeding once per test run and copying the result is what keeps hundreds of data tests fast;
    // each test still gets its own file (SQLite) or its own database (PostgreSQL: CREATE DATABASE … TEMPLATE).
    private static readonly Lazy<Task<string>> SqliteTemplate = new(CreateSqliteTemplateAsync);
    private static readonly Lazy<Task<string>> PostgreSqlTemplate = new(CreatePostgreSqlTemplateAsync);

    public DatabaseProvider Provider { get; }

    /// <summary>The SQLite test's folder (SQLite only).</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "commsplan-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The SQLite file (SQLite only).</summary>
    public string FilePath => Path.Combine(Folder, "test.db");

    public string ConnectionString { get; }
    public IDbContextFactory<CommsPlanDbContext> Factory { get; }

    /// <summary>The PostgreSQL database's name (PostgreSQL only).</summary>
    private readonly string? _databaseName;

    /// <summary>The PostgreSQL database's name; null for SQLite.</summary>
    public string? DatabaseName => _databaseName;

    private TestDatabase(DatabaseProvider provider, string? databaseName = null)
    {
        Provider = provider;
        if (provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(Folder);
            ConnectionString = $"Data Source={FilePath};Pooling=False";
        }
        else
        {
            _databaseName = databaseName ?? NewDatabaseName("t");
            ConnectionString = new NpgsqlConnectionStringBuilder(PostgreSqlTests.AdminConnectionString) { Database = _databaseName }.ToString();
        }
        // Configured like the app's contexts (the same write path, failure mapping and SQLite durability), so data tests
        // see what production writes. A query loading several collections must say whether it splits (the app only logs
        // EF's warning; here it fails the test that runs it), and so must a Skip or Take without an OrderBy (a page
        // without an order may differ between runs and engines).
        var options = new DbContextOptionsBuilder<CommsPlanDbContext>();
        options.UseCommsPlan(provider, ConnectionString)
            .ConfigureWarnings(w => w.Throw(RelationalEventId.MultipleCollectionIncludeWarning, CoreEventId.RowLimitingOperationWithoutOrderByWarning));
        Factory = new CommsPlanDbContextFactory(options.Options, provider);
    }

    /// <summary>A migrated database with the plan catalogue and the 33 agencies.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var template = await SqliteTemplate.Value;
            var file = new TestDatabase(provider);
            File.Copy(template, file.FilePath);
            return file;
        }
        var templateName = await PostgreSqlTemplate.Value;
        var database = new TestDatabase(provider);
        await AdminAsync($"""CREATE DATABASE "{database._databaseName}" TEMPLATE "{templateName}" """);
        return database;
    }

    /// <summary>An empty SQLite file, not yet migrated.</summary>
    public static TestDatabase CreateEmpty() => new(DatabaseProvider.Sqlite);

    /// <summary>An empty database, not yet migrated.</summary>
    public static async Task<TestDatabase> CreateEmptyAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite) return CreateEmpty();
        var database = new TestDatabase(provider);
        await AdminAsync($"""CREATE DATABASE "{database._databaseName}" TEMPLATE template0""");
        return database;
    }

    /// <summary>A PostgreSQL database not created yet: only its name (what a first start-up finds).</summary>
    public static TestDatabase CreateMissing() => new(DatabaseProvider.PostgreSQL);

    public CommsPlanDbContext CreateContext() => Factory.CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            return;
        }
        await using (var connection = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(connection);
        // FORCE: a connection a test left open (a pooled one of a service provider) must not keep the database alive.
        await AdminAsync($"""DROP DATABASE IF EXISTS "{_databaseName}" WITH (FORCE)""");
    }

    /// <summary>Migrates and seeds one file, then folds its write-ahead log into it so a plain copy is complete.</summary>
    private static async Task<string> CreateSqliteTemplateAsync()
    {
        var template = new TestDatabase(DatabaseProvider.Sqlite);
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

    /// <summary>Migrates and seeds one database; CREATE DATABASE … TEMPLATE copies it for each test.</summary>
    private static async Task<string> CreatePostgreSqlTemplateAsync()
    {
        var name = NewDatabaseName("template");
        await AdminAsync($"""CREATE DATABASE "{name}" TEMPLATE template0""");
        var template = new TestDatabase(DatabaseProvider.PostgreSQL, name);
        await DatabaseInitializer.InitializeAsync(template.Factory);
        // A template must have no open sessions while it is copied.
        await using (var connection = new NpgsqlConnection(template.ConnectionString)) NpgsqlConnection.ClearPool(connection);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return name;
    }

    // Names carry the process id: two test runs may share one server.
    private static string NewDatabaseName(string kind) => $"commsplan_{kind}_{Environment.ProcessId}_{Guid.NewGuid():N}";

    /// <summary>Runs <paramref name="sql"/> as the test server's superuser (outside any test database).</summary>
    public static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgreSqlTests.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
