using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Activities.Figures;
using CommsPlan.Core.Data;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.UnitPlans;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Monitoring;

/// <summary>
/// The queries and the assembly the overview and the agency page share, so an agency's page equals its row on the
/// overview. Every count and sum is a GROUP BY in the database; only grouped rows (agency × channel at most) and the
/// plan's catalogue come back to memory. The activity figures (cells, months, objectives, themes, last activity) are
/// summed from the pre-aggregated figures kept by every write (<see cref="ActivityFigures"/>, read through
/// <see cref="FigureRange"/>), so they cost the same at any number of activities.
/// </summary>
/// <remarks>
/// An activity belongs to the period its start date falls in. Progress against targets is judged on
/// <see cref="ProgressWindow.AsOf"/> — today, or the last day of a period already over — counting the plan's year
/// from its start to that day, because targets are set for the year.
/// </remarks>
internal static class MonitoringFigures
{
    public static ProgressWindow ProgressWindowFor(MonitoringCatalogue catalogue, ReportingPeriod period, DateOnly today)
    {
        var plan = catalogue.Plan;
        var asOf = period.To < today ? period.To : today;
        if (asOf > plan.PeriodEnd) asOf = plan.PeriodEnd;
        return new ProgressWindow(plan.PeriodStart, plan.PeriodEnd, asOf, plan.ElapsedShare(asOf));
    }

    public static IQueryable<Activity> ActivitiesIn(CommsPlanDbContext db, int planId, DateOnly from, DateOnly to, IReadOnlyList<int>? agencyIds)
    {
        var query = db.Activities.AsNoTracking().InPlan(planId).Where(a => a.StartDate >= from && a.StartDate <= to);
        return agencyIds is null ? query : query.Where(a => agencyIds.Contains(a.AgencyId));
    }

    /// <summary>What the overview and the agency page both start from, for the agencies given (every agency when null).</summary>
    public sealed record Basis(
        ProgressWindow Window,
        List<Cell> PeriodCells,
        List<Cell> YearCells,
        List<TargetCell> Targets,
        Dictionary<int, UnitPlanHeader> UnitPlans,
        Dictionary<int, DateOnly> LastActivity,
        List<ItemCell> ObjectiveCells);

    public static async Task<Basis> LoadBasisAsync(CommsPlanDbContext db, MonitoringCatalogue catalogue, ReportingPeriod period,
        DateOnly today, IReadOnlyList<int>? agencyIds, CancellationToken ct)
    {
        var window = ProgressWindowFor(catalogue, period, today);
        var planId = catalogue.Plan.Id;
        var periodCells = await CellsAsync(db, planId, period.From, period.To, agencyIds, ct);
        return new Basis(
            window,
            periodCells,
            await YearToDateCellsAsync(db, planId, window, period, periodCells, agencyIds, ct),
            await TargetsAsync(db, catalogue.Plan.Id, agencyIds, ct),
            await UnitPlanComplianceQuery.LoadAsync(db, catalogue.Plan.Id, ct),
            await LastActivityAsync(db, planId, today, agencyIds, ct),
            await ObjectiveCellsAsync(db, planId, period, agencyIds, ct));
    }

    /// <summary>Activities and measures per agency × channel, from the pre-aggregated figures.</summary>
    public static Task<List<Cell>> CellsAsync(
        CommsPlanDbContext db, int planId, DateOnly from, DateOnly to, IReadOnlyList<int>? agencyIds, CancellationToken ct) =>
        FigureRange.Of(from, to).Apply(db.ActivityFigures.AsNoTracking().InPlan(db, planId), agencyIds)
            .GroupBy(f => new { f.AgencyId, f.ChannelId })
            // Rows whose activities moved away hold zeros: a cell exists only where activities do, as a GROUP BY over them gives.
            .Where(g => g.Sum(f => f.Activities) > 0)
            .Select(g => new Cell(g.Key.AgencyId, g.Key.ChannelId, g.Sum(f => f.Activities), g.Sum(f => f.Quantity),
                g.Sum(f => f.SecondMeasure), g.Sum(f => f.Cost)))
            .ToListAsync(ct);

    /// <summary>The plan's year from its start to the progress day; the period's own cells when the windows coincide.</summary>
    public static async Task<List<Cell>> YearToDateCellsAsync(CommsPlanDbContext db, int planId, ProgressWindow window, ReportingPeriod period,
        List<Cell> periodCells, IReadOnlyList<int>? agencyIds, CancellationToken ct)
    {
        if (window.AsOf < window.PlanStart) return [];
        if (window.PlanStart == period.From && window.AsOf == period.To) return periodCells;
        return await CellsAsync(db, planId, window.PlanStart, window.AsOf, agencyIds, ct);
    }

    public static Task<List<TargetCell>> TargetsAsync(CommsPlanDbContext db, int planId, IReadOnlyList<int>? agencyIds, CancellationToken ct)
    {
        var unitPlans = db.UnitPlans.AsNoTracking().Where(u => u.PlanId == planId);
        if (agencyIds is not null) unitPlans = unitPlans.Where(u => agencyIds.Contains(u.AgencyId));
        return unitPlans.SelectMany(u => u.Targets, (u, t) => new TargetCell(u.AgencyId, t.ChannelId, t.Quantity)).ToListAsync(ct);
    }

    /// <summary>
    /// The last day with an activity, per agency, up to <paramref name="today"/>: one backward seek per agency in the
    /// day figures (index Grain, AgencyId, Day), instead of a scan of every activity to date.
    /// </summary>
    public static async Task<Dictionary<int, DateOnly>> LastActivityAsync(
        CommsPlanDbContext db, int planId, DateOnly today, IReadOnlyList<int>? agencyIds, CancellationToken ct)
    {
        var figures = db.ActivityFigures.InPlan(db, planId);
        var agencies = db.Agencies.AsNoTracking();
        if (agencyIds is not null) agencies = agencies.Where(a => agencyIds.Contains(a.Id));
        var rows = await agencies
            .Select(a => new
            {
                AgencyId = a.Id,
                Last = figures
                    .Where(f => f.Grain == FigureGrain.Day && f.AgencyId == a.Id && f.Day <= today && f.Activities > 0)
                    .OrderByDescending(f => f.Day)
                    .Select(f => (DateOnly?)f.Day)
                    .FirstOrDefault(),
            })
            .Where(x => x.Last != null)
            .ToListAsync(ct);
        return rows.ToDictionary(x => x.AgencyId, x => x.Last!.Value);
    }

    /// <summary>Activities per agency × objective.</summary>
    public static Task<List<ItemCell>> ObjectiveCellsAsync(
        CommsPlanDbContext db, int planId, ReportingPeriod period, IReadOnlyList<int>? agencyIds, CancellationToken ct) =>
        FigureRange.Of(period.From, period.To).Apply(db.ActivityObjectiveFigures.AsNoTracking().InPlan(db, planId), agencyIds)
            .GroupBy(f => new { f.AgencyId, f.ObjectiveId })
            .Where(g => g.Sum(f => f.Activities) > 0)
            .Select(g => new ItemCell(g.Key.AgencyId, g.Key.ObjectiveId, g.Sum(f => f.Activities)))
            .ToListAsync(ct);

    /// <summary>Activities per channel × theme, within the scope's agencies.</summary>
    public static Task<List<ItemCell>> ThemeCellsAsync(
        CommsPlanDbContext db, int planId, ReportingPeriod period, IReadOnlyList<int>? agencyIds, CancellationToken ct) =>
        FigureRange.Of(period.From, period.To).Apply(db.ActivityThemeFigures.AsNoTracking().InPlan(db, planId), agencyIds)
            .GroupBy(f => new { f.ChannelId, f.ThemeId })
            .Where(g => g.Sum(f => f.Activities) > 0)
            .Select(g => new ItemCell(g.Key.ChannelId, g.Key.ThemeId, g.Sum(f => f.Activities)))
            .ToListAsync(ct);

    public static async Task<List<MonthCell>> MonthsAsync(
        CommsPlanDbContext db, int planId, ReportingPeriod period, IReadOnlyList<int>? agencyIds, CancellationToken ct) =>
        await FigureRange.Of(period.From, period.To).Apply(db.ActivityFigures.AsNoTracking().InPlan(db, planId), agencyIds)
            .GroupBy(f => new { f.Day.Year, f.Day.Month })
            .Select(g => new MonthCell(g.Key.Year, g.Key.Month, g.Sum(f => f.Activities), g.Sum(f => f.Cost)))
            .ToListAsync(ct);

    /// <summary>NV1-bound agencies picked by <paramref name="include"/>, each with its unit plan's standing.</summary>
    public static List<UnitPlanCompliance> Compliance(
        MonitoringCatalogue catalogue, Dictionary<int, UnitPlanHeader> unitPlans, DateOnly today, Func<AgencyEntry, bool> include) =>
        [.. catalogue.Agencies
            .Where(a => catalogue.IsBoundByUnitPlanTask(a.Ref.Kind) && include(a))
            .Select(a => ComplianceOf(catalogue, a.Ref, unitPlans.GetValueOrDefault(a.Ref.Id), today))];

    public static UnitPlanCompliance ComplianceOf(MonitoringCatalogue catalogue, AgencyRef agency, UnitPlanHeader? unitPlan, DateOnly today) =>
        new(agency, UnitPlanComplianceQuery.StatusOf(unitPlan?.IssuedOn, catalogue.UnitPlanDeadline, today),
            unitPlan?.DocumentNumber, unitPlan?.IssuedOn, unitPlan?.Link, catalogue.UnitPlanDeadline);

    public static KpiFigures BuildKpis(
        MonitoringCatalogue catalogue, IEnumerable<Cell> cells, Func<AgencyEntry, bool> inScope, IReadOnlyList<UnitPlanCompliance> compliance)
    {
        var cellList = cells.ToList();
        var byMeasure = cellList.Join(catalogue.Channels, c => c.ChannelId, ch => ch.Id, (c, ch) => (Cell: c, ch.Measure)).ToList();
        long Quantity(ChannelMeasure m) => byMeasure.Where(x => x.Measure == m).Sum(x => x.Cell.Quantity);
        long Second(ChannelMeasure m) => byMeasure.Where(x => x.Measure == m).Sum(x => x.Cell.SecondMeasure);
        var active = catalogue.Agencies.Where(a => a.IsActive && inScope(a)).Select(a => a.Ref.Id).ToHashSet();
        return new KpiFigures(
            Activities: cellList.Sum(c => c.Activities),
            MassMediaItems: Quantity(ChannelMeasure.MassMedia),
            Events: Quantity(ChannelMeasure.Event),
            EventParticipants: Second(ChannelMeasure.Event),
            Documents: Quantity(ChannelMeasure.Document),
            DocumentCopies: Second(ChannelMeasure.Document),
            PrintCopies: Quantity(ChannelMeasure.PrintCopies),
            VisualItems: Quantity(ChannelMeasure.VisualItems),
            AgenciesReported: cellList.Select(c => c.AgencyId).Distinct().Count(active.Contains),
            ActiveAgencies: active.Count,
            UnitPlansOnTime: compliance.Count(c => c.Status == UnitPlanStatus.OnTime),
            UnitPlansLate: compliance.Count(c => c.Status == UnitPlanStatus.Late),
            UnitPlansMissing: compliance.Count(c => c.Status == UnitPlanStatus.Missing),
            UnitPlansNotDue: compliance.Count(c => c.Status == UnitPlanStatus.NotDue),
            TotalCost: cellList.Sum(c => c.Cost));
    }

    public static List<FormGroupFigures> BuildFormGroups(MonitoringCatalogue catalogue, IReadOnlyList<Cell> cells)
    {
        var byChannel = cells.GroupBy(c => c.ChannelId).ToDictionary(g => g.Key, g => g.ToList());
        return [.. catalogue.FormGroups.Select(g => new FormGroupFigures(g.Code, g.Name,
            [.. g.Channels
                .Where(ch => ch.IsActive || byChannel.ContainsKey(ch.Id))
                .Select(ch =>
                {
                    var rows = byChannel.GetValueOrDefault(ch.Id) ?? [];
                    return new ChannelFigures(ch.Code, ch.Name, ch.Unit, ch.SecondMeasureLabel, ch.SecondMeasureUnit, ch.Measure,
                        rows.Sum(r => r.Activities), rows.Sum(r => r.Quantity), rows.Sum(r => r.SecondMeasure), rows.Sum(r => r.Cost));
                })]))];
    }

    /// <summary>Every calendar month the period touches, in order, zeros included so a chart's axis has no holes.</summary>
    public static List<MonthFigures> BuildMonths(ReportingPeriod period, IReadOnlyList<MonthCell> cells)
    {
        var result = new List<MonthFigures>();
        for (var month = new DateOnly(period.From.Year, period.From.Month, 1); month <= period.To; month = month.AddMonths(1))
        {
            var cell = cells.FirstOrDefault(c => c.Year == month.Year && c.Month == month.Month);
            result.Add(new MonthFigures(month.Year, month.Month, cell?.Activities ?? 0, cell?.Cost ?? 0));
        }
        return result;
    }

    public static AgencyProgress BuildProgress(MonitoringCatalogue catalogue, AgencyEntry agency, ProgressWindow window,
        IEnumerable<Cell> periodCells, IEnumerable<Cell> yearCells, IEnumerable<TargetCell> targets, UnitPlanStatus? unitPlan,
        DateOnly? lastActivityOn)
    {
        var period = periodCells.ToDictionary(c => c.ChannelId);
        var year = yearCells.ToDictionary(c => c.ChannelId, c => c.Quantity);
        var target = targets.ToDictionary(t => t.ChannelId, t => t.Quantity);
        var channels = catalogue.Channels
            .Where(ch => period.ContainsKey(ch.Id) || year.ContainsKey(ch.Id) || target.ContainsKey(ch.Id))
            .Select(ch =>
            {
                var p = period.GetValueOrDefault(ch.Id);
                var done = year.GetValueOrDefault(ch.Id);
                int? planned = target.TryGetValue(ch.Id, out var t) ? t : null;
                var ratio = ProgressRule.Ratio(done, planned, window.ElapsedShare);
                return new ChannelProgress(ch.Code, ch.Name, ch.Unit, ch.FormGroupCode,
                    p?.Activities ?? 0, p?.Quantity ?? 0, p?.SecondMeasure ?? 0, p?.Cost ?? 0, done, planned,
                    planned is > 0 ? ProgressRule.Expected(planned.Value, window.ElapsedShare) : null,
                    ratio, ratio is { } r ? ProgressRule.FromRatio(r) : ProgressStatus.NoTarget);
            })
            .ToList();
        var combined = ProgressRule.Combine(channels.Select(c => c.Ratio));
        var share = ProgressRule.Combine(channels.Select(c => c.TargetShare));
        return new AgencyProgress(agency.Ref, agency.IsActive, channels.Sum(c => c.PeriodActivities), channels.Sum(c => c.PeriodCost),
            lastActivityOn, unitPlan, channels, combined, share,
            combined is { } value ? ProgressRule.FromRatio(value) : ProgressStatus.NoTarget);
    }

    public static CoverageMatrix BuildMatrix(
        IReadOnlyList<CoverageAxis> rows, IReadOnlyList<CoverageAxis> columns, IEnumerable<(string Row, string Column, int Count)> cells)
    {
        var counts = rows.Select(_ => new int[columns.Count]).ToArray();
        var rowIndex = rows.Select((r, i) => (r.Code, i)).ToDictionary(x => x.Code, x => x.i);
        var columnIndex = columns.Select((c, i) => (c.Code, i)).ToDictionary(x => x.Code, x => x.i);
        foreach (var (row, column, count) in cells)
        {
            if (rowIndex.TryGetValue(row, out var r) && columnIndex.TryGetValue(column, out var c)) counts[r][c] += count;
        }
        return new CoverageMatrix(rows, columns, counts);
    }

    public sealed record Cell(int AgencyId, int ChannelId, int Activities, long Quantity, long SecondMeasure, long Cost);

    public sealed record TargetCell(int AgencyId, int ChannelId, int Quantity);

    /// <summary>A count per (first key, catalogue item): agency × objective, or channel × theme.</summary>
    public sealed record ItemCell(int KeyId, int ItemId, int Activities);

    public sealed record MonthCell(int Year, int Month, int Activities, long Cost);
}
