using CommsPlan.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Dashboard;

internal static class DatabaseSettings
{
    public const string ConnectionStringName = "CommsPlan";
    private const string DefaultConnectionString = "Data Source=App_Data/commsplan.db";

    /// <summary>
    /// `ConnectionStrings:CommsPlan`, default a file in the Dashboard's App_Data folder. A relative SQLite path is
    /// taken from the content root, so the app finds the same file whatever folder it was started from.
    /// </summary>
    public static string ResolveConnectionString(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var raw = configuration.GetConnectionString(ConnectionStringName);
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

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>();
        await DatabaseInitializer.InitializeAsync(factory, app.Services.GetRequiredService<TimeProvider>());
    }
}
