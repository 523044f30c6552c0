using CommsPlan.Core.Monitoring;

namespace CommsPlan.Core.Reporting;

/// <summary>
/// Everything the consolidated report shows for a period and scope, read once from the monitoring query service:
/// the page previews it and the workbook is written from it, so the two cannot disagree.
/// </summary>
/// <param name="Overview">The figures; its <see cref="MonitoringOverview.Scope"/> is the scope actually covered.</param>
/// <param name="Commendations">Commendations dated in the period, in scope.</param>
/// <param name="Difficulties">Difficulties raised in the period, in scope, with their answers.</param>
public sealed record ConsolidatedReport(
    MonitoringOverview Overview,
    IReadOnlyList<CommendationRow> Commendations,
    IReadOnlyList<DifficultyRow> Difficulties,
    ReportNarrative Narrative)
{
    public ReportingPeriod Period => Overview.Period;
    public AppliedScope Scope => Overview.Scope;

    /// <summary>The scope as the report's sub-title and the page name it: "Toàn tỉnh", "UBND cấp huyện", "Sở Tư pháp".</summary>
    public string ScopeName => Scope.Description;

    /// <summary>"BaoCao_TruyenThong_TTHC_2020-12-15_2021-03-14.xlsx" (with the agency code or group when narrower).</summary>
    public string FileName => ConsolidatedReportBuilder.FileName(Period, Scope);
}

/// <summary>What <see cref="ConsolidatedReportBuilder.WriteAsync"/> wrote.</summary>
/// <param name="DetailRows">Activities on the Chi tiết sheet.</param>
public sealed record ConsolidatedReportResult(string FileName, AppliedScope Scope, int DetailRows);
