using System.ComponentModel.DataAnnotations;

namespace CommsPlan.Core.Data;

/// <summary>Settings of the database connection (configuration section "Database", beside `Database:Provider`).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const int DefaultBusyTimeoutSeconds = 30;

    /// <summary>
    /// SQLite: how long a write waits for another connection's write lock before the user is told the database is busy
    /// (`Database:BusyTimeoutSeconds`, default 30). Long enough for a queue of agencies saving at a deadline, short
    /// enough that nobody stares at a spinner; at least 1 (Microsoft.Data.Sqlite reads 0 as "wait forever").
    /// </summary>
    [Range(1, 600)]
    public int BusyTimeoutSeconds { get; set; } = DefaultBusyTimeoutSeconds;
}
