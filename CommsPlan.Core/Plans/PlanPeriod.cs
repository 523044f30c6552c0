using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Plans;

/// <summary>A plan's identity and period: what records of the year are dated against.</summary>
public sealed record PlanPeriod(int PlanId, string Number, DateOnly Start, DateOnly End)
{
    /// <summary>The current plan on <paramref name="today"/> (<see cref="PlanQueries.CurrentFirst"/>), or null when none is issued.</summary>
    public static Task<PlanPeriod?> FindCurrentAsync(CommsPlanDbContext db, DateOnly today, CancellationToken ct = default) =>
        FindAsync(db, null, today, ct);

    /// <summary>The plan of <paramref name="year"/> (<see cref="PlanChoice.FindAsync"/>; the current one when null), or null.</summary>
    public static async Task<PlanPeriod?> FindAsync(CommsPlanDbContext db, int? year, DateOnly today, CancellationToken ct = default) =>
        await PlanChoice.FindAsync(db, year, today, ct) is { } plan ? new PlanPeriod(plan.Id, plan.Number, plan.Start, plan.End) : null;

    /// <summary>The last day a record may be dated on: the end of the period, or today if earlier.</summary>
    public DateOnly LastAllowedDay(DateOnly today) => today < End ? today : End;
}
