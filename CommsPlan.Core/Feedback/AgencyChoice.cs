using CommsPlan.Core.Access;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Feedback;

/// <summary>An agency as a filter or a picker lists it.</summary>
public sealed record AgencyChoice(int Id, string Code, string Name, AgencyKind Kind);

internal static class AgencyChoices
{
    /// <summary>The active agencies the caller may read, in catalogue order: all for readers of all, an officer's own otherwise.</summary>
    public static async Task<IReadOnlyList<AgencyChoice>> ListAsync(CommsPlanDbContext db, CurrentUser user, CancellationToken ct)
    {
        var agencies = db.Agencies.AsNoTracking().Where(a => a.IsActive);
        if (!user.CanReadAllAgencies)
        {
            var own = user.IsOfficer ? user.AgencyId!.Value : -1;
            agencies = agencies.Where(a => a.Id == own);
        }
        return await agencies.OrderBy(a => a.SortOrder).ThenBy(a => a.Name)
            .Select(a => new AgencyChoice(a.Id, a.Code, a.Name, a.Kind)).ToListAsync(ct);
    }
}
