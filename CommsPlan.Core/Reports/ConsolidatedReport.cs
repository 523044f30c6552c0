using CommsPlan.Core.Feedback;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;

using CommsPlan.Core.Access;
namespace CommsPlan.Core.Reports;

/// <summary>
/// Everything the consolidated report shows for a period and scope, read once from the monitoring query service:
/// the page previews it and the workbook is written from it, so the two cannot disagree.
/// </summary>
/// <param name="Overview">The figures; its <see cref="MonitoringOverview.Scope"/> is the scope actually covered.</param>
/// <param name="Commendations">Commendations dated in the period, in scope.</param>
/// <param name="Difficulties">Difficulties raised in the period, in scope, with their answers.</param>
/// <param name="Issuer">Who issues the paper: the Office, or an officer's own agency.</param>
/// <param name="PreparedBy">The full name of who prepared it (Người lập biểu): the user asking.</param>
/// <param name="Plan">The plan the report answers to; null on a database without one.</param>
/// <param name="SamePeriodLastYear">
/// The period against the same days one year earlier in the previous plan (So sánh cùng kỳ); null when there is no issued
/// plan of the year before.
/// </param>
public sealed record ConsolidatedReport(
    MonitoringOverview Overview,
    IReadOnlyList<CommendationRow> Commendations,
    IReadOnlyList<DifficultyRow> Difficulties,
    ReportNarrative Narrative,
    IssuingBody Issuer,
    string PreparedBy,
    PlanReference? Plan,
    Compare.YearComparison? SamePeriodLastYear = null)
{
    /// <summary>The Office issues every paper but an officer's own.</summary>
    public bool IssuedByOffice => !Scope.IsOwnAgencyOnly;

    /// <summary>Nơi nhận of the paper.</summary>
    public IReadOnlyList<string> Recipients => ReportRecipients.For(Issuer, IssuedByOffice);

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

/// <summary>Figures the report's tables derive from the overview, shared by the workbook and the page's preview.</summary>
public static class ReportFigures
{
    /// <summary>The agency's activities of the period on the channels of one form group (HT1, HT2, HT3).</summary>
    public static int ActivitiesIn(this AgencyProgress agency, string formGroupCode)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return agency.Channels.Where(c => c.FormGroupCode == formGroupCode).Sum(c => c.PeriodActivities);
    }

    /// <summary>
    /// The headline figures under the summary table and beside the page's preview, labelled alike, in the order of
    /// the overview's cards.
    /// </summary>
    public static IReadOnlyList<KeyFigure> KeyFigures(KpiFigures k)
    {
        ArgumentNullException.ThrowIfNull(k);
        return
        [
            new("Hoạt động truyền thông", "hoạt động", k.Activities),
            new("Tin, bài, chương trình, lượt phát trên phương tiện thông tin đại chúng", "tin, bài, chương trình", k.MassMediaItems),
            new("Hội nghị, hội thảo, cuộc thi, lớp đào tạo, bồi dưỡng", "hội nghị, cuộc thi, lớp", k.Events),
            new("Người tham dự, tham gia hội nghị, cuộc thi, lớp bồi dưỡng", "lượt người", k.EventParticipants),
            new("Tài liệu hướng dẫn nghiệp vụ", "tài liệu", k.Documents),
            new("Số bản tài liệu hướng dẫn nghiệp vụ", "bản", k.DocumentCopies),
            new("Tờ rơi, tờ gấp, áp phích", "tờ", k.PrintCopies),
            new("Pano, băng rôn, khẩu hiệu", "cái", k.VisualItems),
            new("Cơ quan, đơn vị có hoạt động trong kỳ", "cơ quan, đơn vị", k.AgenciesReported),
            new("Cơ quan, đơn vị đang hoạt động", "cơ quan, đơn vị", k.ActiveAgencies),
            new("Kế hoạch của đơn vị ban hành đúng hạn", "kế hoạch", k.UnitPlansOnTime),
            new("Kế hoạch của đơn vị ban hành trễ hạn", "kế hoạch", k.UnitPlansLate),
            new("Cơ quan, đơn vị chưa ban hành kế hoạch", "cơ quan, đơn vị", k.UnitPlansMissing),
            new("Tổng kinh phí", "đồng", k.TotalCost),
        ];
    }

    /// <summary>The "% of the year's target" as shown: rounded down to a whole percent, so 69,6% never reads 70% beside "Rất chậm".</summary>
    public static double? TargetShareShown(this AgencyProgress agency)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return agency.TargetShare is { } share ? Math.Floor(share * 100 + 1e-9) / 100 : null;
    }
}

/// <summary>One headline figure of the report: what it counts, its unit, its value.</summary>
public sealed record KeyFigure(string Name, string Unit, long Value);
