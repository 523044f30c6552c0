using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CommsPlan.Core.Data;

/// <summary>The database engine CommsPlan runs on (`Database:Provider`): SQLite by default, PostgreSQL for several app servers.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>
/// PROVIDER-SPECIFIC CODE LIVES HERE. Everything in Core that differs between SQLite and PostgreSQL is in this file
/// (plus the SQLite-only durability, WAL and backup pieces, which are off on PostgreSQL, and the engine chosen in
/// <see cref="CommsPlanOptions.UseCommsPlan"/>): which context type owns which migrations, reserving keys and bulk
/// copies, the start-up lock, and the search keys' index. Queries elsewhere stay provider-neutral LINQ (text search included: <see cref="TextSearch"/>).
/// </summary>
public static class DatabaseProviders
{
    /// <summary>"Sqlite" or "PostgreSQL" (case-insensitive; "Postgres" too); empty means the default, SQLite.</summary>
    public static DatabaseProvider Parse(string? value) => TryParse(value) ??
        throw new ArgumentException($"Unknown Database:Provider '{value}': use Sqlite or PostgreSQL.", nameof(value));

    /// <summary>As <see cref="Parse"/>, null for a name it does not know.</summary>
    public static DatabaseProvider? TryParse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgresql" or "postgres" or "npgsql" => DatabaseProvider.PostgreSQL,
        _ => null,
    };

    /// <summary>
    /// The context type for the engine. Each type owns its migrations (EF Core's "one context type per provider"):
    /// <see cref="CommsPlanDbContext"/> those in Data/Migrations/Sqlite, <see cref="PostgreSqlCommsPlanDbContext"/>
    /// those in Data/Migrations/PostgreSQL. Everything else in the app sees a <see cref="CommsPlanDbContext"/>.
    /// </summary>
    public static CommsPlanDbContext CreateContext(DatabaseProvider provider, DbContextOptions<CommsPlanDbContext> options) =>
        provider == DatabaseProvider.PostgreSQL ? new PostgreSqlCommsPlanDbContext(options) : new CommsPlanDbContext(options);

    /// <summary>
    /// Indexes the search keys (<see cref="TextSearch"/>) where an index can serve a search for text inside them. On
    /// PostgreSQL a trigram GIN index (the pg_trgm extension, trusted, so the database's owner may create it) answers
    /// <c>LIKE '%…%'</c> without reading every row. SQLite has no index for a match inside a text; there the search
    /// reads the one narrow column in the engine, and no row comes back to .NET unless it matches.
    /// </summary>
    internal static void IndexSearchKeys(ModelBuilder builder, DatabaseFacade database)
    {
        if (!database.IsNpgsql()) return;
        builder.HasPostgresExtension("pg_trgm");
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(Common.ISearchable).IsAssignableFrom(t.ClrType)).ToList())
        {
            builder.Entity(type.ClrType).HasIndex(nameof(Common.ISearchable.SearchKey)).HasMethod("gin").HasOperators("gin_trgm_ops");
        }
    }

    /// <summary>The engine a context talks to.</summary>
    public static DatabaseProvider ProviderOf(DatabaseFacade database) =>
        database.IsNpgsql() ? DatabaseProvider.PostgreSQL : DatabaseProvider.Sqlite;

    /// <summary>
    /// Reserves <paramref name="count"/> values of the generated key of <paramref name="type"/> (a single-column
    /// identity key), inside the context's current transaction, for rows the caller inserts with those keys (a multi-row
    /// INSERT's RETURNING gives the keys in no guaranteed order). PostgreSQL: taken from the identity column's sequence,
    /// so no other session can be given them. SQLite: the AUTOINCREMENT counter (sqlite_sequence, past the largest key
    /// too) moved on by <paramref name="count"/> in one write, which also takes the database's single write lock until
    /// the transaction ends. Returned in ascending order; on PostgreSQL not necessarily consecutive.
    /// </summary>
    /// <exception cref="InvalidOperationException">No transaction, or the key is not a generated single column.</exception>
    public static async Task<IReadOnlyList<long>> ReserveKeysAsync(DbContext db, Microsoft.EntityFrameworkCore.Metadata.IEntityType type, int count,
        CancellationToken ct = default)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Keys are reserved inside the transaction that inserts the rows.");
        var key = type.FindPrimaryKey()?.Properties;
        if (key is not { Count: 1 } || key[0].ValueGenerated != Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd)
            throw new InvalidOperationException($"{type.DisplayName()} has no generated single-column key.");
        if (count <= 0) return [];
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var column = key[0].GetColumnName(table)!;
        var sql = db.GetService<ISqlGenerationHelper>();

        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        AddParameter(command, "count", (long)count);
        var keys = new List<long>(count);
        if (ProviderOf(db.Database) == DatabaseProvider.PostgreSQL)
        {
            AddParameter(command, "table", sql.DelimitIdentifier(table.Name, table.Schema));
            AddParameter(command, "column", column);
            command.CommandText = "SELECT nextval(pg_get_serial_sequence(@table, @column)) FROM generate_series(1, @count)";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) keys.Add(reader.GetInt64(0));
            keys.Sort();
        }
        else
        {
            // sqlite_sequence has the table's row once anything was ever inserted into it; before that, it is added.
            AddParameter(command, "table", table.Name);
            var largest = $"(SELECT coalesce(max({sql.DelimitIdentifier(column)}), 0) FROM {sql.DelimitIdentifier(table.Name)})";
            command.CommandText =
                $"UPDATE sqlite_sequence SET seq = max(seq, {largest}) + @count WHERE name = @table RETURNING seq";
            var last = await command.ExecuteScalarAsync(ct);
            if (last is null)
            {
                command.CommandText = $"INSERT INTO sqlite_sequence (name, seq) VALUES (@table, {largest} + @count) RETURNING seq";
                last = await command.ExecuteScalarAsync(ct);
            }
            var end = Convert.ToInt64(last, System.Globalization.CultureInfo.InvariantCulture);
            for (var k = end - count + 1; k <= end; k++) keys.Add(k);
        }
        if (keys.Count != count) throw new InvalidOperationException($"{count} keys asked, {keys.Count} reserved.");
        return keys;
    }

    /// <summary>
    /// PostgreSQL: writes <paramref name="rows"/> into <paramref name="target"/> (<c>"Table" ("A", "B")</c>) with one
    /// binary COPY, on the connection's current transaction; far cheaper than INSERTs for thousands of rows (no statement
    /// to parse or plan, no parameters). Values go through the columns' EF converters, as EF's own INSERT sends them, and
    /// Npgsql writes each as its CLR type's PostgreSQL type. Returns false on other engines, which then insert.
    /// </summary>
    internal static async Task<bool> TryCopyAsync<T>(System.Data.Common.DbConnection connection, string target,
        IReadOnlyList<Microsoft.EntityFrameworkCore.Metadata.IProperty> columns, IReadOnlyList<RelationalTypeMapping> mappings,
        IReadOnlyList<T> rows, Func<T, Microsoft.EntityFrameworkCore.Metadata.IProperty, object?> valueOf, CancellationToken ct)
    {
        if (connection is not NpgsqlConnection npgsql) return false;
        await using var copy = await npgsql.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            for (var i = 0; i < columns.Count; i++)
            {
                var value = valueOf(row, columns[i]);
                if (value is not null && mappings[i].Converter is { } converter) value = converter.ConvertToProvider(value);
                if (value is null) await copy.WriteNullAsync(ct);
                else await copy.WriteAsync(value, ct);
            }
        }
        await copy.CompleteAsync(ct);
        return true;
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>The advisory lock key of start-up (any fixed number: "CPLN" in ASCII).</summary>
    public const long StartupLockKey = 0x43504C4E;

    /// <summary>
    /// Held while an instance migrates and seeds. On PostgreSQL, instances started together against one server take
    /// turns (a session advisory lock on the database, created first if missing), so two of them never seed the same
    /// catalogue at once and fail on its unique codes. On SQLite there is one machine and nothing to do.
    /// </summary>
    public static async Task<IAsyncDisposable> LockForStartupAsync(IDbContextFactory<CommsPlanDbContext> factory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!db.Database.IsNpgsql()) return NoLock.Instance;
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(ct))
        {
            try
            {
                await creator.CreateAsync(ct);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another instance created it a moment earlier.
            }
        }
        // A connection of its own, unpooled: the lock lives exactly as long as this session.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", StartupLockKey);
            await command.ExecuteNonQueryAsync(ct);
            return new AdvisoryLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class AdvisoryLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        // Closing the session releases its advisory locks.
        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}

/// <summary>The configured engine and its connection string, as the host resolved them (registered by AddCommsPlanCore).</summary>
public sealed record CommsPlanDatabase(DatabaseProvider Provider, string ConnectionString);

/// <summary>
/// Opens contexts of the configured engine's type (<see cref="DatabaseProviders.CreateContext"/>); the app, the tests
/// and the tools all get their contexts here.
/// </summary>
public sealed class CommsPlanDbContextFactory(DbContextOptions<CommsPlanDbContext> options, DatabaseProvider provider)
    : IDbContextFactory<CommsPlanDbContext>
{
    public DatabaseProvider Provider => provider;

    public CommsPlanDbContext CreateDbContext() => DatabaseProviders.CreateContext(provider, options);
}

/// <summary>
/// The same model on PostgreSQL. A type of its own only so that its migrations (Data/Migrations/PostgreSQL) are
/// kept apart from SQLite's; never construct the base type on PostgreSQL (<see cref="DatabaseInitializer"/> refuses).
/// </summary>
public sealed class PostgreSqlCommsPlanDbContext(DbContextOptions<CommsPlanDbContext> options) : CommsPlanDbContext(options);
