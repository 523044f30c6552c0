using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.UnitPlans;

namespace CommsPlan.Core.Monitoring;

/// <summary>
/// How far into the plan's year progress is judged: on <see cref="AsOf"/> (today, or the end of a past period),
/// counting activities from <see cref="PlanStart"/>; <see cref="ElapsedShare"/> of the year has gone by then.
/// </summary>
public sealed record ProgressWindow(DateOnly PlanStart, DateOnly PlanEnd, DateOnly AsOf, double ElapsedShare);

/// <summary>The headline figures of a period and scope.</summary>
/// <param name="Activities">Activities dated (by start date) in the period.</param>
/// <param name="MassMediaItems">HT1: sum of quantities on mass-media channels (news items, programmes, broadcasts, posts).</param>
/// <param name="Events">HT2 conferences, contests, courses: sum of quantities on channels whose second measure counts people.</param>
/// <param name="EventParticipants">The second measure of those channels (lượt người, lượt).</param>
/// <param name="Documents">HT2 guidance documents (quantity); <paramref name="DocumentCopies"/> their copies.</param>
/// <param name="PrintCopies">HT3 leaflets, brochures, posters: sheets.</param>
/// <param name="VisualItems">HT3 billboards, banners, slogans.</param>
/// <param name="AgenciesReported">Active agencies in scope with at least one activity in the period.</param>
/// <param name="ActiveAgencies">Active agencies in scope.</param>
/// <param name="UnitPlansOnTime">Agencies bound by NV1 whose unit plan was issued by the NV1 deadline (see <see cref="UnitPlanStatusRule"/>).</param>
/// <param name="UnitPlansNotDue">Bound agencies without a unit plan while NV1's deadline has not passed yet.</param>
/// <param name="TotalCost">Sum of costs, in đồng.</param>
public sealed record KpiFigures(
    int Activities,
    long MassMediaItems,
    long Events,
    long EventParticipants,
    long Documents,
    long DocumentCopies,
    long PrintCopies,
    long VisualItems,
    int AgenciesReported,
    int ActiveAgencies,
    int UnitPlansOnTime,
    int UnitPlansLate,
    int UnitPlansMissing,
    int UnitPlansNotDue,
    long TotalCost)
{
    public int UnitPlansRequired => UnitPlansOnTime + UnitPlansLate + UnitPlansMissing + UnitPlansNotDue;
}

/// <summary>One channel's figures in the period and scope.</summary>
public sealed record ChannelFigures(
    string Code,
    string Name,
    string Unit,
    string? SecondMeasureLabel,
    string? SecondMeasureUnit,
    ChannelMeasure Measure,
    int Activities,
    long Quantity,
    long SecondMeasure,
    long Cost)
{
    public bool HasSecondMeasure => SecondMeasureLabel is not null;
}

/// <summary>A form group (HT1–HT3) with its channels; the totals add up the channels.</summary>
public sealed record FormGroupFigures(string Code, string Name, IReadOnlyList<ChannelFigures> Channels)
{
    public int Activities => Channels.Sum(c => c.Activities);
    public long Cost => Channels.Sum(c => c.Cost);
}

/// <summary>Activities started in one calendar month of the period.</summary>
public sealed record MonthFigures(int Year, int Month, int Activities, long Cost)
{
    /// <summary>"T3/2021".</summary>
    public string Label => $"T{Month}/{Year}";
}

/// <summary>Activities tagged with one objective or theme (an activity may carry several).</summary>
public sealed record CatalogueCount(string Code, string DisplayCode, string Name, int Activities);

/// <summary>One agency on one channel: what it did in the period, what it did in the plan's year so far, against its target.</summary>
/// <param name="YearToDateQuantity">Quantity from the plan's start to the progress day: what the target is measured against.</param>
/// <param name="Target">The unit plan's target for the year; null when none.</param>
/// <param name="Expected">Target × elapsed share of the year; null without a target.</param>
/// <param name="Ratio">Year-to-date ÷ expected; null without a target.</param>
public sealed record ChannelProgress(
    string ChannelCode,
    string ChannelName,
    string Unit,
    string FormGroupCode,
    int PeriodActivities,
    long PeriodQuantity,
    long PeriodSecondMeasure,
    long PeriodCost,
    long YearToDateQuantity,
    int? Target,
    double? Expected,
    double? Ratio,
    ProgressStatus Status)
{
    /// <summary>Year-to-date ÷ the whole year's target (0–∞); null without a target.</summary>
    public double? TargetShare => Target is > 0 ? (double)YearToDateQuantity / Target.Value : null;
}

/// <summary>
/// An agency's row: its activities in the period, and its standing against its targets (see
/// <see cref="ProgressRule.Combine"/>).
/// </summary>
/// <param name="UnitPlan">Its unit plan's compliance with NV1; null when NV1 does not bind it (the media, the Office).</param>
/// <param name="Ratio">Mean over targeted channels of year-to-date ÷ expected, each capped at 1.</param>
/// <param name="TargetShare">Mean over targeted channels of year-to-date ÷ target, each capped at 1: the "% of target".</param>
public sealed record AgencyProgress(
    AgencyRef Agency,
    bool IsActive,
    int Activities,
    long Cost,
    DateOnly? LastActivityOn,
    UnitPlanStatus? UnitPlan,
    IReadOnlyList<ChannelProgress> Channels,
    double? Ratio,
    double? TargetShare,
    ProgressStatus Status);

/// <summary>An agency bound by NV1 and its unit plan: on time, late, or missing.</summary>
public sealed record UnitPlanCompliance(
    AgencyRef Agency,
    UnitPlanStatus Status,
    string? DocumentNumber,
    DateOnly? IssuedOn,
    string? Link,
    DateOnly? Deadline)
{
    public string StatusName => UnitPlanStatusRule.DisplayName(Status);
}

/// <summary>A row or column of a coverage matrix.</summary>
public sealed record CoverageAxis(string Code, string Label, string Name);

/// <summary>
/// Counts of activities per row × column (objectives × agencies, themes × channels); a cell of 0 is a gap
/// the plan has not reached.
/// </summary>
public sealed record CoverageMatrix(IReadOnlyList<CoverageAxis> Rows, IReadOnlyList<CoverageAxis> Columns, IReadOnlyList<IReadOnlyList<int>> Counts)
{
    public int Count(string rowCode, string columnCode)
    {
        var row = IndexOf(Rows, rowCode);
        var column = IndexOf(Columns, columnCode);
        return row < 0 || column < 0 ? 0 : Counts[row][column];
    }

    public IEnumerable<(CoverageAxis Row, CoverageAxis Column)> Gaps =>
        Rows.SelectMany((row, r) => Columns.Where((_, c) => Counts[r][c] == 0).Select(column => (row, column)));

    public int GapCount => Counts.Sum(row => row.Count(c => c == 0));

    private static int IndexOf(IReadOnlyList<CoverageAxis> axis, string code)
    {
        for (var i = 0; i < axis.Count; i++)
            if (axis[i].Code == code) return i;
        return -1;
    }
}

/// <summary>An agency that logged nothing in the last <see cref="OverviewService.SilentDays"/> days.</summary>
public sealed record SilentAgencyAlert(AgencyRef Agency, DateOnly? LastActivityOn);

public sealed record FarBehindAlert(AgencyRef Agency, double Ratio);

/// <summary>An open difficulty left unanswered longer than <see cref="OverviewService.StaleDifficultyDays"/> days.</summary>
public sealed record DifficultyAlert(int DifficultyId, AgencyRef Agency, string Title, DateOnly RaisedOn, int DaysOpen);

/// <summary>What the Office must act on, always as of today whatever period is shown.</summary>
public sealed record MonitoringAlerts(
    IReadOnlyList<AgencyRef> WithoutUnitPlan,
    IReadOnlyList<SilentAgencyAlert> Silent,
    IReadOnlyList<FarBehindAlert> FarBehind,
    IReadOnlyList<DifficultyAlert> StaleDifficulties,
    IReadOnlyList<ReportingCycle.PendingReportAlert> ReportsNotSubmitted,
    IReadOnlyList<ReportingCycle.PendingReportAlert> ReportsOverdue)
{
    public int Count => WithoutUnitPlan.Count + Silent.Count + FarBehind.Count + StaleDifficulties.Count
        + ReportsNotSubmitted.Count + ReportsOverdue.Count;
}

/// <summary>Everything the overview (and the consolidated report) shows for a period and scope.</summary>
/// <param name="ProvinceKpis">Province-wide totals when <paramref name="Scope"/> is narrower (always for an officer); null otherwise.</param>
/// <param name="Agencies">Agencies in scope that are active or did something in the period, by group then catalogue order.</param>
/// <param name="Reporting">The period reports on the report periods lying in the period (none for a month or a custom range), active agencies in scope.</param>
/// <param name="UnitPlanAssignmentCode">The plan's unit-plan assignment (NV1) as shown, for labels; null when the plan has none.</param>
public sealed record MonitoringOverview(
    ReportingPeriod Period,
    DateOnly Today,
    ProgressWindow Progress,
    AppliedScope Scope,
    KpiFigures Kpis,
    KpiFigures? ProvinceKpis,
    IReadOnlyList<MonthFigures> ByMonth,
    IReadOnlyList<FormGroupFigures> ByFormGroup,
    IReadOnlyList<CatalogueCount> ByObjective,
    IReadOnlyList<CatalogueCount> ByTheme,
    IReadOnlyList<AgencyProgress> Agencies,
    IReadOnlyList<UnitPlanCompliance> UnitPlans,
    CoverageMatrix ObjectivesByAgency,
    CoverageMatrix ThemesByChannel,
    MonitoringAlerts Alerts,
    ReportingCycle.ReportingStatus Reporting,
    string? UnitPlanAssignmentCode)
{
    public IEnumerable<ChannelFigures> ByChannel => ByFormGroup.SelectMany(g => g.Channels);
}

/// <summary>An agency's unit plan with its targets, in catalogue order.</summary>
public sealed record UnitPlanSummary(UnitPlanCompliance Compliance, IReadOnlyList<UnitPlanTargetRow> Targets);

public sealed record ActivityPage(IReadOnlyList<ActivityRow> Items, int TotalCount);

/// <summary>What <c>/agencies/{code}</c> shows beside the paged list of activities.</summary>
/// <param name="UnitPlanAssignmentCode">The plan's unit-plan assignment (NV1) as shown, for labels; null when the plan has none.</param>
public sealed record AgencyDetail(
    AgencyRef Agency,
    bool IsActive,
    ReportingPeriod Period,
    DateOnly Today,
    ProgressWindow Progress,
    KpiFigures Kpis,
    AgencyProgress Standing,
    UnitPlanSummary? UnitPlan,
    bool BoundByUnitPlanTask,
    IReadOnlyList<CatalogueCount> ByObjective,
    IReadOnlyList<CatalogueCount> ByTheme,
    IReadOnlyList<CommendationRow> Commendations,
    IReadOnlyList<DifficultyRow> Difficulties,
    string? UnitPlanAssignmentCode);
