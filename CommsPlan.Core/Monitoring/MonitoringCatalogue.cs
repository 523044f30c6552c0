using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Monitoring;

/// <summary>
/// The plan's reference data a monitoring query names its figures with: the plan, its channels, objectives,
/// themes, the NV1 rule and the agencies. A few dozen rows, read once per query.
/// </summary>
internal sealed class MonitoringCatalogue
{
    public required Plan Plan { get; init; }
    public required IReadOnlyList<FormGroupInfo> FormGroups { get; init; }
    public required IReadOnlyList<ChannelInfo> Channels { get; init; }
    public required IReadOnlyList<CatalogueItemInfo> Objectives { get; init; }
    public required IReadOnlyList<CatalogueItemInfo> Themes { get; init; }
    /// <summary>Every agency, active or not, by reporting group then catalogue order.</summary>
    public required IReadOnlyList<AgencyEntry> Agencies { get; init; }
    public required AgencyKinds UnitPlanBinds { get; init; }
    public required DateOnly? UnitPlanDeadline { get; init; }
    /// <summary>The unit-plan assignment's code as shown (NV1), for labels; null when the plan has none.</summary>
    public required string? UnitPlanAssignmentCode { get; init; }

    public Dictionary<int, AgencyEntry> AgencyById { get; private init; } = [];
    public Dictionary<string, AgencyEntry> AgencyByCode { get; private init; } = [];

    public bool IsBoundByUnitPlanTask(AgencyKind kind) => UnitPlanBinds.HasFlag(kind.AsFlag());

    public static Task<MonitoringCatalogue> LoadAsync(CommsPlanDbContext db, DateOnly today, CancellationToken ct) =>
        LoadAsync(db, today, null, ct);

    /// <summary>The catalogue of the plan of <paramref name="planYear"/> (<see cref="PlanChoice.ResolveAsync"/>; the current plan when null).</summary>
    public static async Task<MonitoringCatalogue> LoadAsync(CommsPlanDbContext db, DateOnly today, int? planYear, CancellationToken ct)
    {
        var chosen = await PlanChoice.ResolveAsync(db, planYear, today, ct);
        return await LoadByIdAsync(db, chosen.Id, ct);
    }

    /// <summary>The catalogue of the plan <paramref name="planId"/>, already resolved.</summary>
    public static async Task<MonitoringCatalogue> LoadByIdAsync(CommsPlanDbContext db, int planId, CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == planId, ct);
        var nv1 = await db.Assignments.AsNoTracking().UnitPlanAssignmentOf(plan.Id)
            .Select(a => new { a.Binds, a.Deadline, a.DisplayCode })
            .FirstOrDefaultAsync(ct);
        var channels = await db.Channels.AsNoTracking()
            .Where(c => c.FormGroup!.PlanId == plan.Id)
            .OrderBy(c => c.FormGroup!.SortOrder).ThenBy(c => c.SortOrder)
            .Select(c => new ChannelInfo(c.Id, c.Code, c.Name, c.Unit, c.SecondMeasureLabel, c.SecondMeasureUnit, c.IsActive,
                c.FormGroup!.Code, c.FormGroup.ShortName))
            .ToListAsync(ct);
        var objectives = await db.Objectives.AsNoTracking().Where(o => o.PlanId == plan.Id).OrderBy(o => o.SortOrder)
            .Select(o => new CatalogueItemInfo(o.Id, o.Code, o.DisplayCode, o.ShortName)).ToListAsync(ct);
        var themes = await db.Themes.AsNoTracking().Where(t => t.PlanId == plan.Id).OrderBy(t => t.SortOrder)
            .Select(t => new CatalogueItemInfo(t.Id, t.Code, t.DisplayCode, t.ShortName)).ToListAsync(ct);
        var agencies = await Scopes.LoadAgenciesAsync(db, ct);

        var groups = channels.GroupBy(c => c.FormGroupCode)
            .Select(g => new FormGroupInfo(g.Key, g.First().FormGroupName, [.. g]))
            .ToList();
        return new MonitoringCatalogue
        {
            Plan = plan,
            FormGroups = groups,
            Channels = channels,
            Objectives = objectives,
            Themes = themes,
            Agencies = agencies,
            UnitPlanBinds = nv1?.Binds ?? AgencyKinds.None,
            UnitPlanDeadline = nv1?.Deadline,
            UnitPlanAssignmentCode = nv1?.DisplayCode,
            AgencyById = agencies.ToDictionary(a => a.Ref.Id),
            AgencyByCode = agencies.ToDictionary(a => a.Ref.Code, StringComparer.OrdinalIgnoreCase),
        };
    }
}

internal sealed record FormGroupInfo(string Code, string Name, IReadOnlyList<ChannelInfo> Channels);

internal sealed record ChannelInfo(
    int Id, string Code, string Name, string Unit, string? SecondMeasureLabel, string? SecondMeasureUnit, bool IsActive,
    string FormGroupCode, string FormGroupName)
{
    public ChannelMeasure Measure { get; } = ChannelMeasures.Classify(FormGroupCode, Unit, SecondMeasureUnit);
}

internal sealed record CatalogueItemInfo(int Id, string Code, string DisplayCode, string Name);
