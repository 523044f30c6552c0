using System.Linq.Expressions;
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
/// (plus the SQLite-only durability, WAL and backup pieces, which are off on PostgreSQL): how a context is configured,
/// which context type owns which migrations, and the few query functions whose meaning differs between engines.
/// Queries elsewhere stay provider-neutral LINQ.
/// </summary>
public static class DatabaseProviders
{
    /// <summary>"Sqlite" or "PostgreSQL" (case-insensitive; "Postgres" too); empty means the default, SQLite.</summary>
    public static DatabaseProvider Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgresql" or "postgres" or "npgsql" => DatabaseProvider.PostgreSQL,
        _ => throw new ArgumentException($"Unknown Database:Provider '{value}': use Sqlite or PostgreSQL.", nameof(value)),
    };

    /// <summary>Points the options at the engine; interceptors and the rest are the caller's.</summary>
    public static DbContextOptionsBuilder UseProvider(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString),
            DatabaseProvider.PostgreSQL => options.UseNpgsql(connectionString),
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };

    /// <summary>
    /// The context type for the engine. Each type owns its migrations (EF Core's "one context type per provider"):
    /// <see cref="CommsPlanDbContext"/> those in Data/Migrations/Sqlite, <see cref="PostgreSqlCommsPlanDbContext"/>
    /// those in Data/Migrations/PostgreSQL. Everything else in the app sees a <see cref="CommsPlanDbContext"/>.
    /// </summary>
    public static CommsPlanDbContext CreateContext(DatabaseProvider provider, DbContextOptions<CommsPlanDbContext> options) =>
        provider == DatabaseProvider.PostgreSQL ? new PostgreSqlCommsPlanDbContext(options) : new CommsPlanDbContext(options);

    /// <summary>The engine a context talks to.</summary>
    public static DatabaseProvider ProviderOf(DatabaseFacade database) =>
        database.IsNpgsql() ? DatabaseProvider.PostgreSQL : DatabaseProvider.Sqlite;

    /// <summary>
    /// Rows where any of <paramref name="columns"/> contains <paramref name="text"/>, ignoring case. SQLite's LIKE
    /// ignores (ASCII) case, PostgreSQL's is case-sensitive: there the same search is ILIKE, which also folds the case
    /// of Vietnamese letters. The text is matched literally (its % and _ are escaped).
    /// </summary>
    public static IQueryable<T> WhereContainsIgnoringCase<T>(this IQueryable<T> query, DatabaseFacade database, string text,
        params Expression<Func<T, string?>>[] columns)
    {
        if (columns.Length == 0) throw new ArgumentException("At least one column.", nameof(columns));
        var pattern = "%" + text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
        // A closure member, not a constant: EF sends it as a parameter, so the query plan is shared by every search.
        var holder = new PatternHolder(pattern);
        var patternExpression = Expression.Field(Expression.Constant(holder), nameof(PatternHolder.Pattern));
        var escape = Expression.Constant(@"\");
        var like = ProviderOf(database) == DatabaseProvider.PostgreSQL ? ILike : Like;
        var row = Expression.Parameter(typeof(T), "row");
        Expression? any = null;
        foreach (var column in columns)
        {
            var value = new ReplaceParameter(column.Parameters[0], row).Visit(column.Body);
            Expression match = Expression.Call(like, Expression.Constant(EF.Functions), value, patternExpression, escape);
            any = any is null ? match : Expression.OrElse(any, match);
        }
        return query.Where(Expression.Lambda<Func<T, bool>>(any!, row));
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

    private static readonly System.Reflection.MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(
        nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    private static readonly System.Reflection.MethodInfo ILike = typeof(NpgsqlDbFunctionsExtensions).GetMethod(
        nameof(NpgsqlDbFunctionsExtensions.ILike), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    private sealed class PatternHolder(string pattern)
    {
        public readonly string Pattern = pattern;
    }

    private sealed class ReplaceParameter(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
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
