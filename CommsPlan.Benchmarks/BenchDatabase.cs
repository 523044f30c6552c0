using System.Data.Common;
using CommsPlan.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommsPlan.Benchmarks;

/// <summary>One generated database the scenarios measure: a SQLite file or a PostgreSQL database.</summary>
public sealed record BenchDatabase(DatabaseProvider Provider, string ConnectionString)
{
    public static BenchDatabase Sqlite(string file) =>
        new(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file }.ToString());

    public static BenchDatabase PostgreSql(string connectionString) => new(DatabaseProvider.PostgreSQL, connectionString);

    /// <summary>The app's context factory for it, audited like the app.</summary>
    public IDbContextFactory<CommsPlanDbContext> Factory() => DataGenerator.Factory(Provider, ConnectionString);

    /// <summary>A plain ADO.NET connection, opened: what the hand-written baselines use.</summary>
    public DbConnection Open()
    {
        DbConnection connection = Provider == DatabaseProvider.PostgreSQL
            ? new NpgsqlConnection(ConnectionString)
            : new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>"SQLite" or "PostgreSQL", for the report.</summary>
    public string EngineName => Provider == DatabaseProvider.PostgreSQL ? "PostgreSQL" : "SQLite";
}
