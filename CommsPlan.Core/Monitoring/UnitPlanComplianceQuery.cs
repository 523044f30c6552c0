using CommsPlan.Core.Agencies;
using CommsPlan.Core.Data;
using CommsPlan.Core.UnitPlans;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Monitoring;

/// <summary>
/// The NV1 rule, read for monitoring: agencies of the kinds NV1 binds must issue a unit plan by NV1's deadline;
/// issued by then is on time, after it late, none missing. Kept small and internal so the unit-plans feature's
/// own service can take its place without changing the monitoring results.
/// </summary>
internal static class UnitPlanComplianceQuery
{
    public const string UnitPlanAssignmentCode = "NV1";

    public static UnitPlanStatus StatusOf(DateOnly? issuedOn, DateOnly? deadline) =>
        issuedOn is null ? UnitPlanStatus.Missing
        : deadline is null || issuedOn <= deadline ? UnitPlanStatus.OnTime
        : UnitPlanStatus.Late;

    /// <summary>Every unit plan of <paramref name="planId"/>, by agency: a handful of rows, one per agency.</summary>
    public static async Task<Dictionary<int, UnitPlanHeader>> LoadAsync(CommsPlanDbContext db, int planId, CancellationToken ct) =>
        await db.UnitPlans.AsNoTracking()
            .Where(u => u.PlanId == planId)
            .Select(u => new UnitPlanHeader(u.Id, u.AgencyId, u.DocumentNumber, u.IssuedOn, u.Link))
            .ToDictionaryAsync(u => u.AgencyId, ct);

    /// <summary>The kinds of agency NV1 binds, as a list a query can test membership in.</summary>
    public static IReadOnlyList<AgencyKind> BoundKinds(AgencyKinds binds) =>
        [.. Enum.GetValues<AgencyKind>().Where(k => binds.HasFlag(k.AsFlag()))];
}

internal sealed record UnitPlanHeader(int Id, int AgencyId, string DocumentNumber, DateOnly IssuedOn, string? Link);
