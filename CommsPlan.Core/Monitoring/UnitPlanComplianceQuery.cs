using CommsPlan.Core.Data;
using CommsPlan.Core.UnitPlans;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Monitoring;

/// <summary>
/// The unit plans monitoring needs to judge NV1 compliance: one header per agency, a few dozen rows read once per
/// query. Their status comes from <see cref="UnitPlanStatusRule"/>, the rule the unit-plans pages use, so both agree.
/// </summary>
internal static class UnitPlanComplianceQuery
{
    public static UnitPlanStatus StatusOf(DateOnly? issuedOn, DateOnly? deadline, DateOnly today) =>
        UnitPlanStatusRule.Evaluate(issuedOn, deadline, today);

    /// <summary>Every unit plan of <paramref name="planId"/>, by agency: a handful of rows, one per agency.</summary>
    public static async Task<Dictionary<int, UnitPlanHeader>> LoadAsync(CommsPlanDbContext db, int planId, CancellationToken ct) =>
        await db.UnitPlans.AsNoTracking()
            .Where(u => u.PlanId == planId)
            .Select(u => new UnitPlanHeader(u.Id, u.AgencyId, u.DocumentNumber, u.IssuedOn, u.Link))
            .ToDictionaryAsync(u => u.AgencyId, ct);
}

internal sealed record UnitPlanHeader(int Id, int AgencyId, string DocumentNumber, DateOnly IssuedOn, string? Link);
