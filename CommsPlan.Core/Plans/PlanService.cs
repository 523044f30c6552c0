using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Plans;

/// <summary>Reads the plan catalogue. Everyone signed in may read the plan.</summary>
public sealed class PlanService(IDbContextFactory<CommsPlanDbContext> factory, TimeProvider time)
{
    /// <summary>The year of the current plan, whose periods a selector offers; this year when no plan is seeded.</summary>
    public async Task<int> GetPlanYearAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var year = await db.Plans.AsNoTracking().CurrentFirst(time.Today()).Select(p => (int?)p.Year).FirstOrDefaultAsync(ct);
        return year ?? time.Today().Year;
    }

    /// <summary>The current plan's number and year for the app bar, or null when none is issued.</summary>
    public async Task<(string Number, int Year)?> GetCurrentNumberAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var plan = await db.Plans.AsNoTracking().CurrentFirst(time.Today()).Select(p => new { p.Number, p.Year }).FirstOrDefaultAsync(ct);
        return plan is null ? null : (plan.Number, plan.Year);
    }

    /// <summary>The current plan (<see cref="PlanQueries.CurrentFirst"/>) with its whole catalogue, or null when none is issued.</summary>
    public async Task<Plan?> GetCurrentPlanAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var plan = await db.Plans.AsNoTracking()
            .Include(p => p.Objectives).Include(p => p.Requirements).Include(p => p.Themes)
            .Include(p => p.FormGroups).ThenInclude(g => g.Channels).Include(p => p.Assignments)
            .AsSplitQuery()
            .CurrentFirst(time.Today())
            .FirstOrDefaultAsync(ct);
        if (plan is null) return null;
        plan.Objectives.Sort((a, b) => a.SortOrder.CompareTo(b.SortOrder));
        plan.Requirements.Sort((a, b) => a.SortOrder.CompareTo(b.SortOrder));
        plan.Themes.Sort((a, b) => a.SortOrder.CompareTo(b.SortOrder));
        plan.Assignments.Sort((a, b) => a.SortOrder.CompareTo(b.SortOrder));
        plan.FormGroups.Sort((a, b) => a.SortOrder.CompareTo(b.SortOrder));
        foreach (var g in plan.FormGroups) g.Channels.Sort((a, b) => a.SortOrder.CompareTo(b.SortOrder));
        return plan;
    }
}
