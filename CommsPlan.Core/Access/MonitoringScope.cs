using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Access;

/// <summary>
/// Which agencies a question about figures or lists is about (the overview, the report, the feedback lists): the whole province, one group of agencies (Sở, ban, ngành /
/// UBND cấp huyện / Báo chí) or one agency by code. An officer always gets its own agency, whatever it asks for.
/// </summary>
public sealed record MonitoringScope
{
    public AgencyGroup? Group { get; init; }
    public string? AgencyCode { get; init; }

    public bool IsProvince => Group is null && AgencyCode is null;

    public static MonitoringScope Province { get; } = new();

    public static MonitoringScope ForGroup(AgencyGroup group) => new() { Group = group };

    public static MonitoringScope ForAgency(string agencyCode) => new() { AgencyCode = agencyCode };
}

/// <summary>The scope a result actually covers, after the caller's rights were applied.</summary>
/// <param name="Description">"Toàn tỉnh", "UBND cấp huyện", "Sở Tư pháp".</param>
/// <param name="Agency">The one agency covered, when the scope is one agency.</param>
/// <param name="IsOwnAgencyOnly">The caller is an officer: the result covers its agency, and only totals of the province.</param>
public sealed record AppliedScope(string Description, AgencyGroup? Group, AgencyRef? Agency, bool IsOwnAgencyOnly)
{
    public bool IsProvince => Group is null && Agency is null;
}

/// <summary>An agency as results name it.</summary>
public sealed record AgencyRef(int Id, string Code, string Name, AgencyKind Kind, int SortOrder)
{
    public AgencyGroup Group => Kind.Group();
}

/// <summary>An agency with whether it is still active, as scope pickers and figures list them.</summary>
public sealed record AgencyEntry(AgencyRef Ref, bool IsActive);

/// <summary>A scope after the caller's rights were applied: what the result covers, and its agencies (null: all).</summary>
public sealed record ResolvedScope(AppliedScope Applied, IReadOnlyList<int>? AgencyIds)
{
    private readonly HashSet<int>? _ids = AgencyIds?.ToHashSet();

    public bool Contains(int agencyId) => _ids is null || _ids.Contains(agencyId);
}

/// <summary>
/// Who may see which agencies' figures: monitors, leadership and administrators any scope they ask for, an officer its
/// own agency whatever it asks. One rule for the overview, the agency page, the report and the feedback lists.
/// </summary>
public static class Scopes
{
    /// <summary>Every agency, active or not, by reporting group then catalogue order.</summary>
    public static async Task<IReadOnlyList<AgencyEntry>> LoadAgenciesAsync(CommsPlanDbContext db, CancellationToken ct) =>
        [.. (await db.Agencies.AsNoTracking()
                .Select(a => new { a.Id, a.Code, a.Name, a.Kind, a.SortOrder, a.IsActive })
                .ToListAsync(ct))
            .Select(a => new AgencyEntry(new AgencyRef(a.Id, a.Code, a.Name, a.Kind, a.SortOrder), a.IsActive))
            .OrderBy(a => a.Ref.Group).ThenBy(a => a.Ref.SortOrder).ThenBy(a => a.Ref.Name, StringComparer.Ordinal)];

    /// <summary>What <paramref name="scope"/> covers for <paramref name="user"/> among <paramref name="agencies"/>.</summary>
    /// <exception cref="NotFoundException">The scope names an agency that does not exist (or the officer's agency is gone).</exception>
    /// <exception cref="AccessDeniedException">The user has no role that reads figures.</exception>
    public static ResolvedScope Resolve(CurrentUser user, MonitoringScope scope, IEnumerable<AgencyEntry> agencies)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(scope);
        if (!user.CanReadAllAgencies)
        {
            if (!user.IsOfficer) throw new AccessDeniedException();
            // An officer sees its own agency, whatever scope it asked for.
            var own = agencies.FirstOrDefault(a => a.Ref.Id == user.AgencyId) ?? throw new NotFoundException();
            return new ResolvedScope(new AppliedScope(own.Ref.Name, null, own.Ref, IsOwnAgencyOnly: true), [own.Ref.Id]);
        }
        if (scope.AgencyCode is { } code)
        {
            var agency = agencies.FirstOrDefault(a => string.Equals(a.Ref.Code, code.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new NotFoundException();
            return new ResolvedScope(new AppliedScope(agency.Ref.Name, null, agency.Ref, IsOwnAgencyOnly: false), [agency.Ref.Id]);
        }
        if (scope.Group is { } group)
        {
            return new ResolvedScope(new AppliedScope(group.DisplayName(), group, null, IsOwnAgencyOnly: false),
                [.. agencies.Where(a => a.Ref.Group == group).Select(a => a.Ref.Id)]);
        }
        return new ResolvedScope(new AppliedScope("Toàn tỉnh", null, null, IsOwnAgencyOnly: false), null);
    }

    /// <summary>
    /// The agencies a scope picker offers <paramref name="user"/>: every active agency for monitors, leadership and
    /// administrators, by group then catalogue order; an officer only its own.
    /// </summary>
    public static IReadOnlyList<AgencyRef> Pickable(CurrentUser user, IReadOnlyList<AgencyEntry> agencies)
    {
        var resolved = Resolve(user, MonitoringScope.Province, agencies);
        return [.. agencies.Where(a => resolved.Contains(a.Ref.Id) && (a.IsActive || resolved.Applied.IsOwnAgencyOnly)).Select(a => a.Ref)];
    }
}
