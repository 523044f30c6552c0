using System.ComponentModel.DataAnnotations;

namespace CommsPlan.Core.Common.HeavyJobs;

/// <summary>
/// How much heavy work (building workbooks and documents, reading and committing imports) one server does at once, and
/// how many requests may wait for it (configuration section "Limits"). The defaults suit the province's two-core
/// server: two jobs keep both cores busy while the rest of the app still answers.
/// </summary>
public sealed class HeavyJobLimits
{
    public const string Section = "Limits";

    /// <summary>`Limits:HeavyJobs`: jobs running at once on this server.</summary>
    [Range(1, 64, ErrorMessage = "must be from {1} to {2}")]
    public int HeavyJobs { get; set; } = 2;

    /// <summary>`Limits:HeavyJobsPerUser`: jobs of one user running at once; the user's next one waits its turn.</summary>
    [Range(1, 64, ErrorMessage = "must be from {1} to {2}")]
    public int HeavyJobsPerUser { get; set; } = 1;

    /// <summary>`Limits:HeavyQueue`: jobs waiting at once; one more is refused ("busy, try later", HTTP 503).</summary>
    [Range(0, 10_000, ErrorMessage = "must be from {1} to {2}")]
    public int HeavyQueue { get; set; } = 20;

    /// <summary>`Limits:HeavyQueuePerUser`: jobs of one user waiting at once, so one user cannot fill the whole queue.</summary>
    [Range(0, 10_000, ErrorMessage = "must be from {1} to {2}")]
    public int HeavyQueuePerUser { get; set; } = 5;
}
