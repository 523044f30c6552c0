using CommsPlan.Core.Activities.Figures;
using CommsPlan.Core.Data.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Data;

/// <summary>Brings the database to the current schema and seeds the plan catalogue, or fails with a clear reason.</summary>
public static class DatabaseInitializer
{
    public static Task InitializeAsync(IDbContextFactory<CommsPlanDbContext> factory, CancellationToken ct = default) =>
        InitializeAsync(factory, TimeProvider.System, ct);

    /// <summary>As above, stamping (and auditing) the seeded rows with the app's clock (the demo's day in demo mode).</summary>
    public static async Task InitializeAsync(IDbContextFactory<CommsPlanDbContext> factory, TimeProvider time, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Time = time;
        var file = DescribeDatabase(db);
        if (db.Database.IsNpgsql() && db is not PostgreSqlCommsPlanDbContext)
            throw new DatabaseStartupException(
                $"Cannot open database {file}: a PostgreSQL database needs {nameof(PostgreSqlCommsPlanDbContext)} (open contexts through {nameof(CommsPlanDbContextFactory)}).",
                new InvalidOperationException("SQLite migrations on a PostgreSQL connection."));
        try
        {
            PrepareFolder(db);
            await db.Database.MigrateAsync(ct);
            if (db.Database.IsSqlite())
            {
                // WAL lets readers (the dashboards) go on while an agency saves; it persists in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            await CatalogueSeeder.SeedAsync(db, ct);
            // A database whose activities predate the pre-aggregated figures (an upgrade, the demo file, a file migrated
            // outside the app) gets them computed once here; from then on every write keeps them.
            if (await ActivityFigures.NeedsRebuildAsync(db, ct)) await ActivityFigures.RebuildAsync(db, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new DatabaseStartupException($"Cannot open database {file}: {Describe(ex)}", ex);
        }
    }

    private static string DescribeDatabase(CommsPlanDbContext db)
    {
        var cs = db.Database.GetConnectionString() ?? "";
        if (!db.Database.IsSqlite())
        {
            // The server and database, never the password.
            var server = new Npgsql.NpgsqlConnectionStringBuilder(cs);
            return $"{server.Database ?? "(default)"} on {server.Host}:{server.Port}";
        }
        var source = new SqliteConnectionStringBuilder(cs).DataSource;
        return string.IsNullOrEmpty(source) || source == ":memory:" ? "(in memory)" : Path.GetFullPath(source);
    }

    private static void PrepareFolder(CommsPlanDbContext db)
    {
        if (!db.Database.IsSqlite()) return;
        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.Ordinal)) return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }

    /// <summary>The innermost useful message: "file is not a database", "access denied"…</summary>
    private static string Describe(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null && inner is not SqliteException and not Npgsql.NpgsqlException) inner = inner.InnerException;
        return inner.Message;
    }
}

/// <summary>The database could not be opened, migrated or seeded; the app must not start half-way.</summary>
public sealed class DatabaseStartupException(string message, Exception inner) : Exception(message, inner);
