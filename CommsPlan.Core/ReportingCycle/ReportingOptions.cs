using System.ComponentModel.DataAnnotations;

namespace CommsPlan.Core.ReportingCycle;

/// <summary>Settings of the reporting cycle (configuration section "Reporting").</summary>
public sealed class ReportingOptions
{
    public const string Section = "Reporting";

    /// <summary>Days after a period's cut-off day its report is due (Reporting:DueDays, default 5: Quý I/2021 is due 19/3/2021).</summary>
    [Range(0, 60, ErrorMessage = "must be from {1} to {2} days")]
    public int DueDays { get; set; } = 5;

    /// <summary>How many days before the due date an officer's bell starts reminding.</summary>
    public const int ReminderDays = 7;
}
