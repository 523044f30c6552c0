using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Access;

/// <summary>An agency as a directory lists it: its code and name, its kind, whether it still works, and its successor after a merge.</summary>
public sealed record AgencyListing(int Id, string Code, string Name, AgencyKind Kind, bool IsActive, string? SuccessorCode, int SortOrder)
{
    public AgencyGroup Group => Kind.Group();
}

/// <summary>
/// The agencies a caller may read (<see cref="CurrentUser.CanRead"/>), and an agency by its code: monitors, leadership,
/// administrators and the province's token see every agency, active or not; an officer (or an agency's token) only
/// its own, as every page shows it. An agency the caller may not read is not found, exactly like one that does not exist.
/// </summary>
public sealed class AgencyDirectory(IDbContextFactory<CommsPlanDbContext> factory)
{
    /// <summary>The agencies <paramref name="user"/> reads, by reporting group then catalogue order.</summary>
    public async Task<IReadOnlyList<AgencyListing>> ListAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await Project(Readable(db, user)).ToListAsync(ct);
        return [.. rows.OrderBy(a => a.Group).ThenBy(a => a.SortOrder).ThenBy(a => a.Code, StringComparer.Ordinal)];
    }

    /// <summary>The agency <paramref name="code"/> names (any case), or null when there is none the caller may read.</summary>
    public async Task<AgencyListing?> FindAsync(CurrentUser user, string? code, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrWhiteSpace(code)) return null;
        var wanted = code.Trim().ToUpperInvariant();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Project(Readable(db, user).Where(a => a.Code.ToUpper() == wanted)).FirstOrDefaultAsync(ct);
    }

    private static IQueryable<Agency> Readable(CommsPlanDbContext db, CurrentUser user)
    {
        var agencies = db.Agencies.AsNoTracking();
        if (user.CanReadAllAgencies) return agencies;
        var own = user.IsOfficer ? user.AgencyId!.Value : -1;
        return agencies.Where(a => a.Id == own);
    }

    private static IQueryable<AgencyListing> Project(IQueryable<Agency> agencies) =>
        agencies.Select(a => new AgencyListing(a.Id, a.Code, a.Name, a.Kind, a.IsActive, a.Successor == null ? null : a.Successor.Code, a.SortOrder));
}
