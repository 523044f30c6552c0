using CommsPlan.Core.Access;
using CommsPlan.Core.UnitPlans;

namespace CommsPlan.Core.Compare;

/// <summary>One side of a comparison: a plan year and the days of it compared.</summary>
/// <param name="From">First day counted (the plan's start, or the same day a year before the other side's).</param>
/// <param name="To">Last day counted.</param>
public sealed record ComparedYear(int PlanId, int Year, string PlanNumber, DateOnly From, DateOnly To);

/// <summary>What a row counts in one year. Quantities are in the channel's unit, so only a channel row has one.</summary>
/// <param name="Quantity">The channel's quantity (channel rows); null on rows adding channels of different units.</param>
/// <param name="SecondMeasure">The channel's own second measure (minutes, copies, people) when it has one (channel rows).</param>
/// <param name="Participants">
/// People attending or taking part: the second measure of the channels that count people (conferences, contests,
/// courses, as the overview's card counts them); null on a channel row whose channel counts none.
/// </param>
/// <param name="Cost">Cost in đồng.</param>
public sealed record YearFigures(int Activities, long? Quantity, long? SecondMeasure, long? Participants, long Cost)
{
    public static YearFigures Zero { get; } = new(0, null, null, 0, 0);
}

/// <summary>Whether a code exists in one year's catalogue, the other's or both: codes are matched, never merged by name.</summary>
public enum ComparedPresence
{
    Both,
    /// <summary>The code exists only in the earlier year's catalogue (a channel dropped or renamed).</summary>
    BaseOnly,
    /// <summary>The code exists only in the later year's catalogue (a new channel, objective or theme).</summary>
    CurrentOnly,
}

/// <summary>
/// One code compared across two years: a channel (BAO), a form group (HT1), an objective (MD1), a theme (ND2), an agency.
/// <see cref="Base"/> or <see cref="Current"/> is null when the code does not exist in that year's catalogue — an empty
/// cell, not a zero.
/// </summary>
/// <param name="Name">The later year's name when the code exists there, else the earlier year's.</param>
/// <param name="GroupCode">The channel's form group (channel rows).</param>
/// <param name="Unit">The channel's unit (channel rows).</param>
/// <param name="SecondMeasureUnit">The channel's second measure's unit (channel rows with one).</param>
public sealed record ComparedRow(
    string Code, string DisplayCode, string Name, string? GroupCode, string? Unit, string? SecondMeasureUnit,
    YearFigures? Base, YearFigures? Current)
{
    public ComparedPresence Presence => Base is null ? ComparedPresence.CurrentOnly
        : Current is null ? ComparedPresence.BaseOnly
        : ComparedPresence.Both;

    public Change Activities => Change.Of(Base?.Activities, Current?.Activities);
    public Change Quantity => Change.Of(Base?.Quantity, Current?.Quantity);
    public Change SecondMeasure => Change.Of(Base?.SecondMeasure, Current?.SecondMeasure);
    public Change Participants => Change.Of(Base?.Participants, Current?.Participants);
    public Change Cost => Change.Of(Base?.Cost, Current?.Cost);
}

/// <summary>
/// The change from one year to the next: absolute, and relative to the earlier year. No percentage on a base of zero
/// (or a missing one): growth from nothing has no ratio, and a page says "mới" rather than inventing one.
/// </summary>
public readonly record struct Change(long? Base, long? Current)
{
    public static Change Of(long? @base, long? current) => new(@base, current);

    /// <summary>Later minus earlier, a missing side counting as none; null when neither year has the figure.</summary>
    public long? Delta => Base is null && Current is null ? null : (Current ?? 0) - (Base ?? 0);

    /// <summary>The change as a share of the earlier year (0.25 for +25 %); null when the earlier year has none.</summary>
    public double? Percent => Base is > 0 && Current is { } current ? (double)(current - Base.Value) / Base.Value : null;

    /// <summary>Something in the later year where the earlier had nothing: shown as "mới" instead of a percentage.</summary>
    public bool IsNew => (Base ?? 0) == 0 && Current is > 0;
}

/// <summary>Report timeliness and unit plans of one year, for the agencies in scope.</summary>
/// <param name="ReportsExpected">Quarter reports expected: active agencies × the year's quarters already due in the compared days.</param>
/// <param name="ReportsOnTime">Of those, reports in by their due date (<see cref="ReportingCycle.PeriodReportCell.IsInOnTime"/>).</param>
/// <param name="UnitPlansRequired">Agencies NV1 binds that year.</param>
/// <param name="UnitPlansOnTime">Of those, with a unit plan issued by that year's NV1 deadline (<see cref="UnitPlanStatusRule"/>).</param>
public sealed record YearTimeliness(int ReportsExpected, int ReportsOnTime, int UnitPlansRequired, int UnitPlansOnTime)
{
    public double? ReportsOnTimeShare => ReportsExpected == 0 ? null : (double)ReportsOnTime / ReportsExpected;
    public double? UnitPlansOnTimeShare => UnitPlansRequired == 0 ? null : (double)UnitPlansOnTime / UnitPlansRequired;
}

/// <summary>An agency in both years: its activities and its timeliness each year.</summary>
/// <param name="BaseUnitPlan">Its unit plan's standing in the earlier year; null when NV1 did not bind it.</param>
public sealed record ComparedAgency(
    AgencyRef Agency, YearFigures Base, YearFigures Current, YearTimeliness BaseTimeliness, YearTimeliness CurrentTimeliness,
    UnitPlanStatus? BaseUnitPlan, UnitPlanStatus? CurrentUnitPlan)
{
    public Change Activities => Change.Of(Base.Activities, Current.Activities);
    public Change Participants => Change.Of(Base.Participants, Current.Participants);
    public Change Cost => Change.Of(Base.Cost, Current.Cost);
}

/// <summary>Activities in the n-th month of each side's compared days: both series share one axis.</summary>
/// <param name="BaseMonth">The earlier year's month (first day); null when its compared days are shorter.</param>
public sealed record ComparedMonth(int Index, DateOnly? BaseMonth, DateOnly? CurrentMonth, int BaseActivities, int CurrentActivities);

/// <summary>Two plan years side by side for a scope (issue 17): matched by code, per channel, form group, objective, theme and agency.</summary>
public sealed record YearComparison(
    ComparedYear Base,
    ComparedYear Current,
    AppliedScope Scope,
    ComparedRow Total,
    IReadOnlyList<ComparedRow> FormGroups,
    IReadOnlyList<ComparedRow> Channels,
    IReadOnlyList<ComparedRow> Objectives,
    IReadOnlyList<ComparedRow> Themes,
    IReadOnlyList<ComparedAgency> Agencies,
    YearTimeliness BaseTimeliness,
    YearTimeliness CurrentTimeliness,
    IReadOnlyList<ComparedMonth> Months);

/// <summary>A plan year the comparison can offer.</summary>
public sealed record ComparablePlan(int PlanId, int Year, string Number, DateOnly PeriodStart, DateOnly PeriodEnd);

/// <summary>What the /compare page opens with: the years on offer and the two it picks by default.</summary>
/// <param name="DefaultBase">The year before the current plan's, when there is one.</param>
public sealed record CompareChoices(IReadOnlyList<ComparablePlan> Plans, int? DefaultBase, int? DefaultCurrent, DateOnly Today)
{
    public bool CanCompare => Plans.Count >= 2;

    /// <summary>
    /// Cùng kỳ while the later year is running, so a year to date is not set against a whole year; the whole periods
    /// once it is over.
    /// </summary>
    public CompareSpan DefaultSpan(int laterYear) =>
        Plans.FirstOrDefault(p => p.Year == laterYear) is { } plan && plan.PeriodStart <= Today && Today < plan.PeriodEnd
            ? CompareSpan.SameDays
            : CompareSpan.WholeYear;
}
