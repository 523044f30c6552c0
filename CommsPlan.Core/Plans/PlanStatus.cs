namespace CommsPlan.Core.Plans;

/// <summary>Where a plan stands on a day. Derived from whether it was issued and from its period, never set.</summary>
public enum PlanStatus
{
    /// <summary>Dự thảo: being written; no record is dated against it and it is never the default.</summary>
    Draft,
    /// <summary>Sắp thực hiện: issued, its period not yet begun.</summary>
    Upcoming,
    /// <summary>Đang thực hiện: issued, its period contains the day.</summary>
    Running,
    /// <summary>Đã kết thúc: issued, its period over.</summary>
    Finished,
}

public static class PlanStatuses
{
    public static PlanStatus Of(bool issued, DateOnly periodStart, DateOnly periodEnd, DateOnly today) =>
        !issued ? PlanStatus.Draft
        : today < periodStart ? PlanStatus.Upcoming
        : today <= periodEnd ? PlanStatus.Running
        : PlanStatus.Finished;

    public static string Label(this PlanStatus status) => status switch
    {
        PlanStatus.Draft => "Dự thảo",
        PlanStatus.Upcoming => "Sắp thực hiện",
        PlanStatus.Running => "Đang thực hiện",
        PlanStatus.Finished => "Đã kết thúc",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}

/// <summary>The one rule that picks the plan a page shows when the user has not chosen one.</summary>
public static class PlanQueries
{
    /// <summary>
    /// The current plan first: the issued plan whose period contains <paramref name="today"/>, else the latest issued
    /// one. A draft is never current, so adding next year's draft changes no figure of this year.
    /// </summary>
    public static IQueryable<Plan> CurrentFirst(this IQueryable<Plan> plans, DateOnly today) =>
        plans.Where(p => p.IsIssued)
            .OrderByDescending(p => p.PeriodStart <= today && p.PeriodEnd >= today)
            .ThenByDescending(p => p.PeriodStart);
}
