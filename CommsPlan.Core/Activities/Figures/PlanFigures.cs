using CommsPlan.Core.Data;

namespace CommsPlan.Core.Activities.Figures;

/// <summary>
/// Figures and activities of one plan: through its channels (each form group belongs to one plan) or its objectives.
/// Applied before the dates, because a plan's reporting windows reach into the year before (Quý I/2022 opens on
/// 15/12/2021, inside the 2021 plan's period) and a date alone would count the other plan's records.
/// </summary>
internal static class PlanFigures
{
    public static IQueryable<ActivityFigure> InPlan(this IQueryable<ActivityFigure> figures, CommsPlanDbContext db, int planId)
    {
        var channels = db.Channels.Where(c => c.FormGroup!.PlanId == planId).Select(c => c.Id);
        return figures.Where(f => channels.Contains(f.ChannelId));
    }

    public static IQueryable<ActivityThemeFigure> InPlan(this IQueryable<ActivityThemeFigure> figures, CommsPlanDbContext db, int planId)
    {
        var channels = db.Channels.Where(c => c.FormGroup!.PlanId == planId).Select(c => c.Id);
        return figures.Where(f => channels.Contains(f.ChannelId));
    }

    public static IQueryable<ActivityObjectiveFigure> InPlan(this IQueryable<ActivityObjectiveFigure> figures, CommsPlanDbContext db, int planId)
    {
        var objectives = db.Objectives.Where(o => o.PlanId == planId).Select(o => o.Id);
        return figures.Where(f => objectives.Contains(f.ObjectiveId));
    }

    public static IQueryable<Activity> InPlan(this IQueryable<Activity> activities, int planId) =>
        activities.Where(a => a.Channel!.FormGroup!.PlanId == planId);
}
