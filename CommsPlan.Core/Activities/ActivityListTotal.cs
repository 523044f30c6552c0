using System.Linq.Expressions;
using CommsPlan.Core.Activities.Figures;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Activities;

/// <summary>
/// The activity list's total (the pager's "of N"). A COUNT over the filtered activities costs one index entry per
/// match: 71,000 entries and about 6 ms for one channel at 1,000,000 activities, most of a page's time. When every
/// filter is a key of the pre-aggregated figures (<see cref="ActivityFigure"/> and its objective and theme tables:
/// agency, channel, form group through its channels, one objective or one theme, start dates) the total is the sum
/// of their <c>Activities</c> over a few thousand rows per year of data, whatever the number of activities. Small totals are
/// still counted exactly first: below <see cref="ExactCountLimit"/> the count is cheaper than the figures' rows.
/// Measurements: docs/performance.md.
/// </summary>
internal static class ActivityListTotal
{
    /// <summary>
    /// Matches counted directly before the figures are asked (about 1 ms at most). One year of the figures holds up
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
        var counted = await activities.Take(exactCountLimit + 1).CountAsync(ct);
        return counted <= exactCountLimit ? counted : await SumFiguresAsync(db, agencyId, query, ct);
    }

    /// <summary>
    /// Whether one figure table has every filter of <paramref name="query"/> as a key: not with a text search, nor an
    /// objective together with a channel, form group (the objective figures have no channel) or theme (objectives and
    /// themes are counted in separate tables), nor a date in the last month a date can hold.
    /// </summary>
    public static bool CanSumFigures(ActivityQuery query) =>
        string.IsNullOrWhiteSpace(query.Text)
        && (query.ObjectiveId is null || query is { ChannelId: null, FormGroupId: null, ThemeId: null })
        && query.From is not { Year: 9999, Month: 12 } && query.To is not { Year: 9999, Month: 12 };

    /// <summary>
    /// The number of activities matching <paramref name="query"/> within <paramref name="agencyId"/>, as the sum of
    /// the figures' <c>Activities</c>. Only for a query <see cref="CanSumFigures"/> accepts.
    /// </summary>
    public static Task<int> SumFiguresAsync(CommsPlanDbContext db, int? agencyId, ActivityQuery query, CancellationToken ct)
    {
        if (!CanSumFigures(query)) throw new ArgumentException("The figures do not carry every filter of this query.", nameof(query));
        var channelIds = query.FormGroupId is { } groupId ? db.Channels.Where(c => c.FormGroupId == groupId).Select(c => c.Id) : null;
        var channelId = query.ChannelId;
        if (query.ObjectiveId is { } objectiveId)
            return SumAsync(db.ActivityObjectiveFigures.AsNoTracking().Where(f => f.ObjectiveId == objectiveId), agencyId, query, ct);
        if (query.ThemeId is { } themeId)
        {
            var themes = db.ActivityThemeFigures.AsNoTracking().Where(f => f.ThemeId == themeId);
            if (channelId is { } id) themes = themes.Where(f => f.ChannelId == id);
            if (channelIds is not null) themes = themes.Where(f => channelIds.Contains(f.ChannelId));
            return SumAsync(themes, agencyId, query, ct);
        }
        var figures = db.ActivityFigures.AsNoTracking();
        if (channelId is { } channel) figures = figures.Where(f => f.ChannelId == channel);
        if (channelIds is not null) figures = figures.Where(f => channelIds.Contains(f.ChannelId));
        return SumAsync(figures, agencyId, query, ct);
    }

    private static Task<int> SumAsync<T>(IQueryable<T> figures, int? agencyId, ActivityQuery query, CancellationToken ct)
        where T : class, IActivityFigure
    {
        if (agencyId is { } id) figures = figures.Where(f => f.AgencyId == id);
        return figures.Where(Range<T>(query.From, query.To)).SumAsync(f => f.Activities, ct);
    }

    /// <summary>
    /// The rows of a start-date range, each activity once: month rows for the whole months inside it, day rows for
    /// the days of its partial first and last months (as <see cref="Monitoring.FigureRange"/>, with either end open).
    /// </summary>
    private static Expression<Func<T, bool>> Range<T>(DateOnly? from, DateOnly? to) where T : class, IActivityFigure
    {
        // The first whole month on or after `from`, and the month after the last whole month up to `to` (exclusive);
        // both exist as dates (CanSumFigures refuses the last month a date can hold).
        var firstWhole = from is { } f ? (f.Day == 1 ? f : new DateOnly(f.Year, f.Month, 1).AddMonths(1)) : default;
        var afterWhole = to is { } t
            ? (t.Day == DateTime.DaysInMonth(t.Year, t.Month) ? new DateOnly(t.Year, t.Month, 1).AddMonths(1) : new DateOnly(t.Year, t.Month, 1))
            : default;
        var start = from.GetValueOrDefault();
        var end = to.GetValueOrDefault();
        // Locals, not constants: EF sends them as parameters and every range shares one plan. With no whole month
        // inside (firstWhole >= afterWhole) the month part is empty and the day part covers every day of the range.
        return (from, to) switch
        {
            (null, null) => x => x.Grain == FigureGrain.Month,
            (not null, null) => x => (x.Grain == FigureGrain.Month && x.Day >= firstWhole)
                                     || (x.Grain == FigureGrain.Day && x.Day >= start && x.Day < firstWhole),
            (null, not null) => x => (x.Grain == FigureGrain.Month && x.Day < afterWhole)
                                     || (x.Grain == FigureGrain.Day && x.Day >= afterWhole && x.Day <= end),
            _ => x => (x.Grain == FigureGrain.Month && x.Day >= firstWhole && x.Day < afterWhole)
                      || (x.Grain == FigureGrain.Day && x.Day >= start && x.Day <= end && (x.Day < firstWhole || x.Day >= afterWhole)),
        };
    }
}
