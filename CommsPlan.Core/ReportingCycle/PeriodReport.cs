using CommsPlan.Core.Access;
using CommsPlan.Core.Common;

namespace CommsPlan.Core.ReportingCycle;

/// <summary>
/// An agency's report on one reporting period (Báo cáo định kỳ, NV5): submitted by its officer, accepted or sent back
/// by the Office. A row exists once the report was first submitted; before that the report is "Chưa gửi".
/// While it is submitted or accepted, the agency's activities dated in the period are locked.
/// </summary>
public sealed class PeriodReport : IVersioned, ITracked, Audit.IAudited
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public Agency? Agency { get; set; }

    /// <summary>The period's key (<see cref="Monitoring.ReportingPeriod.Key"/>): "2021-Q1".</summary>
    public required string PeriodKey { get; set; }

    public PeriodReportStatus Status { get; set; }

    /// <summary>The officer's short commentary sent with the report.</summary>
    public string? Commentary { get; set; }

    /// <summary>The day (in Vietnam) of the latest submission, and who made it.</summary>
    public DateOnly? SubmittedOn { get; set; }
    public string? SubmittedBy { get; set; }

    /// <summary>The day of the first submission: timeliness is judged on it, a later resubmission does not make a report late.</summary>
    public DateOnly? FirstSubmittedOn { get; set; }

    /// <summary>The day of the latest acceptance or send-back, who made it, and the comment of a send-back.</summary>
    public DateOnly? ReviewedOn { get; set; }
    public string? ReviewedBy { get; set; }
    public string? ReviewComment { get; set; }

    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}

public enum PeriodReportStatus
{
    /// <summary>Chưa gửi: no row yet.</summary>
    NotSent,
    /// <summary>Đã gửi: waiting for the Office; the period is locked.</summary>
    Submitted,
    /// <summary>Trả lại: the Office asked for corrections; the period is open again.</summary>
    SentBack,
    /// <summary>Đã duyệt: the figures are final; the period stays locked.</summary>
    Accepted,
}

public static class PeriodReportStatusExtensions
{
    public static string DisplayName(this PeriodReportStatus status) => status switch
    {
        PeriodReportStatus.NotSent => "Chưa gửi",
        PeriodReportStatus.Submitted => "Đã gửi",
        PeriodReportStatus.SentBack => "Trả lại",
        PeriodReportStatus.Accepted => "Đã duyệt",
        _ => status.ToString(),
    };

    /// <summary>Submitted or accepted: the report is in, and the period is locked for the agency.</summary>
    public static bool IsIn(this PeriodReportStatus status) => status is PeriodReportStatus.Submitted or PeriodReportStatus.Accepted;
}

/// <summary>Limits of the texts of a period report.</summary>
public static class PeriodReportLimits
{
    public const int CommentaryMaxLength = 2000;
    public const int ReviewCommentMaxLength = 2000;
}
