using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.UnitPlans;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Monitoring;

/// <summary>One agency's page (<c>/agencies/{code}</c>): its figures, built by the same queries as its overview row, and its activities.</summary>
public sealed class AgencyDetailService(IDbContextFactory<CommsPlanDbContext> factory, TimeProvider time)
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
        CurrentUser user, string agencyCode, ReportingPeriod period, int? planYear = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        var today = time.Today();
        await using var db = await factory.CreateOpenAsync(ct);
        var catalogue = await MonitoringCatalogue.LoadAsync(db, today, planYear, ct);
        var agency = ReadableAgency(user, agencyCode, catalogue);
        IReadOnlyList<int> ids = [agency.Ref.Id];
        var (window, periodCells, yearCells, targets, unitPlans, lastActivity, objectiveCells) =
            await MonitoringFigures.LoadBasisAsync(db, catalogue, period, today, ids, ct);
        var themeCells = await MonitoringFigures.ThemeCellsAsync(db, catalogue.Plan.Id, period, ids, ct);
        var commendations = await FeedbackReports.CommendationsAsync(db, period.From, period.To, ids, ct);
        var difficulties = await FeedbackReports.DifficultiesAsync(db,
            db.Difficulties.AsNoTracking().Where(d => d.AgencyId == agency.Ref.Id
                && ((d.RaisedOn >= period.From && d.RaisedOn <= period.To) || d.Status == DifficultyStatus.Open)), ct);

        var bound = catalogue.IsBoundByUnitPlanTask(agency.Ref.Kind);
        var header = unitPlans.GetValueOrDefault(agency.Ref.Id);
        List<UnitPlanCompliance> compliance = bound && agency.IsActive ? [MonitoringFigures.ComplianceOf(catalogue, agency.Ref, header, today)] : [];
        UnitPlanSummary? unitPlan = null;
        if (header is not null || bound)
        {
            var targetByChannel = targets.ToDictionary(t => t.ChannelId, t => t.Quantity);
            unitPlan = new UnitPlanSummary(MonitoringFigures.ComplianceOf(catalogue, agency.Ref, header, today),
                [.. catalogue.Channels.Where(c => targetByChannel.ContainsKey(c.Id))
                    .Select(c => new UnitPlanTargetRow(c.Id, c.Code, c.Name, c.Unit, targetByChannel[c.Id]))]);
        }

        return new AgencyDetail(
            agency.Ref,
            agency.IsActive,
            period,
            today,
            window,
            MonitoringFigures.BuildKpis(catalogue, periodCells, a => a.Ref.Id == agency.Ref.Id, compliance),
            MonitoringFigures.BuildProgress(catalogue, agency, window, periodCells, yearCells, targets,
                bound ? UnitPlanComplianceQuery.StatusOf(header?.IssuedOn, catalogue.UnitPlanDeadline, today) : null,
                lastActivity.TryGetValue(agency.Ref.Id, out var last) ? last : null),
            unitPlan,
            bound,
            [.. catalogue.Objectives.Select(o => new CatalogueCount(o.Code, o.DisplayCode, o.Name,
                objectiveCells.Where(c => c.ItemId == o.Id).Sum(c => c.Activities)))],
            [.. catalogue.Themes.Select(t => new CatalogueCount(t.Code, t.DisplayCode, t.Name,
                themeCells.Where(c => c.ItemId == t.Id).Sum(c => c.Activities)))],
            commendations,
            difficulties,
            catalogue.UnitPlanAssignmentCode);
    }

    /// <summary>The agency's activities of the period, most recent first, one page at a time.</summary>
    /// <exception cref="NotFoundException">No such agency, or an officer asking about another agency.</exception>
    public async Task<ActivityPage> GetAgencyActivitiesAsync(
        CurrentUser user, string agencyCode, ReportingPeriod period, int skip, int take, int? planYear = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        await using var db = await factory.CreateOpenAsync(ct);
        var catalogue = await MonitoringCatalogue.LoadAsync(db, time.Today(), planYear, ct);
        var agency = ReadableAgency(user, agencyCode, catalogue);
        var query = MonitoringFigures.ActivitiesIn(db, catalogue.Plan.Id, period.From, period.To, [agency.Ref.Id]);
        var total = await query.CountAsync(ct);
        var cores = await ProjectCores(query.OrderByDescending(a => a.StartDate).ThenByDescending(a => a.Id)
                .Skip(skip).Take(Math.Min(take, MaxPageSize)))
            .ToListAsync(ct);
        return new ActivityPage(await WithTagsAsync(db, cores, ct), total);
    }

    private static AgencyEntry ReadableAgency(CurrentUser user, string agencyCode, MonitoringCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(user);
        var agency = catalogue.AgencyByCode.GetValueOrDefault(agencyCode?.Trim() ?? "");
        // Another agency's page answers exactly like a missing one.
        if (agency is null || !user.CanRead(agency.Ref.Id)) throw new NotFoundException();
        return agency;
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
        var files = await db.EvidenceCountsAsync(ids, ct);
        return [.. rows.Select(r => new ActivityRow(r.Id, r.StartDate, r.EndDate, r.AgencyCode, r.AgencyName, r.FormGroupCode,
            r.ChannelCode, r.ChannelName, r.Unit, r.Title, r.Quantity, r.SecondMeasure, r.SecondMeasureUnit,
            objectivesOf.GetValueOrDefault(r.Id, ""), themesOf.GetValueOrDefault(r.Id, ""), r.DistrictName, r.Cost, r.EvidenceUrl,
            files.GetValueOrDefault(r.Id)))];
    }

    private static Dictionary<int, string> JoinTags(IEnumerable<Tag> tags) =>
        tags.GroupBy(t => t.ActivityId)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.OrderBy(t => t.SortOrder).Select(t => t.Code)));

    private sealed record Tag(int ActivityId, string Code, int SortOrder);

    private sealed record ActivityCore(
        int Id, DateOnly StartDate, DateOnly? EndDate, string AgencyCode, string AgencyName, string FormGroupCode, string ChannelCode,
        string ChannelName, string Unit, string Title, int Quantity, long? SecondMeasure, string? SecondMeasureUnit, string? DistrictName,
        long? Cost, string? EvidenceUrl);
}
