using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Access;

/// <summary>Who issues a paper and by what name people are printed: read once per document.</summary>
public static class IssuingBodies
{
    /// <summary>
    /// The issuer of a paper covering <paramref name="scope"/>: an officer's paper is its own agency's document; the Office
    /// issues every other (the province's, a group's, or one agency's as the Office reports on it).
    /// </summary>
    public static async Task<IssuingBody> ForScopeAsync(CommsPlanDbContext db, AppliedScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope is { IsOwnAgencyOnly: true, Agency: { } own })
            return await OfAgencyAsync(db, own.Id, ct) ?? throw new Common.NotFoundException();
        return await OfficeAsync(db, ct);
    }

    /// <summary>The Office of the Provincial People's Committee (the agency of kind ProvincialOffice; its 2021 header if none is left).</summary>
    public static async Task<IssuingBody> OfficeAsync(CommsPlanDbContext db, CancellationToken ct)
    {
        var office = await db.Agencies.AsNoTracking().Where(a => a.Kind == AgencyKind.ProvincialOffice)
            .OrderByDescending(a => a.IsActive).ThenBy(a => a.SortOrder).FirstOrDefaultAsync(ct);
        return IssuingBody.Of(office ?? new Agency { Code = "VPUBND", Name = "Văn phòng UBND tỉnh", Kind = AgencyKind.ProvincialOffice });
    }

    public static async Task<IssuingBody?> OfAgencyAsync(CommsPlanDbContext db, int agencyId, CancellationToken ct)
    {
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == agencyId, ct);
        return agency is null ? null : IssuingBody.Of(agency);
    }

    /// <summary>
    /// Full names of the accounts <paramref name="userNames"/> (case-insensitively); an API token's name as
    /// <see cref="CallerNames.Display"/> says it; a name that is no account (deleted, or "system") maps to itself, so a
    /// paper always names someone.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> FullNamesAsync(
        CommsPlanDbContext db, IEnumerable<string?> userNames, CancellationToken ct)
    {
        var wanted = userNames.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (wanted.Count == 0) return result;
        var normalized = wanted.Select(n => n.ToUpperInvariant()).ToList();
        var rows = await db.Users.AsNoTracking().Where(u => normalized.Contains(u.NormalizedUserName!))
            .Select(u => new { u.UserName, u.FullName }).ToListAsync(ct);
        foreach (var name in wanted) result[name] = CallerNames.Display(name);
        foreach (var row in rows)
            if (row.UserName is not null && !string.IsNullOrWhiteSpace(row.FullName)) result[row.UserName] = row.FullName.Trim();
        return result;
    }
}
