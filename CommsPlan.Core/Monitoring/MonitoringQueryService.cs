using System.Collections.Concurrent;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Activities.Figures;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.Reports;
using CommsPlan.Core.UnitPlans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommsPlan.Core.Monitoring;

/// <summary>
/// The one source of monitoring figures: the overview, the agency pages and the consolidated report all read
/// them here, so the screen and the workbook cannot disagree. Every count and sum is a GROUP BY in the database;
/// only grouped rows (agency × channel at most) and the plan's catalogue come back to memory. The activity figures
/// (cells, months, objectives, themes, last activity) are summed from the pre-aggregated figures kept by every write
/// (<see cref="ActivityFigures"/>, read through <see cref="FigureRange"/>), so they cost the same at 1,000,000
/// activities as at 10,000; the activity rows themselves (lists, the workbook's detail sheet) come from the activities.
/// </summary>
/// <remarks>
/// An activity belongs to the period its start date falls in. Progress against targets is judged on
/// <see cref="ProgressWindow.AsOf"/> — today, or the last day of a period already over — counting the plan's year
/// from its start to that day, because targets are set for the year.
/// <para>
/// Open overviews refresh together when data changes (100 pages, one save): identical overview requests at the same
/// data version (<see cref="IDataVersion"/>) share one computation — those arriving while it runs wait for it, those
/// arriving up to <see cref="SharedOverviewLifetime"/> after it finished get its result: the pages' calls reach the
/// thread pool spread out in time, so sharing only while running recomputed the figures for most of the late ones, one
/// after another. Without a version source nothing is shared.
/// </para>
/// </remarks>
public sealed partial class MonitoringQueryService(
    IDbContextFactory<CommsPlanDbContext> factory, TimeProvider time, IOptions<ReportingOptions>? reporting = null,
    IDataVersion? versions = null)
{
    private int DueDays => Math.Max(0, reporting?.Value.DueDays ?? new ReportingOptions().DueDays);
    private readonly ConcurrentDictionary<OverviewKey, SharedOverview> _overviews = new();

    /// <summary>
    /// How long a finished overview keeps answering identical requests at the same data version. The version alone
    /// would do for every change that is published; the lifetime bounds what a write that publishes nothing (an
    /// agency edited by an administrator, a seed) can leave stale, to what a page opened a moment earlier shows anyway.
    /// </summary>
    public static readonly TimeSpan SharedOverviewLifetime = TimeSpan.FromSeconds(5);

    /// <summary>An agency with no activity in this many days (today included) is flagged.</summary>
    public const int SilentDays = 30;

    /// <summary>An open difficulty older than this many days is flagged.</summary>
    public const int StaleDifficultyDays = 15;

    /// <summary>The year of the current plan, whose periods a selector offers; this year when no plan is seeded.</summary>
    public async Task<int> GetPlanYearAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var year = await db.Plans.AsNoTracking().OrderByDescending(p => p.Year).Select(p => (int?)p.Year).FirstOrDefaultAsync(ct);
        return year ?? time.Today().Year;
    }

    /// <summary>The overview of <paramref name="period"/> for <paramref name="scope"/> (the province when null).</summary>
    /// <exception cref="NotFoundException">The scope names an agency that does not exist.</exception>
    /// <exception cref="AccessDeniedException">The user has no role that reads monitoring data.</exception>
    public async Task<MonitoringOverview> GetOverviewAsync(
        CurrentUser user, ReportingPeriod period, MonitoringScope? scope = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(period);
        if (versions is null) return await ComputeOverviewAsync(user, period, scope, ct);
        if (!user.CanReadAllAgencies && !user.IsOfficer) throw new AccessDeniedException();

        // The key holds everything the figures depend on: an officer always gets its own agency, whatever it asked.
        var key = user.CanReadAllAgencies
            ? new OverviewKey(period, time.Today(), versions.Current, null, scope?.AgencyCode?.Trim().ToUpperInvariant(),
                scope?.AgencyCode is null ? scope?.Group : null)
            : new OverviewKey(period, time.Today(), versions.Current, user.AgencyId, null, null);
        while (true)
        {
            if (_overviews.TryGetValue(key, out var existing) && existing.IsUsable(time))
                return await existing.Computation.WaitAsync(ct);

            // Computed without the caller's token: other callers may be waiting on it; each caller stops waiting on its own.
            var mine = new SharedOverview(() => ComputeOverviewAsync(user, period, scope, CancellationToken.None));
            var added = existing is null ? _overviews.TryAdd(key, mine) : _overviews.TryUpdate(key, mine, existing);
            if (!added) continue; // Another caller got there first: use its computation.
            ForgetOutdated(key);
            _ = mine.Computation.ContinueWith(task =>
                {
                    // A failure is not shared beyond the callers already waiting: the next request tries again.
                    if (task.IsCompletedSuccessfully) mine.MarkFinished(time);
                    else _overviews.TryRemove(new KeyValuePair<OverviewKey, SharedOverview>(key, mine));
                },
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return await mine.Computation.WaitAsync(ct);
        }
    }

    /// <summary>Drops overviews of an earlier version or day, or past their lifetime: no request can use them again.</summary>
    private void ForgetOutdated(OverviewKey current)
    {
        foreach (var (key, shared) in _overviews)
        {
            if (key.Version < current.Version || key.Today != current.Today || !shared.IsUsable(time))
                _overviews.TryRemove(new KeyValuePair<OverviewKey, SharedOverview>(key, shared));
        }
    }

    private async Task<MonitoringOverview> ComputeOverviewAsync(
        CurrentUser user, ReportingPeriod period, MonitoringScope? scope, CancellationToken ct)
    {
        var today = time.Today();
        await using var db = await factory.CreateOpenAsync(ct);
        var catalogue = await MonitoringCatalogue.LoadAsync(db, ct);
        var resolved = ResolveScope(user, scope ?? MonitoringScope.Province, catalogue);
        var window = ProgressWindowFor(catalogue, period, today);

        // Grouped by agency over the whole province (a few hundred rows at most): the scope is applied to these,
        // and the province-wide totals an officer also sees come from the same rows.
        var periodCells = await CellsAsync(db, period.From, period.To, null, ct);
        var yearCells = await YearToDateCellsAsync(db, window, period, periodCells, null, ct);
        var targets = await TargetsAsync(db, catalogue.Plan.Id, null, ct);
        var unitPlans = await UnitPlanComplianceQuery.LoadAsync(db, catalogue.Plan.Id, ct);
        var lastActivity = await LastActivityAsync(db, today, null, ct);
        var objectiveCells = await ObjectiveCellsAsync(db, period, null, ct);
        // No agency dimension here, so the scope goes into the query.
        var months = await MonthsAsync(db, period, resolved.AgencyIds, ct);
        var themeCells = await ThemeCellsAsync(db, period, resolved.AgencyIds, ct);
        var staleDifficulties = await StaleDifficultiesAsync(db, today, resolved.AgencyIds, catalogue, ct);

        var inScope = resolved.Contains;
        var scopedCells = periodCells.Where(c => inScope(c.AgencyId)).ToList();
        var compliance = Compliance(catalogue, unitPlans, today, a => a.IsActive && inScope(a.Ref.Id));
        var kpis = BuildKpis(catalogue, scopedCells, a => inScope(a.Ref.Id), compliance);
        KpiFigures? provinceKpis = resolved.Applied.IsProvince
            ? null
            : BuildKpis(catalogue, periodCells, _ => true, Compliance(catalogue, unitPlans, today, a => a.IsActive));

        var withActivity = scopedCells.Select(c => c.AgencyId).ToHashSet();
        var agencies = catalogue.Agencies.Where(a => inScope(a.Ref.Id) && (a.IsActive || withActivity.Contains(a.Ref.Id))).ToList();
        var periodByAgency = scopedCells.ToLookup(c => c.AgencyId);
        var yearByAgency = yearCells.Where(c => inScope(c.AgencyId)).ToLookup(c => c.AgencyId);
        var targetsByAgency = targets.Where(t => inScope(t.AgencyId)).ToLookup(t => t.AgencyId);
        var statusByAgency = compliance.ToDictionary(c => c.Agency.Id, c => c.Status);
        var progress = agencies.Select(a => BuildProgress(catalogue, a, window, periodByAgency[a.Ref.Id], yearByAgency[a.Ref.Id],
                targetsByAgency[a.Ref.Id], statusByAgency.TryGetValue(a.Ref.Id, out var s) ? s : null,
                lastActivity.TryGetValue(a.Ref.Id, out var last) ? last : null))
            .ToList();

        var scopedObjectiveCells = objectiveCells.Where(c => inScope(c.KeyId)).ToList();
        // Reports expected from the active agencies in scope: the year's for the alerts, the period's for the report.
        var expected = agencies.Where(a => a.IsActive).Select(a => a.Ref).ToList();
        var yearReports = await ReportingStatusQuery.LoadAsync(db, expected, PeriodReportRules.PeriodsOf(catalogue.Plan.Year), today, DueDays, ct);
        var periodReports = await ReportingStatusQuery.LoadAsync(db, expected, PeriodReportRules.PeriodsWithin(period), today, DueDays, ct);
        var alerts = new MonitoringAlerts(
            [.. compliance.Where(c => c.Status == UnitPlanStatus.Missing).Select(c => c.Agency)],
            [.. progress.Where(p => p.IsActive && IsSilent(p.LastActivityOn, today)).Select(p => new SilentAgencyAlert(p.Agency, p.LastActivityOn))],
            [.. progress.Where(p => p.IsActive && p.Status == ProgressStatus.FarBehind).Select(p => new FarBehindAlert(p.Agency, p.Ratio!.Value))],
            staleDifficulties,
            PendingReports(yearReports, r => r.IsDue && !r.IsOverdue && !r.Status.IsIn()),
            PendingReports(yearReports, r => r.IsOverdue));

        return new MonitoringOverview(
            period,
            today,
            window,
            resolved.Applied,
            kpis,
            provinceKpis,
            BuildMonths(period, months),
            BuildFormGroups(catalogue, scopedCells),
            [.. catalogue.Objectives.Select(o => new CatalogueCount(o.Code, o.DisplayCode, o.Name,
                scopedObjectiveCells.Where(c => c.ItemId == o.Id).Sum(c => c.Activities)))],
            [.. catalogue.Themes.Select(t => new CatalogueCount(t.Code, t.DisplayCode, t.Name,
                themeCells.Where(c => c.ItemId == t.Id).Sum(c => c.Activities)))],
            progress,
            compliance,
            BuildMatrix(
                [.. catalogue.Objectives.Select(o => new CoverageAxis(o.Code, o.DisplayCode, o.Name))],
                [.. agencies.Select(a => new CoverageAxis(a.Ref.Code, a.Ref.Code, a.Ref.Name))],
                scopedObjectiveCells.Select(c => (catalogue.Objectives.First(o => o.Id == c.ItemId).Code, catalogue.AgencyById[c.KeyId].Ref.Code, c.Activities))),
            BuildMatrix(
                [.. catalogue.Themes.Select(t => new CoverageAxis(t.Code, t.DisplayCode, t.Name))],
                [.. catalogue.Channels.Where(c => c.IsActive || themeCells.Any(t => t.KeyId == c.Id))
                    .Select(c => new CoverageAxis(c.Code, c.Code, c.Name))],
                themeCells.Select(c => (catalogue.Themes.First(t => t.Id == c.ItemId).Code, catalogue.Channels.First(ch => ch.Id == c.KeyId).Code, c.Activities))),
            alerts,
            periodReports);
    }

    /// <summary>Agencies with reports matching <paramref name="pending"/>, each with those reports.</summary>
    private static IReadOnlyList<PendingReportAlert> PendingReports(ReportingStatus status, Func<PeriodReportCell, bool> pending) =>
        [.. status.Agencies
            .Select(a => new PendingReportAlert(a.Agency, [.. a.Reports.Where(pending)]))
            .Where(a => a.Reports.Count > 0)];

    /// <summary>Commendations dated in <paramref name="period"/> within the scope (an officer: its own).</summary>
    public async Task<IReadOnlyList<CommendationRow>> GetCommendationsAsync(
        CurrentUser user, ReportingPeriod period, MonitoringScope? scope = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var catalogue = await MonitoringCatalogue.LoadAsync(db, ct);
        var resolved = ResolveScope(user, scope ?? MonitoringScope.Province, catalogue);
        return await CommendationsAsync(db, catalogue, period, resolved.AgencyIds, ct);
    }

    /// <summary>Difficulties raised in <paramref name="period"/> within the scope, with their answers.</summary>
    public async Task<IReadOnlyList<DifficultyRow>> GetDifficultiesAsync(
        CurrentUser user, ReportingPeriod period, MonitoringScope? scope = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var catalogue = await MonitoringCatalogue.LoadAsync(db, ct);
        var resolved = ResolveScope(user, scope ?? MonitoringScope.Province, catalogue);
        var query = db.Difficulties.AsNoTracking().Where(d => d.RaisedOn >= period.From && d.RaisedOn <= period.To);
        if (resolved.AgencyIds is { } ids) query = query.Where(d => ids.Contains(d.AgencyId));
        return await DifficultyRowsAsync(query, catalogue, ct);
    }

    /// <summary>
    /// Every activity of the period within the scope, oldest first, read as the caller enumerates: the report's
    /// detail sheet streams it without holding the year in memory (<see cref="ActivityStream"/>).
    /// </summary>
    public async IAsyncEnumerable<ActivityRow> StreamActivitiesAsync(
        CurrentUser user, ReportingPeriod period, MonitoringScope? scope = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        await using var db = await factory.CreateOpenAsync(ct);
        var catalogue = await MonitoringCatalogue.LoadAsync(db, ct);
        var resolved = ResolveScope(user, scope ?? MonitoringScope.Province, catalogue);
        await foreach (var row in ActivityStream.ReadAsync(db, catalogue, period.From, period.To, resolved.AgencyIds, ct)) yield return row;
    }

    private static bool IsSilent(DateOnly? lastActivityOn, DateOnly today) =>
        lastActivityOn is null || lastActivityOn.Value < today.AddDays(-(SilentDays - 1));

    internal static ProgressWindow ProgressWindowFor(MonitoringCatalogue catalogue, ReportingPeriod period, DateOnly today)
    {
        var plan = catalogue.Plan;
        var asOf = period.To < today ? period.To : today;
        if (asOf > plan.PeriodEnd) asOf = plan.PeriodEnd;
        return new ProgressWindow(plan.PeriodStart, plan.PeriodEnd, asOf, plan.ElapsedShare(asOf));
    }

    private static ResolvedScope ResolveScope(CurrentUser user, MonitoringScope scope, MonitoringCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.CanReadAllAgencies)
        {
            if (!user.IsOfficer) throw new AccessDeniedException();
            // An officer sees its own agency, whatever scope it asked for.
            var own = catalogue.AgencyById.GetValueOrDefault(user.AgencyId!.Value) ?? throw new NotFoundException();
            return new ResolvedScope(new AppliedScope(own.Ref.Name, null, own.Ref, IsOwnAgencyOnly: true), [own.Ref.Id]);
        }
        if (scope.AgencyCode is { } code)
        {
            var agency = catalogue.AgencyByCode.GetValueOrDefault(code.Trim()) ?? throw new NotFoundException();
            return new ResolvedScope(new AppliedScope(agency.Ref.Name, null, agency.Ref, IsOwnAgencyOnly: false), [agency.Ref.Id]);
        }
        if (scope.Group is { } group)
        {
            return new ResolvedScope(new AppliedScope(group.DisplayName(), group, null, IsOwnAgencyOnly: false),
                [.. catalogue.Agencies.Where(a => a.Ref.Group == group).Select(a => a.Ref.Id)]);
        }
        return new ResolvedScope(new AppliedScope("Toàn tỉnh", null, null, IsOwnAgencyOnly: false), null);
    }

    private static IQueryable<Activity> ActivitiesIn(CommsPlanDbContext db, DateOnly from, DateOnly to, IReadOnlyList<int>? agencyIds)
    {
        var query = db.Activities.AsNoTracking().Where(a => a.StartDate >= from && a.StartDate <= to);
        return agencyIds is null ? query : query.Where(a => agencyIds.Contains(a.AgencyId));
    }

    /// <summary>Activities and measures per agency × channel, from the pre-aggregated figures.</summary>
    private static Task<List<Cell>> CellsAsync(
        CommsPlanDbContext db, DateOnly from, DateOnly to, IReadOnlyList<int>? agencyIds, CancellationToken ct) =>
        FigureRange.Of(from, to).Apply(db.ActivityFigures.AsNoTracking(), agencyIds)
            .GroupBy(f => new { f.AgencyId, f.ChannelId })
            // Rows whose activities moved away hold zeros: a cell exists only where activities do, as a GROUP BY over them gives.
            .Where(g => g.Sum(f => f.Activities) > 0)
            .Select(g => new Cell(g.Key.AgencyId, g.Key.ChannelId, g.Sum(f => f.Activities), g.Sum(f => f.Quantity),
                g.Sum(f => f.SecondMeasure), g.Sum(f => f.Cost)))
            .ToListAsync(ct);

    /// <summary>The plan's year from its start to the progress day; the period's own cells when the windows coincide.</summary>
    private static async Task<List<Cell>> YearToDateCellsAsync(CommsPlanDbContext db, ProgressWindow window, ReportingPeriod period,
        List<Cell> periodCells, IReadOnlyList<int>? agencyIds, CancellationToken ct)
    {
        if (window.AsOf < window.PlanStart) return [];
        if (window.PlanStart == period.From && window.AsOf == period.To) return periodCells;
        return await CellsAsync(db, window.PlanStart, window.AsOf, agencyIds, ct);
    }

    private static Task<List<TargetCell>> TargetsAsync(CommsPlanDbContext db, int planId, IReadOnlyList<int>? agencyIds, CancellationToken ct)
    {
        var unitPlans = db.UnitPlans.AsNoTracking().Where(u => u.PlanId == planId);
        if (agencyIds is not null) unitPlans = unitPlans.Where(u => agencyIds.Contains(u.AgencyId));
        return unitPlans.SelectMany(u => u.Targets, (u, t) => new TargetCell(u.AgencyId, t.ChannelId, t.Quantity)).ToListAsync(ct);
    }

    /// <summary>
    /// The last day with an activity, per agency, up to <paramref name="today"/>: one backward seek per agency in the
    /// day figures (index Grain, AgencyId, Day), instead of a scan of every activity to date.
    /// </summary>
    private static async Task<Dictionary<int, DateOnly>> LastActivityAsync(
        CommsPlanDbContext db, DateOnly today, IReadOnlyList<int>? agencyIds, CancellationToken ct)
    {
        var agencies = db.Agencies.AsNoTracking();
        if (agencyIds is not null) agencies = agencies.Where(a => agencyIds.Contains(a.Id));
        var rows = await agencies
            .Select(a => new
            {
                AgencyId = a.Id,
                Last = db.ActivityFigures
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
    private static Task<List<ItemCell>> ObjectiveCellsAsync(
        CommsPlanDbContext db, ReportingPeriod period, IReadOnlyList<int>? agencyIds, CancellationToken ct) =>
        FigureRange.Of(period.From, period.To).Apply(db.ActivityObjectiveFigures.AsNoTracking(), agencyIds)
            .GroupBy(f => new { f.AgencyId, f.ObjectiveId })
            .Where(g => g.Sum(f => f.Activities) > 0)
            .Select(g => new ItemCell(g.Key.AgencyId, g.Key.ObjectiveId, g.Sum(f => f.Activities)))
            .ToListAsync(ct);

    /// <summary>Activities per channel × theme, within the scope's agencies.</summary>
    private static Task<List<ItemCell>> ThemeCellsAsync(
        CommsPlanDbContext db, ReportingPeriod period, IReadOnlyList<int>? agencyIds, CancellationToken ct) =>
        FigureRange.Of(period.From, period.To).Apply(db.ActivityThemeFigures.AsNoTracking(), agencyIds)
            .GroupBy(f => new { f.ChannelId, f.ThemeId })
            .Where(g => g.Sum(f => f.Activities) > 0)
            .Select(g => new ItemCell(g.Key.ChannelId, g.Key.ThemeId, g.Sum(f => f.Activities)))
            .ToListAsync(ct);

    private static async Task<List<MonthCell>> MonthsAsync(
        CommsPlanDbContext db, ReportingPeriod period, IReadOnlyList<int>? agencyIds, CancellationToken ct) =>
        await FigureRange.Of(period.From, period.To).Apply(db.ActivityFigures.AsNoTracking(), agencyIds)
            .GroupBy(f => new { f.Day.Year, f.Day.Month })
            .Select(g => new MonthCell(g.Key.Year, g.Key.Month, g.Sum(f => f.Activities), g.Sum(f => f.Cost)))
            .ToListAsync(ct);

    private static async Task<IReadOnlyList<DifficultyAlert>> StaleDifficultiesAsync(
        CommsPlanDbContext db, DateOnly today, IReadOnlyList<int>? agencyIds, MonitoringCatalogue catalogue, CancellationToken ct)
    {
        var raisedBefore = today.AddDays(-StaleDifficultyDays);
        var query = db.Difficulties.AsNoTracking().Where(d => d.Status == DifficultyStatus.Open && d.RaisedOn < raisedBefore);
        if (agencyIds is not null) query = query.Where(d => agencyIds.Contains(d.AgencyId));
        var rows = await query.OrderBy(d => d.RaisedOn).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.AgencyId, d.Title, d.RaisedOn })
            .ToListAsync(ct);
        return [.. rows.Select(d => new DifficultyAlert(d.Id, catalogue.AgencyById[d.AgencyId].Ref, d.Title, d.RaisedOn,
            today.DayNumber - d.RaisedOn.DayNumber))];
    }

    private static async Task<IReadOnlyList<CommendationRow>> CommendationsAsync(CommsPlanDbContext db, MonitoringCatalogue catalogue,
        ReportingPeriod period, IReadOnlyList<int>? agencyIds, CancellationToken ct)
    {
        var query = db.Commendations.AsNoTracking().Where(c => c.Date >= period.From && c.Date <= period.To);
        if (agencyIds is not null) query = query.Where(c => agencyIds.Contains(c.AgencyId));
        var rows = await query.OrderBy(c => c.Date).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.AgencyId, c.Kind, c.Recipient, c.Achievement, c.Date })
            .ToListAsync(ct);
        return [.. rows.Select(c => new CommendationRow(c.Id, catalogue.AgencyById[c.AgencyId].Ref, c.Kind, c.Recipient, c.Achievement, c.Date))];
    }

    private static async Task<IReadOnlyList<DifficultyRow>> DifficultyRowsAsync(
        IQueryable<Difficulty> query, MonitoringCatalogue catalogue, CancellationToken ct)
    {
        var rows = await query.OrderBy(d => d.RaisedOn).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.AgencyId, d.Title, d.Content, d.RaisedOn, d.Status, d.Answer, d.AnsweredOn, d.AnsweredBy })
            .ToListAsync(ct);
        return [.. rows.Select(d => new DifficultyRow(d.Id, catalogue.AgencyById[d.AgencyId].Ref, d.Title, d.Content, d.RaisedOn,
            d.Status, d.Answer, d.AnsweredOn, d.AnsweredBy))];
    }

    private static IQueryable<ActivityCore> ProjectCores(IQueryable<Activity> query) =>
        query.Select(a => new ActivityCore(
            a.Id,
            a.StartDate,
            a.EndDate,
            a.Agency!.Code,
            a.Agency.Name,
            a.Channel!.FormGroup!.Code,
            a.Channel.Code,
            a.Channel.Name,
            a.Channel.Unit,
            a.Title,
            a.Quantity,
            a.SecondMeasure,
            a.Channel.SecondMeasureUnit,
            a.District != null ? a.District.Name : null,
            a.Cost,
            a.EvidenceUrl));

    /// <summary>
    /// Completes rows with their objectives and themes, read for the whole batch through the join tables: two
    /// queries per batch instead of one row per activity × objective × theme.
    /// </summary>
    private static async Task<List<ActivityRow>> WithTagsAsync(CommsPlanDbContext db, IReadOnlyList<ActivityCore> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToList();
        var objectives = await db.Activities.AsNoTracking().Where(a => ids.Contains(a.Id))
            .SelectMany(a => a.Objectives, (a, o) => new Tag(a.Id, o.DisplayCode, o.SortOrder))
            .ToListAsync(ct);
        var themes = await db.Activities.AsNoTracking().Where(a => ids.Contains(a.Id))
            .SelectMany(a => a.Themes, (a, t) => new Tag(a.Id, t.DisplayCode, t.SortOrder))
            .ToListAsync(ct);
        var objectivesOf = JoinTags(objectives);
        var themesOf = JoinTags(themes);
        return [.. rows.Select(r => new ActivityRow(r.Id, r.StartDate, r.EndDate, r.AgencyCode, r.AgencyName, r.FormGroupCode,
            r.ChannelCode, r.ChannelName, r.Unit, r.Title, r.Quantity, r.SecondMeasure, r.SecondMeasureUnit,
            objectivesOf.GetValueOrDefault(r.Id, ""), themesOf.GetValueOrDefault(r.Id, ""), r.DistrictName, r.Cost, r.EvidenceUrl))];
    }

    private static Dictionary<int, string> JoinTags(IEnumerable<Tag> tags) =>
        tags.GroupBy(t => t.ActivityId)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.OrderBy(t => t.SortOrder).Select(t => t.Code)));

    /// <summary>NV1-bound agencies picked by <paramref name="include"/>, each with its unit plan's standing.</summary>
    private static List<UnitPlanCompliance> Compliance(
        MonitoringCatalogue catalogue, Dictionary<int, UnitPlanHeader> unitPlans, DateOnly today, Func<AgencyInfo, bool> include) =>
        [.. catalogue.Agencies
            .Where(a => catalogue.IsBoundByUnitPlanTask(a.Ref.Kind) && include(a))
            .Select(a => ComplianceOf(catalogue, a.Ref, unitPlans.GetValueOrDefault(a.Ref.Id), today))];

    private static UnitPlanCompliance ComplianceOf(MonitoringCatalogue catalogue, AgencyRef agency, UnitPlanHeader? unitPlan, DateOnly today) =>
        new(agency, UnitPlanComplianceQuery.StatusOf(unitPlan?.IssuedOn, catalogue.UnitPlanDeadline, today),
            unitPlan?.DocumentNumber, unitPlan?.IssuedOn, unitPlan?.Link, catalogue.UnitPlanDeadline);

    private static KpiFigures BuildKpis(
        MonitoringCatalogue catalogue, IEnumerable<Cell> cells, Func<AgencyInfo, bool> inScope, IReadOnlyList<UnitPlanCompliance> compliance)
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

    private static List<FormGroupFigures> BuildFormGroups(MonitoringCatalogue catalogue, IReadOnlyList<Cell> cells)
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
    private static List<MonthFigures> BuildMonths(ReportingPeriod period, IReadOnlyList<MonthCell> cells)
    {
        var result = new List<MonthFigures>();
        for (var month = new DateOnly(period.From.Year, period.From.Month, 1); month <= period.To; month = month.AddMonths(1))
        {
            var cell = cells.FirstOrDefault(c => c.Year == month.Year && c.Month == month.Month);
            result.Add(new MonthFigures(month.Year, month.Month, cell?.Activities ?? 0, cell?.Cost ?? 0));
        }
        return result;
    }

    private static AgencyProgress BuildProgress(MonitoringCatalogue catalogue, AgencyInfo agency, ProgressWindow window,
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

    private static CoverageMatrix BuildMatrix(
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

    private sealed record ResolvedScope(AppliedScope Applied, IReadOnlyList<int>? AgencyIds)
    {
        private readonly HashSet<int>? _ids = AgencyIds?.ToHashSet();

        public bool Contains(int agencyId) => _ids is null || _ids.Contains(agencyId);
    }

    /// <summary>One computation of an overview, shared by identical requests while it runs and for a while after.</summary>
    private sealed class SharedOverview(Func<Task<MonitoringOverview>> compute)
    {
        private readonly Lazy<Task<MonitoringOverview>> _computation = new(compute);
        private long _finishedAt;
        private volatile bool _finished;

        public Task<MonitoringOverview> Computation => _computation.Value;

        public void MarkFinished(TimeProvider time)
        {
            _finishedAt = time.GetTimestamp();
            _finished = true;
        }

        public bool IsUsable(TimeProvider time)
        {
            if (!_computation.IsValueCreated) return true;
            var task = _computation.Value;
            if (!task.IsCompleted) return true;
            if (!task.IsCompletedSuccessfully) return false;
            // Finished a moment ago, its continuation not yet run: as fresh as can be.
            return !_finished || time.GetElapsedTime(_finishedAt) < SharedOverviewLifetime;
        }
    }

    private sealed record OverviewKey(
        ReportingPeriod Period, DateOnly Today, long Version, int? OwnAgencyId, string? AgencyCode, AgencyGroup? Group);

    private sealed record Cell(int AgencyId, int ChannelId, int Activities, long Quantity, long SecondMeasure, long Cost);

    private sealed record TargetCell(int AgencyId, int ChannelId, int Quantity);

    /// <summary>A count per (first key, catalogue item): agency × objective, or channel × theme.</summary>
    private sealed record ItemCell(int KeyId, int ItemId, int Activities);

    private sealed record MonthCell(int Year, int Month, int Activities, long Cost);

    private sealed record Tag(int ActivityId, string Code, int SortOrder);

    private sealed record ActivityCore(
        int Id, DateOnly StartDate, DateOnly? EndDate, string AgencyCode, string AgencyName, string FormGroupCode, string ChannelCode,
        string ChannelName, string Unit, string Title, int Quantity, long? SecondMeasure, string? SecondMeasureUnit, string? DistrictName,
        long? Cost, string? EvidenceUrl);
}
