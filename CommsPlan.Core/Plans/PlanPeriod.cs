using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Plans;

/// <summary>The current plan's identity and period: what records of the year are dated against.</summary>
public sealed record PlanPeriod(int PlanId, string Number, DateOnly Start, DateOnly End)
{
    /// <summary>The current plan on <paramref name="today"/> (<see cref="PlanQueries.CurrentFirst"/>), or null when none is issued.</summary>
    public static Task<PlanPeriod?> FindCurrentAsync(CommsPlanDbContext db, DateOnly today, CancellationToken ct = default) =>
        db.Plans.AsNoTracking()
            .CurrentFirst(today)
            .Select(p => new PlanPeriod(p.Id, p.Number, p.PeriodStart, p.PeriodEnd))
            .FirstOrDefaultAsync(ct);

    /// <summary>The last day a record may be dated on: the end of the period, or today if earlier.</summary>
    public DateOnly LastAllowedDay(DateOnly today) => today < End ? today : End;
}
