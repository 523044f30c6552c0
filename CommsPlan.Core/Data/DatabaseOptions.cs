using System.ComponentModel.DataAnnotations;

namespace CommsPlan.Core.Data;

/// <summary>Settings of the database (configuration section "Database"); the host binds and checks them at start.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";
    public const int DefaultBusyTimeoutSeconds = 30;

    /// <summary>`Database:Provider`: Sqlite (the default) or PostgreSQL. The host reads it before it registers the engine.</summary>
    public string? Provider { get; set; }

    /// <summary>
    /// SQLite: how long a write waits for another connection's write lock before the user is told the database is busy
    /// (`Database:BusyTimeoutSeconds`, default 30). Long enough for a queue of agencies saving at a deadline, short
    /// enough that nobody stares at a spinner; at least 1 (Microsoft.Data.Sqlite reads 0 as "wait forever").
    /// </summary>
    [Range(1, 600, ErrorMessage = "must be from {1} to {2} seconds")]
    public int BusyTimeoutSeconds { get; set; } = DefaultBusyTimeoutSeconds;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DatabaseProviders.TryParse(Provider) is null)
            yield return new ValidationResult($"must be Sqlite or PostgreSQL, not \"{Provider}\"", [nameof(Provider)]);
    }
}
