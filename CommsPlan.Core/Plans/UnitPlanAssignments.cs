namespace CommsPlan.Core.Plans;

/// <summary>
/// Which assignment of a plan is the unit-plan assignment (NV1 of Plan 20/KH-UBND: each agency builds its own plan by a
/// deadline), by its flag <see cref="Assignment.IsUnitPlanAssignment"/> and never by its code: a later year may number
/// its assignments differently. Every service, page and the seeding find it here. The plan editor keeps at most one per
/// plan; should older data hold two, the first in the plan's order counts, the same one everywhere.
/// </summary>
public static class UnitPlanAssignments
{
    /// <summary>The unit-plan assignment of the plan <paramref name="planId"/>, as a query of at most one row.</summary>
    public static IQueryable<Assignment> UnitPlanAssignmentOf(this IQueryable<Assignment> assignments, int planId) =>
        assignments.Where(a => a.PlanId == planId && a.IsUnitPlanAssignment).OrderBy(a => a.SortOrder).ThenBy(a => a.Id).Take(1);

    /// <summary>The unit-plan assignment among a loaded plan's <paramref name="assignments"/>, or null when it has none.</summary>
    public static Assignment? UnitPlanAssignment(this IEnumerable<Assignment> assignments) =>
        assignments.Where(a => a.IsUnitPlanAssignment).OrderBy(a => a.SortOrder).ThenBy(a => a.Id).FirstOrDefault();

    /// <summary>The unit-plan assignment of a plan loaded with its assignments, or null when it has none.</summary>
    public static Assignment? UnitPlanAssignment(this Plan plan) => plan.Assignments.UnitPlanAssignment();
}
