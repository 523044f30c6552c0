using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Plans;

/// <summary>The current plan's identity and period: what records of the year are dated against.</summary>
public sealed record PlanPeriod(int PlanId, string Number, DateOnly Start, DateOnly End)
{
    /// <summary>The latest plan (the same one <see cref="PlanService.GetCurrentPlanAsync"/> shows), or null when none is seeded.</summary>
    public static Task<PlanPeriod?> FindCurrentAsync(CommsPlanDbContext db, CancellationToken ct = default) =>
        db.Plans.AsNoTracking()
            .OrderByDescending(p => p.Year)
            .Select(p => new PlanPeriod(p.Id, p.Number, p.PeriodStart, p.PeriodEnd))
            .FirstOrDefaultAsync(ct);

    /// <summary>The last day a record may be dated on: the end of the period, or today if earlier.</summary>
    public DateOnly LastAllowedDay(DateOnly today) => today < End ? today : End;
}
