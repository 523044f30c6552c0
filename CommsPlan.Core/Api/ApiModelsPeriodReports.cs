using CommsPlan.Core.Access;
using CommsPlan.Core.ReportingCycle;

namespace CommsPlan.Core.Api;

/// <summary>
/// The period reports of a plan year (GET /api/v1/period-reports): for every agency the caller reads, one report per
/// Decree 09 quarter, as the /reporting page shows them. A report never sent has status "NotSent" and version 0.
/// </summary>
public sealed record ApiPeriodReportList(int Plan, int DueDays, IReadOnlyList<ApiPeriodReport> Reports)
{
    public static ApiPeriodReportList From(ReportingBoard board)
    {
        ArgumentNullException.ThrowIfNull(board);
        return new(board.Year, board.DueDays,
            [.. board.Status.Agencies.SelectMany(a => a.Reports.Select(r => ApiPeriodReport.Of(a.Agency, r, null)))]);
    }
}

/// <summary>
/// One agency's report on one quarter: its status, when it was (first) sent and reviewed, whether it came in on time,
/// and the version a submit may send back as If-Match.
/// </summary>
public sealed record ApiPeriodReport(
    string AgencyCode,
    string AgencyName,
    string PeriodKey,
    string PeriodTitle,
    DateOnly From,
    DateOnly To,
    DateOnly DueDate,
    string Status,
    string StatusName,
    DateOnly? SubmittedOn,
    string? SubmittedBy,
    DateOnly? FirstSubmittedOn,
    DateOnly? ReviewedOn,
    string? ReviewedBy,
    string? ReviewComment,
    bool OnTime,
    bool Overdue,
    string? Commentary,
    long Version)
{
    /// <param name="commentary">The officer's commentary, when the caller loaded one report (the list leaves it out).</param>
    public static ApiPeriodReport Of(AgencyRef agency, PeriodReportCell report, string? commentary)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(report);
        return new(agency.Code, agency.Name, report.Period.Key, report.Period.Title, report.Period.From, report.Period.To, report.DueDate,
            report.Status.ToString(), report.Status.DisplayName(), report.SubmittedOn, report.SubmittedBy, report.FirstSubmittedOn,
            report.ReviewedOn, report.ReviewedBy, report.ReviewComment, report.IsInOnTime, report.IsOverdue, commentary, report.Version);
    }

    public static ApiPeriodReport Of(PeriodReportDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return Of(details.Agency, details.Report, details.Commentary);
    }
}

/// <summary>What POST /api/v1/period-reports/{periodKey}/submit carries: the officer's short commentary (Nhận xét của đơn vị), optional.</summary>
public sealed class ApiPeriodReportSubmission
{
    public string? Commentary { get; init; }
}
