using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Access;

public static class AgencySuccession
{
    /// <summary>
    /// The agency that new records of <paramref name="agencyId"/> go to today: itself, or — after merges — the
    /// end of its chain of successors (A merged into B, B into C: C). Records already saved keep the agency
    /// they were logged under; only new ones move. Call it inside the saving context, before setting AgencyId.
    /// The result may be an agency that was deactivated without a successor: check IsActive if that matters.
    /// </summary>
    /// <exception cref="NotFoundException">No agency has this id.</exception>
    public static async Task<int> ResolveCurrentAgencyAsync(this CommsPlanDbContext db, int agencyId, CancellationToken ct = default)
    {
        var seen = new HashSet<int>();
        var current = agencyId;
        while (seen.Add(current))
        {
            var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == current)
                .Select(a => new { a.SuccessorId }).SingleOrDefaultAsync(ct) ?? throw new NotFoundException();
            if (agency.SuccessorId is not { } next) return current;
            current = next;
        }
        // Merges refuse to close a loop; a loop here means the data was edited by hand.
        throw new InvalidOperationException($"The successors of agency {agencyId} form a loop.");
    }
}
