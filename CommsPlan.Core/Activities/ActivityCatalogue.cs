using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Activities;

/// <summary>
/// The reference data an activity is recorded against (the plan's period, agencies, channels, objectives, themes,
/// districts), loaded in one go: forms fill their pickers from it, and the validator checks a whole import against
/// it without a query per row.
/// </summary>
public sealed class ActivityCatalogue
{
    private readonly Dictionary<int, AgencyOption> _agencies;
    private readonly Dictionary<int, ChannelOption> _channels;
    private readonly HashSet<int> _objectiveIds;
    private readonly HashSet<int> _themeIds;
    private readonly HashSet<int> _districtIds;

    public ActivityCatalogue(
        string planNumber, DateOnly periodStart, DateOnly periodEnd,
        IReadOnlyList<AgencyOption> agencies, IReadOnlyList<FormGroupOption> formGroups, IReadOnlyList<ChannelOption> channels,
        IReadOnlyList<CatalogueOption> objectives, IReadOnlyList<CatalogueOption> themes, IReadOnlyList<DistrictOption> districts)
    {
        PlanNumber = planNumber;
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
        Agencies = agencies;
        FormGroups = formGroups;
        Channels = channels;
        Objectives = objectives;
        Themes = themes;
        Districts = districts;
        _agencies = agencies.ToDictionary(a => a.Id);
        _channels = channels.ToDictionary(c => c.Id);
        _objectiveIds = objectives.Select(o => o.Id).ToHashSet();
        _themeIds = themes.Select(t => t.Id).ToHashSet();
        _districtIds = districts.Select(d => d.Id).ToHashSet();
    }

    public string PlanNumber { get; }
    /// <summary>The plan's year, which the pages carry in their URL.</summary>
    public int PlanYear { get; init; }
    /// <summary>Activities are dated inside the plan's period.</summary>
    public DateOnly PeriodStart { get; }
    public DateOnly PeriodEnd { get; }
    public IReadOnlyList<AgencyOption> Agencies { get; }
    public IReadOnlyList<FormGroupOption> FormGroups { get; }
    /// <summary>Every channel in catalogue order, inactive ones included (old records still name them).</summary>
    public IReadOnlyList<ChannelOption> Channels { get; }
    public IReadOnlyList<CatalogueOption> Objectives { get; }
    public IReadOnlyList<CatalogueOption> Themes { get; }
    public IReadOnlyList<DistrictOption> Districts { get; }

    public AgencyOption? FindAgency(int? id) => id is { } v && _agencies.TryGetValue(v, out var a) ? a : null;
    public ChannelOption? FindChannel(int? id) => id is { } v && _channels.TryGetValue(v, out var c) ? c : null;
    public bool HasObjective(int id) => _objectiveIds.Contains(id);
    public bool HasTheme(int id) => _themeIds.Contains(id);
    public bool HasDistrict(int id) => _districtIds.Contains(id);

    /// <summary>The current plan's catalogue (<see cref="PlanQueries.CurrentFirst"/>).</summary>
    internal static Task<ActivityCatalogue> LoadAsync(CommsPlanDbContext db, DateOnly today, CancellationToken ct) =>
        LoadAsync(db, today, null, ct);

    /// <summary>The catalogue of the plan of <paramref name="planYear"/> (the current plan when null).</summary>
    /// <exception cref="BusinessRuleException">No issued plan of that year, or none at all.</exception>
    internal static async Task<ActivityCatalogue> LoadAsync(CommsPlanDbContext db, DateOnly today, int? planYear, CancellationToken ct)
        => await LoadAsync(db, await PlanChoice.ResolveAsync(db, planYear, today, ct), ct);

    /// <summary>The catalogue of <paramref name="plan"/>, already resolved.</summary>
    internal static async Task<ActivityCatalogue> LoadAsync(CommsPlanDbContext db, PlanChoice plan, CancellationToken ct)
    {
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.SortOrder).ThenBy(a => a.Name)
            .Select(a => new AgencyOption(a.Id, a.Code, a.Name, a.IsActive)).ToListAsync(ct);
        var groups = await db.FormGroups.AsNoTracking().Where(g => g.PlanId == plan.Id).OrderBy(g => g.SortOrder)
            .Select(g => new FormGroupOption(g.Id, g.Code, g.DisplayCode, g.ShortName)).ToListAsync(ct);
        var channels = await db.Channels.AsNoTracking().Where(c => c.FormGroup!.PlanId == plan.Id)
            .OrderBy(c => c.FormGroup!.SortOrder).ThenBy(c => c.SortOrder)
            .Select(c => new ChannelOption(c.Id, c.Code, c.Name, c.Unit, c.SecondMeasureLabel, c.SecondMeasureUnit, c.IsActive,
                c.FormGroupId, c.FormGroup!.Code))
            .ToListAsync(ct);
        var objectives = await db.Objectives.AsNoTracking().Where(o => o.PlanId == plan.Id).OrderBy(o => o.SortOrder)
            .Select(o => new CatalogueOption(o.Id, o.Code, o.DisplayCode, o.ShortName)).ToListAsync(ct);
        var themes = await db.Themes.AsNoTracking().Where(t => t.PlanId == plan.Id).OrderBy(t => t.SortOrder)
            .Select(t => new CatalogueOption(t.Id, t.Code, t.DisplayCode, t.ShortName)).ToListAsync(ct);
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder)
            .Select(d => new DistrictOption(d.Id, d.Code, d.Name)).ToListAsync(ct);
        return new ActivityCatalogue(plan.Number, plan.Start, plan.End, agencies, groups, channels, objectives, themes, districts) { PlanYear = plan.Year };
    }
}

public sealed record AgencyOption(int Id, string Code, string Name, bool IsActive);

public sealed record FormGroupOption(int Id, string Code, string DisplayCode, string ShortName);

public sealed record ChannelOption(
    int Id, string Code, string Name, string Unit, string? SecondMeasureLabel, string? SecondMeasureUnit, bool IsActive,
    int FormGroupId, string FormGroupCode)
{
    public bool HasSecondMeasure => SecondMeasureLabel is not null;
}

/// <summary>An objective or a theme: <see cref="DisplayCode"/> is what the screen shows (MĐ1), <see cref="Code"/> is ASCII (MD1).</summary>
public sealed record CatalogueOption(int Id, string Code, string DisplayCode, string ShortName);

public sealed record DistrictOption(int Id, string Code, string Name);

/// <summary>Everything the validator checks an input against: the catalogue and "today". Built once per form or import.</summary>
public sealed record ActivityValidationContext(ActivityCatalogue Catalogue, DateOnly Today);
