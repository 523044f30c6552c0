using CommsPlan.Core.Access;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.Reports;
using CommsPlan.Core.UnitPlans;

namespace CommsPlan.Core.Api;

/// <summary>
/// The indicators of a period (GET /api/v1/indicators): the figures of the overview and of the workbook's Tổng hợp
/// sheet, mapped one to one from the <see cref="MonitoringOverview"/> both are built from, so the three never disagree.
/// </summary>
/// <param name="Plan">The plan year the figures count (only that plan's activities).</param>
/// <param name="ProgressAsOf">The day progress against the year's targets is judged on: today, or the end of a past period.</param>
/// <param name="Scope">What the figures cover after the caller's rights: the province, or one agency.</param>
/// <param name="Kpis">The headline figures of the scope (the overview's cards, Tổng hợp's "Các chỉ số chính").</param>
/// <param name="ProvinceKpis">Province-wide headline figures beside a narrower scope (an agency's token always gets them); null for the province.</param>
/// <param name="FormGroups">Tổng hợp's table: per form group and channel, activities, quantity, second measure and cost in the scope.</param>
/// <param name="Agencies">The Theo đơn vị table: each agency in scope that is active or did something in the period.</param>
/// <param name="Reporting">Completeness and timeliness of the period reports on the quarters lying in the period.</param>
public sealed record ApiIndicators(
    int Plan,
    ApiPeriod Period,
    DateOnly ProgressAsOf,
    ApiScope Scope,
    ApiKpis Kpis,
    ApiKpis? ProvinceKpis,
    IReadOnlyList<ApiFormGroupFigures> FormGroups,
    IReadOnlyList<ApiAgencyIndicators> Agencies,
    IReadOnlyList<ApiReportingFigures> Reporting)
{
    public static ApiIndicators From(int planYear, MonitoringOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        var reportPeriods = overview.Reporting.Periods.Select(p => p.Period).ToList();
        return new(
            planYear,
            ApiPeriod.Of(overview.Period),
            overview.Progress.AsOf,
            new ApiScope(overview.Scope.Description, overview.Scope.Agency?.Code, overview.Scope.Group?.ToString(), overview.Scope.IsOwnAgencyOnly),
            ApiKpis.From(overview.Kpis),
            overview.ProvinceKpis is { } province ? ApiKpis.From(province) : null,
            [.. overview.ByFormGroup.Select(g => new ApiFormGroupFigures(g.Code, g.Name, g.Activities, g.Cost,
                [.. g.Channels.Select(c => new ApiChannelFigures(c.Code, c.Name, c.Unit, c.SecondMeasureLabel, c.SecondMeasureUnit,
                    c.Activities, c.Quantity, c.SecondMeasure, c.Cost))]))],
            [.. overview.Agencies.Select(a => ApiAgencyIndicators.From(a,
                [.. reportPeriods.Select(p => overview.Reporting.Find(a.Agency.Id, p.Key)).OfType<PeriodReportCell>()]))],
            [.. overview.Reporting.Periods.Select(p => new ApiReportingFigures(p.Period.Key, p.Period.Title, p.DueDate, p.IsDue, p.Expected,
                p.Submitted, p.Accepted, p.SentBack, p.In, p.OnTime))]);
    }
}

/// <summary>A reporting period: its key (what <c>period=</c> takes), its name, both ends inclusive.</summary>
public sealed record ApiPeriod(string Key, string Title, DateOnly From, DateOnly To)
{
    public static ApiPeriod Of(ReportingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return new(period.Key, period.Title, period.From, period.To);
    }
}

/// <param name="Description">"Toàn tỉnh" or the agency's name.</param>
/// <param name="AgencyCode">The one agency covered, when the scope is one agency.</param>
/// <param name="Group">The reporting group covered (Provincial, District, Media), when the scope is a group.</param>
/// <param name="OwnAgencyOnly">An agency's token: the figures cover its own agency, with the province's totals beside them.</param>
public sealed record ApiScope(string Description, string? AgencyCode, string? Group, bool OwnAgencyOnly);

/// <summary>The headline figures, named and in the order of the overview's cards and Tổng hợp's key figures.</summary>
public sealed record ApiKpis(
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
    int UnitPlansRequired,
    int UnitPlansOnTime,
    int UnitPlansLate,
    int UnitPlansMissing,
    int UnitPlansNotDue,
    long TotalCost)
{
    public static ApiKpis From(KpiFigures k)
    {
        ArgumentNullException.ThrowIfNull(k);
        return new(k.Activities, k.MassMediaItems, k.Events, k.EventParticipants, k.Documents, k.DocumentCopies, k.PrintCopies, k.VisualItems,
            k.AgenciesReported, k.ActiveAgencies, k.UnitPlansRequired, k.UnitPlansOnTime, k.UnitPlansLate, k.UnitPlansMissing, k.UnitPlansNotDue,
            k.TotalCost);
    }
}

/// <summary>A form group's totals (activities and cost add up; quantities are in different units) and its channels.</summary>
public sealed record ApiFormGroupFigures(string Code, string Name, int Activities, long Cost, IReadOnlyList<ApiChannelFigures> Channels);

/// <summary>One channel in the period and scope: a row of Tổng hợp.</summary>
public sealed record ApiChannelFigures(
    string Code, string Name, string Unit, string? SecondMeasureLabel, string? SecondMeasureUnit, int Activities, long Quantity,
    long SecondMeasure, long Cost);

/// <summary>
/// One agency's row: what it did in the period, its unit plan's status (null when the unit-plan assignment does not
/// bind it), its progress against the year's targets, and its period reports on the quarters in the period.
/// </summary>
/// <param name="TargetShare">Share of the year's targets reached, as the workbook shows it (rounded down to a whole percent); null without targets.</param>
public sealed record ApiAgencyIndicators(
    string Code,
    string Name,
    string Group,
    bool Active,
    int Activities,
    long Cost,
    DateOnly? LastActivityOn,
    string? UnitPlanStatus,
    string? UnitPlanStatusName,
    double? TargetShare,
    string Progress,
    string ProgressName,
    IReadOnlyList<ApiAgencyChannelFigures> Channels,
    IReadOnlyList<ApiAgencyReport> Reports)
{
    public static ApiAgencyIndicators From(AgencyProgress agency, IReadOnlyList<PeriodReportCell> reports)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(reports);
        return new(agency.Agency.Code, agency.Agency.Name, agency.Agency.Group.ToString(), agency.IsActive, agency.Activities, agency.Cost,
            agency.LastActivityOn, agency.UnitPlan?.ToString(), agency.UnitPlan is { } plan ? UnitPlanStatusRule.DisplayName(plan) : null,
            agency.TargetShareShown(), agency.Status.ToString(), agency.Status.DisplayName(),
            [.. agency.Channels.Select(c => new ApiAgencyChannelFigures(c.ChannelCode, c.FormGroupCode, c.PeriodActivities, c.PeriodQuantity,
                c.PeriodSecondMeasure, c.PeriodCost, c.YearToDateQuantity, c.Target))],
            [.. reports.Select(r => new ApiAgencyReport(r.Period.Key, r.Status.ToString(), r.Status.DisplayName(), r.SubmittedOn,
                r.FirstSubmittedOn, r.IsInOnTime))]);
    }
}

/// <summary>An agency on one channel: the period's figures, and the year to date against the year's target (null: none).</summary>
public sealed record ApiAgencyChannelFigures(
    string Code, string FormGroupCode, int Activities, long Quantity, long SecondMeasure, long Cost, long YearToDateQuantity, int? Target);

/// <summary>An agency's report on one quarter of the period.</summary>
public sealed record ApiAgencyReport(string PeriodKey, string Status, string StatusName, DateOnly? SubmittedOn, DateOnly? FirstSubmittedOn, bool OnTime);

/// <summary>One quarter's reports over the active agencies in scope: how many are expected, in, accepted, sent back, on time.</summary>
public sealed record ApiReportingFigures(
    string PeriodKey, string Title, DateOnly DueDate, bool IsDue, int Expected, int Submitted, int Accepted, int SentBack, int In, int OnTime);
