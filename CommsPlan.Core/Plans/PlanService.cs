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

    /// <summary>Every issued plan, the latest first, and which one is current today: what the plan selector offers.</summary>
    public async Task<PlanChoices> GetChoicesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = time.Today();
        return new PlanChoices(await PlanChoice.ListIssuedAsync(db, ct), await PlanChoice.FindAsync(db, null, today, ct), today);
    }

    /// <summary>
    /// Every issued plan with its header and where it stands today, the latest first: what other systems list (a
    /// draft is never served outside the plan editor).
    /// </summary>
    public async Task<IReadOnlyList<IssuedPlan>> ListIssuedAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = time.Today();
        var plans = await db.Plans.AsNoTracking().Where(p => p.IsIssued).OrderByDescending(p => p.PeriodStart)
            .Select(p => new { p.Year, p.Number, p.Title, p.IssuedOn, p.PeriodStart, p.PeriodEnd })
            .ToListAsync(ct);
        return [.. plans.Select(p => new IssuedPlan(p.Year, p.Number, p.Title, p.IssuedOn, p.PeriodStart, p.PeriodEnd,
            PlanStatuses.Of(true, p.PeriodStart, p.PeriodEnd, today)))];
    }

    /// <summary>The current plan (<see cref="PlanQueries.CurrentFirst"/>) with its whole catalogue, or null when none is issued.</summary>
    public Task<Plan?> GetCurrentPlanAsync(CancellationToken ct = default) => GetPlanAsync(null, ct);

    /// <summary>
    /// The issued plan of <paramref name="year"/> with its whole catalogue (the current plan when null), or null when
    /// there is no such plan.
    /// </summary>
    public async Task<Plan?> GetPlanAsync(int? year, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var plans = db.Plans.AsNoTracking()
            .Include(p => p.Objectives).Include(p => p.Requirements).Include(p => p.Themes)
            .Include(p => p.FormGroups).ThenInclude(g => g.Channels).Include(p => p.Assignments)
            .AsSplitQuery();
        var plan = await (year is { } y ? plans.Where(p => p.IsIssued && p.Year == y) : plans.CurrentFirst(time.Today()))
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

/// <summary>An issued plan's header: its year, number and title, the day it was issued, its period and where it stands.</summary>
public sealed record IssuedPlan(int Year, string Number, string Title, DateOnly IssuedOn, DateOnly PeriodStart, DateOnly PeriodEnd, PlanStatus Status);

/// <summary>The issued plans (latest first) and the current one, which a page shows when the URL names no year.</summary>
public sealed record PlanChoices(IReadOnlyList<PlanChoice> Issued, PlanChoice? Current, DateOnly Today)
{
    /// <summary>The plan of <paramref name="year"/> if issued, else the current one: an unknown year in a link falls back, never fails.</summary>
    public PlanChoice? Pick(int? year) => Issued.FirstOrDefault(p => p.Year == year) ?? Current;
}
