using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.UnitPlans;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Monitoring;

public sealed partial class MonitoringQueryService
{
    /// <summary>Largest page of activities one call returns.</summary>
    public const int MaxPageSize = 200;

    /// <summary>
    /// What <c>/agencies/{code}</c> shows for <paramref name="period"/>: its targets against what it did per channel,
    /// its unit plan, commendations of the period, and difficulties raised in the period or still open. Built from the
    /// same queries as the overview, so its figures equal the agency's row there.
    /// </summary>
    /// <exception cref="NotFoundException">No such agency, or an officer asking about another agency.</exception>
    public async Task<AgencyDetail> GetAgencyDetailAsync(
        CurrentUser user, string agencyCode, ReportingPeriod period, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        var today = time.Today();
        await using var db = await factory.CreateOpenAsync(ct);
        var catalogue = await MonitoringCatalogue.LoadAsync(db, ct);
        var agency = ReadableAgency(user, agencyCode, catalogue);
        IReadOnlyList<int> ids = [agency.Ref.Id];
        var window = ProgressWindowFor(catalogue, period, today);

        var periodCells = await CellsAsync(db, period.From, period.To, ids, ct);
        var yearCells = await YearToDateCellsAsync(db, window, period, periodCells, ids, ct);
        var targets = await TargetsAsync(db, catalogue.Plan.Id, ids, ct);
        var unitPlans = await UnitPlanComplianceQuery.LoadAsync(db, catalogue.Plan.Id, ct);
        var lastActivity = await LastActivityAsync(db, today, ids, ct);
        var objectiveCells = await ObjectiveCellsAsync(db, period, ids, ct);
        var themeCells = await ThemeCellsAsync(db, period, ids, ct);
        var commendations = await CommendationsAsync(db, catalogue, period, ids, ct);
        var difficulties = await DifficultyRowsAsync(
            db.Difficulties.AsNoTracking().Where(d => d.AgencyId == agency.Ref.Id
                && ((d.RaisedOn >= period.From && d.RaisedOn <= period.To) || d.Status == DifficultyStatus.Open)),
            catalogue, ct);

        var bound = catalogue.IsBoundByUnitPlanTask(agency.Ref.Kind);
        var header = unitPlans.GetValueOrDefault(agency.Ref.Id);
        List<UnitPlanCompliance> compliance = bound && agency.IsActive ? [ComplianceOf(catalogue, agency.Ref, header, today)] : [];
        UnitPlanSummary? unitPlan = null;
        if (header is not null || bound)
        {
            var targetByChannel = targets.ToDictionary(t => t.ChannelId, t => t.Quantity);
            unitPlan = new UnitPlanSummary(ComplianceOf(catalogue, agency.Ref, header, today),
                [.. catalogue.Channels.Where(c => targetByChannel.ContainsKey(c.Id))
                    .Select(c => new UnitPlanTargetRow(c.Id, c.Code, c.Name, c.Unit, targetByChannel[c.Id]))]);
        }

        return new AgencyDetail(
            agency.Ref,
            agency.IsActive,
            period,
            today,
            window,
            BuildKpis(catalogue, periodCells, a => a.Ref.Id == agency.Ref.Id, compliance),
            BuildProgress(catalogue, agency, window, periodCells, yearCells, targets,
                bound ? UnitPlanComplianceQuery.StatusOf(header?.IssuedOn, catalogue.UnitPlanDeadline, today) : null,
                lastActivity.TryGetValue(agency.Ref.Id, out var last) ? last : null),
            unitPlan,
            bound,
            [.. catalogue.Objectives.Select(o => new CatalogueCount(o.Code, o.DisplayCode, o.Name,
                objectiveCells.Where(c => c.ItemId == o.Id).Sum(c => c.Activities)))],
            [.. catalogue.Themes.Select(t => new CatalogueCount(t.Code, t.DisplayCode, t.Name,
                themeCells.Where(c => c.ItemId == t.Id).Sum(c => c.Activities)))],
            commendations,
            difficulties);
    }

    /// <summary>The agency's activities of the period, most recent first, one page at a time.</summary>
    /// <exception cref="NotFoundException">No such agency, or an officer asking about another agency.</exception>
    public async Task<ActivityPage> GetAgencyActivitiesAsync(
        CurrentUser user, string agencyCode, ReportingPeriod period, int skip, int take, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        await using var db = await factory.CreateOpenAsync(ct);
        var catalogue = await MonitoringCatalogue.LoadAsync(db, ct);
        var agency = ReadableAgency(user, agencyCode, catalogue);
        var query = ActivitiesIn(db, period.From, period.To, [agency.Ref.Id]);
        var total = await query.CountAsync(ct);
        var cores = await ProjectCores(query.OrderByDescending(a => a.StartDate).ThenByDescending(a => a.Id)
                .Skip(skip).Take(Math.Min(take, MaxPageSize)))
            .ToListAsync(ct);
        return new ActivityPage(await WithTagsAsync(db, cores, ct), total);
    }

    private static AgencyInfo ReadableAgency(CurrentUser user, string agencyCode, MonitoringCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(user);
        var agency = catalogue.AgencyByCode.GetValueOrDefault(agencyCode?.Trim() ?? "");
        // Another agency's page answers exactly like a missing one.
        if (agency is null || !user.CanRead(agency.Ref.Id)) throw new NotFoundException();
        return agency;
    }
}
