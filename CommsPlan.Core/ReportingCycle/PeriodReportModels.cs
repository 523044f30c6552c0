using CommsPlan.Core.Monitoring;

using CommsPlan.Core.Access;
namespace CommsPlan.Core.ReportingCycle;

/// <summary>One agency's report on one period, as of <see cref="Today"/> (a "Chưa gửi" report has no row: version 0).</summary>
public sealed record PeriodReportCell(
    int AgencyId,
    ReportingPeriod Period,
    PeriodReportStatus Status,
    DateOnly DueDate,
    DateOnly? SubmittedOn,
    string? SubmittedBy,
    DateOnly? FirstSubmittedOn,
    DateOnly? ReviewedOn,
    string? ReviewedBy,
    string? ReviewComment,
    long Version,
    DateOnly Today)
{
    /// <summary>The period reached its cut-off day: its report may be sent.</summary>
    public bool IsDue => Today >= Period.CutOff;

    /// <summary>Not in (not sent, or sent back) after the due date.</summary>
    public bool IsOverdue => !Status.IsIn() && Today > DueDate;

    /// <summary>Days until the due date; negative once it passed.</summary>
    public int DaysLeft => DueDate.DayNumber - Today.DayNumber;

    /// <summary>In, and first sent on or before the due date.</summary>
    public bool IsInOnTime => Status.IsIn() && FirstSubmittedOn is { } first && first <= DueDate;

    /// <summary>In, but first sent after the due date.</summary>
    public bool IsInLate => Status.IsIn() && FirstSubmittedOn is { } first && first > DueDate;
}

/// <summary>
/// Completeness and timeliness of one period over the agencies expected to report (the active ones in scope):
/// <see cref="InShare"/> have their report in (sent or accepted), <see cref="OnTimeShare"/> had it in by the due date.
/// </summary>
public sealed record PeriodCompleteness(
    ReportingPeriod Period,
    DateOnly DueDate,
    bool IsDue,
    int Expected,
    int Submitted,
    int Accepted,
    int SentBack,
    int OnTime)
{
    /// <summary>Reports in: waiting for review or accepted.</summary>
    public int In => Submitted + Accepted;
    public int NotIn => Expected - In;
    public int Late => In - OnTime;
    public double? InShare => Expected == 0 ? null : (double)In / Expected;
    public double? OnTimeShare => Expected == 0 ? null : (double)OnTime / Expected;
}

/// <summary>An agency's reports on the periods of a board.</summary>
public sealed record ReportingAgencyRow(AgencyRef Agency, IReadOnlyList<PeriodReportCell> Reports);

/// <summary>The reporting cycle of a set of periods over a set of agencies: the figures per period and every report.</summary>
public sealed record ReportingStatus(IReadOnlyList<PeriodCompleteness> Periods, IReadOnlyList<ReportingAgencyRow> Agencies)
{
    public static ReportingStatus Empty { get; } = new([], []);

    public PeriodReportCell? Find(int agencyId, string periodKey) =>
        Agencies.FirstOrDefault(a => a.Agency.Id == agencyId)?.Reports.FirstOrDefault(r => r.Period.Key == periodKey);
}

/// <summary>The /reporting page: a year's periods for the agencies the user reads.</summary>
public sealed record ReportingBoard(int Year, DateOnly Today, int DueDays, ReportingStatus Status);

/// <summary>One report with what the period holds and what the user may do to it.</summary>
/// <param name="Activities">The agency's activities dated in the period; <paramref name="Cost"/> their cost in đồng.</param>
/// <param name="Id">The stored report's id (its audit history's key); null for one never sent.</param>
/// <param name="SubmitBlockedReason">Why the officer cannot send it yet (the period has not reached its cut-off), when so.</param>
public sealed record PeriodReportDetails(
    int? Id,
    AgencyRef Agency,
    PeriodReportCell Report,
    string? Commentary,
    int Activities,
    long Cost,
    bool CanSubmit,
    bool CanAccept,
    bool CanSendBack,
    string? SubmitBlockedReason);

public enum ReminderKind
{
    /// <summary>An officer's report due within <see cref="ReportingOptions.ReminderDays"/> days.</summary>
    DueSoon,
    /// <summary>An officer's report past its due date.</summary>
    Overdue,
    /// <summary>An officer's report the Office sent back.</summary>
    SentBack,
    /// <summary>A monitor's report waiting for review.</summary>
    AwaitingReview,
}

/// <summary>Something the user still has to do in the reporting cycle, with where to do it.</summary>
public sealed record Reminder(ReminderKind Kind, AgencyRef Agency, ReportingPeriod Period, DateOnly DueDate, string Text, string Href);

/// <summary>An agency with reports not in, for the overview's alerts.</summary>
public sealed record PendingReportAlert(AgencyRef Agency, IReadOnlyList<PeriodReportCell> Reports)
{
    /// <summary>"Quý I/2021, Quý III/2021".</summary>
    public string PeriodTitles => string.Join(", ", Reports.Select(r => r.Period.Title));
}
