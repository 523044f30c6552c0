using CommsPlan.Core.Access;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.Plans;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.UnitPlans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommsPlan.Core.Monitoring;

/// <summary>
/// The overview of a period: headline figures, progress against targets, coverage and alerts, for the province, a
/// group of agencies or one agency (<see cref="MonitoringFigures"/> computes them). Concurrent identical requests at
/// the same data version (<see cref="IDataVersion"/>) share one computation (<see cref="OverviewCache"/>); without a
/// version source nothing is shared.
/// </summary>
public sealed class OverviewService(
    IDbContextFactory<CommsPlanDbContext> factory, TimeProvider time, IOptions<ReportingOptions>? reporting = null,
    IDataVersion? versions = null)
{
    private int DueDays => Math.Max(0, reporting?.Value.DueDays ?? new ReportingOptions().DueDays);
    private readonly OverviewCache _cache = new(time);

    /// <inheritdoc cref="OverviewCache.Lifetime"/>
    public static TimeSpan SharedOverviewLifetime => OverviewCache.Lifetime;

    /// <summary>An agency with no activity in this many days (today included) is flagged.</summary>
    public const int SilentDays = 30;

    /// <summary>An open difficulty older than this many days is flagged.</summary>
    public const int StaleDifficultyDays = 15;

    /// <summary>
    /// The overview of <paramref name="period"/> for <paramref name="scope"/> (the province when null), in the plan of
    /// <paramref name="planYear"/> (the current plan when null): only that plan's activities count.
    /// </summary>
    /// <exception cref="NotFoundException">The scope names an agency that does not exist.</exception>
    /// <exception cref="AccessDeniedException">The user has no role that reads monitoring data.</exception>
    public async Task<MonitoringOverview> GetOverviewAsync(
        CurrentUser user, ReportingPeriod period, MonitoringScope? scope = null, int? planYear = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(period);
        if (versions is null) return await ComputeOverviewAsync(user, period, scope, planYear, ct);
        if (!user.CanReadAllAgencies && !user.IsOfficer) throw new AccessDeniedException();

        // The plan goes into the key as its id, resolved first: "no year" and "2021" name the same figures while 2021
        // runs, and two plans never share an entry.
        int planId;
        await using (var db = await factory.CreateDbContextAsync(ct))
            planId = (await PlanChoice.ResolveAsync(db, planYear, time.Today(), ct)).Id;

        // The key holds everything the figures depend on: an officer always gets its own agency, whatever it asked.
        var key = user.CanReadAllAgencies
            ? new OverviewCache.OverviewKey(planId, period, time.Today(), versions.Current, null, scope?.AgencyCode?.Trim().ToUpperInvariant(),
                scope?.AgencyCode is null ? scope?.Group : null)
            : new OverviewCache.OverviewKey(planId, period, time.Today(), versions.Current, user.AgencyId, null, null);
        return await _cache.GetAsync(key, () => ComputeForPlanAsync(user, period, scope, planId, CancellationToken.None), ct);
    }


    private async Task<MonitoringOverview> ComputeOverviewAsync(
        CurrentUser user, ReportingPeriod period, MonitoringScope? scope, int? planYear, CancellationToken ct)
    {
        var today = time.Today();
        await using var db = await factory.CreateOpenAsync(ct);
        var catalogue = await MonitoringCatalogue.LoadAsync(db, today, planYear, ct);
        return await ComputeOverviewAsync(db, catalogue, user, period, scope, ct);
    }

    private async Task<MonitoringOverview> ComputeForPlanAsync(
        CurrentUser user, ReportingPeriod period, MonitoringScope? scope, int planId, CancellationToken ct)
    {
        await using var db = await factory.CreateOpenAsync(ct);
        var catalogue = await MonitoringCatalogue.LoadByIdAsync(db, planId, ct);
        return await ComputeOverviewAsync(db, catalogue, user, period, scope, ct);
    }

    private async Task<MonitoringOverview> ComputeOverviewAsync(CommsPlanDbContext db, MonitoringCatalogue catalogue,
        CurrentUser user, ReportingPeriod period, MonitoringScope? scope, CancellationToken ct)
    {
        var today = time.Today();
        var resolved = Scopes.Resolve(user, scope ?? MonitoringScope.Province, catalogue.Agencies);

        // Grouped by agency over the whole province (a few hundred rows at most): the scope is applied to these,
        // and the province-wide totals an officer also sees come from the same rows.
        var (window, periodCells, yearCells, targets, unitPlans, lastActivity, objectiveCells) =
            await MonitoringFigures.LoadBasisAsync(db, catalogue, period, today, null, ct);
        // No agency dimension here, so the scope goes into the query.
        var months = await MonitoringFigures.MonthsAsync(db, catalogue.Plan.Id, period, resolved.AgencyIds, ct);
        var themeCells = await MonitoringFigures.ThemeCellsAsync(db, catalogue.Plan.Id, period, resolved.AgencyIds, ct);
        var staleDifficulties = await StaleDifficultiesAsync(db, today, resolved.AgencyIds, catalogue, ct);

        var inScope = resolved.Contains;
        var scopedCells = periodCells.Where(c => inScope(c.AgencyId)).ToList();
        var compliance = MonitoringFigures.Compliance(catalogue, unitPlans, today, a => a.IsActive && inScope(a.Ref.Id));
        var kpis = MonitoringFigures.BuildKpis(catalogue, scopedCells, a => inScope(a.Ref.Id), compliance);
        KpiFigures? provinceKpis = resolved.Applied.IsProvince
            ? null
            : MonitoringFigures.BuildKpis(catalogue, periodCells, _ => true, MonitoringFigures.Compliance(catalogue, unitPlans, today, a => a.IsActive));

        var withActivity = scopedCells.Select(c => c.AgencyId).ToHashSet();
        var agencies = catalogue.Agencies.Where(a => inScope(a.Ref.Id) && (a.IsActive || withActivity.Contains(a.Ref.Id))).ToList();
        var periodByAgency = scopedCells.ToLookup(c => c.AgencyId);
        var yearByAgency = yearCells.Where(c => inScope(c.AgencyId)).ToLookup(c => c.AgencyId);
        var targetsByAgency = targets.Where(t => inScope(t.AgencyId)).ToLookup(t => t.AgencyId);
        var statusByAgency = compliance.ToDictionary(c => c.Agency.Id, c => c.Status);
        var progress = agencies.Select(a => MonitoringFigures.BuildProgress(catalogue, a, window, periodByAgency[a.Ref.Id], yearByAgency[a.Ref.Id],
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
            // Silence is chased while the plan runs: a finished year's agencies have all gone quiet on it, rightly.
            [.. progress.Where(p => p.IsActive && catalogue.Plan.StatusOn(today) == PlanStatus.Running && IsSilent(p.LastActivityOn, today))
                .Select(p => new SilentAgencyAlert(p.Agency, p.LastActivityOn))],
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
            MonitoringFigures.BuildMonths(period, months),
            MonitoringFigures.BuildFormGroups(catalogue, scopedCells),
            [.. catalogue.Objectives.Select(o => new CatalogueCount(o.Code, o.DisplayCode, o.Name,
                scopedObjectiveCells.Where(c => c.ItemId == o.Id).Sum(c => c.Activities)))],
            [.. catalogue.Themes.Select(t => new CatalogueCount(t.Code, t.DisplayCode, t.Name,
                themeCells.Where(c => c.ItemId == t.Id).Sum(c => c.Activities)))],
            progress,
            compliance,
            MonitoringFigures.BuildMatrix(
                [.. catalogue.Objectives.Select(o => new CoverageAxis(o.Code, o.DisplayCode, o.Name))],
                [.. agencies.Select(a => new CoverageAxis(a.Ref.Code, a.Ref.Code, a.Ref.Name))],
                scopedObjectiveCells.Select(c => (catalogue.Objectives.First(o => o.Id == c.ItemId).Code, catalogue.AgencyById[c.KeyId].Ref.Code, c.Activities))),
            MonitoringFigures.BuildMatrix(
                [.. catalogue.Themes.Select(t => new CoverageAxis(t.Code, t.DisplayCode, t.Name))],
                [.. catalogue.Channels.Where(c => c.IsActive || themeCells.Any(t => t.KeyId == c.Id))
                    .Select(c => new CoverageAxis(c.Code, c.Code, c.Name))],
                themeCells.Select(c => (catalogue.Themes.First(t => t.Id == c.ItemId).Code, catalogue.Channels.First(ch => ch.Id == c.KeyId).Code, c.Activities))),
            alerts,
            periodReports,
            catalogue.UnitPlanAssignmentCode);
    }

    /// <summary>Agencies with reports matching <paramref name="pending"/>, each with those reports.</summary>
    private static IReadOnlyList<PendingReportAlert> PendingReports(ReportingStatus status, Func<PeriodReportCell, bool> pending) =>
        [.. status.Agencies
            .Select(a => new PendingReportAlert(a.Agency, [.. a.Reports.Where(pending)]))
            .Where(a => a.Reports.Count > 0)];

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

    private static bool IsSilent(DateOnly? lastActivityOn, DateOnly today) =>
        lastActivityOn is null || lastActivityOn.Value < today.AddDays(-(SilentDays - 1));

    /// <summary>
    /// The agencies a scope picker offers <paramref name="user"/>: every active agency for monitors, leadership and
    /// administrators, by group then catalogue order; an officer only its own.
    /// </summary>
    /// <exception cref="AccessDeniedException">The user has no role that reads monitoring data.</exception>
    public async Task<IReadOnlyList<AgencyRef>> GetScopeAgenciesAsync(CurrentUser user, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return Scopes.Pickable(user, await Scopes.LoadAgenciesAsync(db, ct));
    }
}
