using CommsPlan.Core.Activities.Figures;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Activities;

/// <summary>
/// The activity list's total (the pager's "of N"). A COUNT over the filtered activities costs one index entry per
/// match, which for a broad filter over many activities is most of a page's time. When every
/// filter is a key of the pre-aggregated figures (<see cref="ActivityFigure"/> and its objective and theme tables:
/// agency, channel, form group through its channels, one objective or one theme, start dates) the total is the sum
/// of their <c>Activities</c> over a few thousand rows per year of data, whatever the number of activities. Small totals are
/// still counted exactly first: below <see cref="ExactCountLimit"/> the count is cheaper than the figures' rows.
/// Measurements: docs/performance.md.
/// </summary>
internal static class ActivityListTotal
{
    /// <summary>
    /// Matches counted directly before the figures are asked (a capped count stays cheap). One year of the figures holds up
    /// to 12 months × 33 agencies × 14 channels = 5,544 month rows: a COUNT of fewer matches than about that is the
    /// cheaper of the two, so a total up to this is counted, and a larger one is summed from the figures.
    /// </summary>
    public const int ExactCountLimit = 10_000;

    /// <param name="activities">The activities the list shows: readable by the caller and filtered by <paramref name="query"/>.</param>
    /// <param name="agencyId">The one agency <paramref name="activities"/> is limited to (a filter or an officer's own), if any.</param>
    public static async Task<int> CountAsync(CommsPlanDbContext db, IQueryable<Activity> activities, int? agencyId, ActivityQuery query,
        int exactCountLimit, CancellationToken ct)
    {
        if (!CanSumFigures(query)) return await activities.CountAsync(ct);
        // Which matches the cap keeps does not change the count, but a Take needs an order to mean the same on every
        // engine and run; the key is the cheapest one (SQLite's rowid, PostgreSQL's primary key).
        var counted = await activities.OrderBy(a => a.Id).Take(exactCountLimit + 1).CountAsync(ct);
        return counted <= exactCountLimit ? counted : await SumFiguresAsync(db, agencyId, query, ct);
    }

    /// <summary>
    /// Whether one figure table has every filter of <paramref name="query"/> as a key: not with a text search, nor an
    /// objective together with a channel, form group (the objective figures have no channel) or theme (objectives and
    /// themes are counted in separate tables), nor a date in the first or last month a date can hold (the split into
    /// whole months and days steps a month outside the range).
    /// </summary>
    public static bool CanSumFigures(ActivityQuery query) =>
        string.IsNullOrWhiteSpace(query.Text)
        && (query.ObjectiveId is null || query is { ChannelId: null, FormGroupId: null, ThemeId: null })
        && !AtTheEdgeOfTime(query.From) && !AtTheEdgeOfTime(query.To);

    private static bool AtTheEdgeOfTime(DateOnly? day) => day is { Year: 9999, Month: 12 } or { Year: 1, Month: 1 };

    /// <summary>
    /// The number of activities matching <paramref name="query"/> within <paramref name="agencyId"/>, as the sum of
    /// the figures' <c>Activities</c>. Only for a query <see cref="CanSumFigures"/> accepts.
    /// </summary>
    public static Task<int> SumFiguresAsync(CommsPlanDbContext db, int? agencyId, ActivityQuery query, CancellationToken ct)
    {
        if (!CanSumFigures(query)) throw new ArgumentException("The figures do not carry every filter of this query.", nameof(query));
        var channelIds = query.FormGroupId is { } groupId ? db.Channels.Where(c => c.FormGroupId == groupId).Select(c => c.Id) : null;
        var channelId = query.ChannelId;
        // The plan through its channels and objectives, as the list's own filter (ActivityService) applies it.
        var planIds = query.PlanYear is { } year ? db.Plans.Where(p => p.Year == year).Select(p => p.Id) : null;
        var planChannels = planIds is null ? null : db.Channels.Where(c => planIds.Contains(c.FormGroup!.PlanId)).Select(c => c.Id);
        if (query.ObjectiveId is { } objectiveId)
        {
            var objectives = db.ActivityObjectiveFigures.AsNoTracking().Where(f => f.ObjectiveId == objectiveId);
            if (planIds is not null) objectives = objectives.Where(f => db.Objectives.Where(o => planIds.Contains(o.PlanId)).Select(o => o.Id).Contains(f.ObjectiveId));
            return SumAsync(objectives, agencyId, query, ct);
        }
        if (query.ThemeId is { } themeId)
        {
            var themes = db.ActivityThemeFigures.AsNoTracking().Where(f => f.ThemeId == themeId);
            if (planChannels is not null) themes = themes.Where(f => planChannels.Contains(f.ChannelId));
            if (channelId is { } id) themes = themes.Where(f => f.ChannelId == id);
            if (channelIds is not null) themes = themes.Where(f => channelIds.Contains(f.ChannelId));
            return SumAsync(themes, agencyId, query, ct);
        }
        var figures = db.ActivityFigures.AsNoTracking();
        if (planChannels is not null) figures = figures.Where(f => planChannels.Contains(f.ChannelId));
        if (channelId is { } channel) figures = figures.Where(f => f.ChannelId == channel);
        if (channelIds is not null) figures = figures.Where(f => channelIds.Contains(f.ChannelId));
        return SumAsync(figures, agencyId, query, ct);
    }

    private static Task<int> SumAsync<T>(IQueryable<T> figures, int? agencyId, ActivityQuery query, CancellationToken ct)
        where T : class, IActivityFigure
    {
        if (agencyId is { } id) figures = figures.Where(f => f.AgencyId == id);
        return InRange(figures, query.From, query.To).SumAsync(f => f.Activities, ct);
    }

    /// <summary>
    /// The rows of a start-date range, each activity once: month rows for the whole months inside it, day rows for
    /// the days of its partial first and last months. A closed range is <see cref="FigureRange"/>'s, as the overview
    /// reads it; an open end takes every month beyond the partial month at its other end. Each branch is one range of
    /// the figures' (Grain, Day) index, so a year reads its month rows and at most two months of day rows, not every
    /// day row of the year (SQLite walks them all for a single range that excludes the whole months).
    /// </summary>
    private static IQueryable<T> InRange<T>(IQueryable<T> figures, DateOnly? from, DateOnly? to) where T : class, IActivityFigure
    {
        if (from is { } f && to is { } t) return FigureRange.Of(f, t).Apply(figures, agencyIds: null);
        if (from is { } start)
        {
            // Locals, not constants: EF sends them as parameters and every range shares one plan.
            var firstWhole = start.Day == 1 ? start : new DateOnly(start.Year, start.Month, 1).AddMonths(1);
            return figures.Where(x => (x.Grain == FigureGrain.Month && x.Day >= firstWhole)
                                      || (x.Grain == FigureGrain.Day && x.Day >= start && x.Day < firstWhole));
        }
        if (to is { } end)
        {
            var afterWhole = end.Day == DateTime.DaysInMonth(end.Year, end.Month)
                ? new DateOnly(end.Year, end.Month, 1).AddMonths(1)
                : new DateOnly(end.Year, end.Month, 1);
            return figures.Where(x => (x.Grain == FigureGrain.Month && x.Day < afterWhole)
                                      || (x.Grain == FigureGrain.Day && x.Day >= afterWhole && x.Day <= end));
        }
        return figures.Where(x => x.Grain == FigureGrain.Month);
    }
}
