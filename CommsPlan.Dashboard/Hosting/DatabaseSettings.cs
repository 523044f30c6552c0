using CommsPlan.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Dashboard.Hosting;

internal static class DatabaseSettings
{
    public const string ConnectionStringName = "CommsPlan";
    private const string DefaultConnectionString = "Data Source=App_Data/commsplan.db";

    public const string ProviderKey = "Database:Provider";

    /// <summary>`Database:Provider`: Sqlite (the default) or PostgreSQL; needed to register the engine, so read now.</summary>
    /// <exception cref="SettingsException">A `Database` setting cannot be read or breaks its rule.</exception>
    public static DatabaseProvider ResolveProvider(IConfiguration configuration) =>
        DatabaseProviders.Parse(Settings.Read<DatabaseOptions>(configuration, DatabaseOptions.Section).Provider);

    /// <summary>
    /// `ConnectionStrings:CommsPlan`. On SQLite the default is a file in the Dashboard's App_Data folder, and a relative
    /// path is taken from the content root, so the app finds the same file whatever folder it was started from. On
    /// PostgreSQL it is the server's connection string, with no default.
    /// </summary>
    public static string ResolveConnectionString(IConfiguration configuration, IWebHostEnvironment environment, DatabaseProvider provider)
    {
        var raw = configuration.GetConnectionString(ConnectionStringName);
        if (provider == DatabaseProvider.PostgreSQL)
        {
            // The shared appsettings.json names a SQLite file: a PostgreSQL deployment must give its server.
            if (!IsPostgreSqlConnectionString(raw))
                throw new DatabaseStartupException(
                    $"{ProviderKey} is PostgreSQL but ConnectionStrings:{ConnectionStringName} is not a PostgreSQL connection string "
                    + "(e.g. Host=db.example;Database=commsplan;Username=commsplan;Password=…).", new ArgumentException("Not a PostgreSQL connection string."));
            return raw;
        }
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(raw) ? DefaultConnectionString : raw);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:"
            && !builder.DataSource.StartsWith("file:", StringComparison.Ordinal) && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(environment.ContentRootPath, builder.DataSource);
        }
        builder.Pooling = true;
        // Writers wait for each other instead of failing at once with "database is locked".
        return SqliteDurability.Harden(builder.ToString());
    }

    private static bool IsPostgreSqlConnectionString([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return false;
        try
        {
            return !string.IsNullOrWhiteSpace(new Npgsql.NpgsqlConnectionStringBuilder(raw).Host);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Held by Program while it migrates and seeds (<see cref="DatabaseProviders.LockForStartupAsync"/>).</summary>
    public static async Task<IAsyncDisposable> LockDatabaseForStartupAsync(this WebApplication app)
    {
        try
        {
            return await DatabaseProviders.LockForStartupAsync(app.Services.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>());
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException)
        {
            throw new DatabaseStartupException($"Cannot reach the database server: {ex.Message}", ex);
        }
    }

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>();
        await DatabaseInitializer.InitializeAsync(factory, app.Services.GetRequiredService<TimeProvider>());
    }
}
