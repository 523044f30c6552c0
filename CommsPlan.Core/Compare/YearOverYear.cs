using CommsPlan.Core.Access;
using CommsPlan.Core.Activities.Figures;
using CommsPlan.Core.Data;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.Plans;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.UnitPlans;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Compare;

/// <summary>
/// Computes a <see cref="YearComparison"/>: each year's figures are read against that year's own catalogue (its channels,
/// objectives and themes, by id), then matched across the years by code. Every count and sum is a GROUP BY in the
/// database — agency × channel from the pre-aggregated figures, catalogue item × channel over the activities' tags,
/// months from the figures — and only those grouped rows come back. "On time" is the reporting cycle's and the unit
/// plans' own rule (<see cref="PeriodReportCell.IsInOnTime"/>, <see cref="UnitPlanStatusRule"/>).
/// </summary>
internal static class YearOverYear
{
    /// <summary>The days of one year compared, with that year's catalogue.</summary>
    public sealed record Side(Plan Plan, DateOnly From, DateOnly To)
    {
        public ComparedYear Describe() => new(Plan.Id, Plan.Year, Plan.Number, From, To);
    }

    public static async Task<YearComparison> CompareAsync(CommsPlanDbContext db, CurrentUser user, MonitoringScope? scope,
        Side @base, Side current, DateOnly today, int dueDays, CancellationToken ct)
    {
        var baseCatalogue = await MonitoringCatalogue.LoadByIdAsync(db, @base.Plan.Id, ct);
        var currentCatalogue = await MonitoringCatalogue.LoadByIdAsync(db, current.Plan.Id, ct);
        // Agencies are shared across years: one scope serves both.
        var resolved = Scopes.Resolve(user, scope ?? MonitoringScope.Province, currentCatalogue.Agencies);
        var b = await LoadAsync(db, baseCatalogue, @base, resolved, today, dueDays, ct);
        var c = await LoadAsync(db, currentCatalogue, current, resolved, today, dueDays, ct);

        var channels = ChannelRows(b, c);
        return new YearComparison(
            @base.Describe(),
            current.Describe(),
            resolved.Applied,
            new ComparedRow("", "", "Tổng cộng", null, null, null, Sum(b.Cells, b.Catalogue), Sum(c.Cells, c.Catalogue)),
            FormGroupRows(b, c),
            channels,
            ItemRows(b.Catalogue.Objectives, c.Catalogue.Objectives, b.Objectives, c.Objectives, b.Catalogue, c.Catalogue),
            ItemRows(b.Catalogue.Themes, c.Catalogue.Themes, b.Themes, c.Themes, b.Catalogue, c.Catalogue),
            AgencyRows(b, c, resolved),
            b.Timeliness,
            c.Timeliness,
            Months(b, c));
    }

    // ---------------------------------------------------------------- reading one year

    private sealed record Loaded(
        MonitoringCatalogue Catalogue,
        Side Side,
        List<MonitoringFigures.Cell> Cells,
        List<TaggedCell> Objectives,
        List<TaggedCell> Themes,
        List<MonthCell> Months,
        YearTimeliness Timeliness,
        Dictionary<int, YearTimeliness> TimelinessByAgency,
        Dictionary<int, UnitPlanStatus> UnitPlanByAgency);

    /// <summary>Activities tagged with one objective or theme on one channel, with what they measured.</summary>
    private sealed record TaggedCell(int ItemId, int ChannelId, int Activities, long SecondMeasure, long Cost);

    private sealed record MonthCell(int Year, int Month, int Activities);

    private static async Task<Loaded> LoadAsync(CommsPlanDbContext db, MonitoringCatalogue catalogue, Side side, ResolvedScope scope,
        DateOnly today, int dueDays, CancellationToken ct)
    {
        var (from, to) = (side.From, side.To);
        var agencyIds = scope.AgencyIds;
        // Figures filter by plan, then by date: only this plan's channels count, whatever else lies in its days.
        var channelIds = catalogue.Channels.Select(ch => ch.Id).ToList();
        var cells = await MonitoringFigures.CellsAsync(db, catalogue.Plan.Id, from, to, agencyIds, ct);

        var activities = db.Activities.AsNoTracking().Where(a => a.StartDate >= from && a.StartDate <= to && channelIds.Contains(a.ChannelId));
        if (agencyIds is not null) activities = activities.Where(a => agencyIds.Contains(a.AgencyId));
        var objectives = await activities
            .SelectMany(a => a.Objectives, (a, o) => new { ItemId = o.Id, a.ChannelId, Second = a.SecondMeasure ?? 0, Cost = a.Cost ?? 0 })
            .GroupBy(x => new { x.ItemId, x.ChannelId })
            .Select(g => new TaggedCell(g.Key.ItemId, g.Key.ChannelId, g.Count(), g.Sum(x => x.Second), g.Sum(x => x.Cost)))
            .ToListAsync(ct);
        var themes = await activities
            .SelectMany(a => a.Themes, (a, t) => new { ItemId = t.Id, a.ChannelId, Second = a.SecondMeasure ?? 0, Cost = a.Cost ?? 0 })
            .GroupBy(x => new { x.ItemId, x.ChannelId })
            .Select(g => new TaggedCell(g.Key.ItemId, g.Key.ChannelId, g.Count(), g.Sum(x => x.Second), g.Sum(x => x.Cost)))
            .ToListAsync(ct);
        var months = await FigureRange.Of(from, to).Apply(db.ActivityFigures.AsNoTracking(), agencyIds)
            .Where(f => channelIds.Contains(f.ChannelId))
            .GroupBy(f => new { f.Day.Year, f.Day.Month })
            .Select(g => new MonthCell(g.Key.Year, g.Key.Month, g.Sum(f => f.Activities)))
            .ToListAsync(ct);

        // Reports: the active agencies in scope owe one per quarter of this plan year that closes within the compared
        // days and whose due date has passed (until then a report may still come in on time).
        var expected = catalogue.Agencies.Where(a => a.IsActive && scope.Contains(a.Ref.Id)).Select(a => a.Ref).ToList();
        var quarters = PeriodReportRules.PeriodsOf(side.Plan.Year)
            .Where(q => q.To >= from && q.To <= to && today > q.DueDate(dueDays))
            .ToList();
        var reports = await ReportingStatusQuery.LoadAsync(db, expected, quarters, today, dueDays, ct);
        var unitPlans = await UnitPlanComplianceQuery.LoadAsync(db, catalogue.Plan.Id, ct);
        var compliance = MonitoringFigures.Compliance(catalogue, unitPlans, today, a => a.IsActive && scope.Contains(a.Ref.Id));
        var unitPlanByAgency = compliance.ToDictionary(x => x.Agency.Id, x => x.Status);

        var byAgency = reports.Agencies.ToDictionary(
            r => r.Agency.Id,
            r =>
            {
                var bound = unitPlanByAgency.TryGetValue(r.Agency.Id, out var status);
                return new YearTimeliness(r.Reports.Count, r.Reports.Count(x => x.IsInOnTime),
                    bound ? 1 : 0, bound && status == UnitPlanStatus.OnTime ? 1 : 0);
            });
        var timeliness = new YearTimeliness(
            reports.Periods.Sum(p => p.Expected), reports.Periods.Sum(p => p.OnTime),
            compliance.Count, compliance.Count(x => x.Status == UnitPlanStatus.OnTime));
        return new Loaded(catalogue, side, cells, objectives, themes, months, timeliness, byAgency, unitPlanByAgency);
    }

    // ---------------------------------------------------------------- matching by code

    private static bool CountsPeople(ChannelInfo channel) => channel.Measure == ChannelMeasure.Event;

    /// <summary>Activities, participants and cost of some cells (no quantity: the channels' units differ).</summary>
    private static YearFigures Sum(IEnumerable<MonitoringFigures.Cell> cells, MonitoringCatalogue catalogue)
    {
        var channels = catalogue.Channels.ToDictionary(ch => ch.Id);
        var list = cells.ToList();
        return new YearFigures(list.Sum(x => x.Activities), null, null,
            list.Where(x => CountsPeople(channels[x.ChannelId])).Sum(x => x.SecondMeasure), list.Sum(x => x.Cost));
    }

    private static List<ComparedRow> ChannelRows(Loaded b, Loaded c)
    {
        var baseCells = b.Cells.ToLookup(x => x.ChannelId);
        var currentCells = c.Cells.ToLookup(x => x.ChannelId);
        // A channel is keyed by its form group and code (a code is unique within its form group, and recurs every year).
        var baseChannels = b.Catalogue.Channels.ToDictionary(ch => (ch.FormGroupCode, ch.Code));
        var currentChannels = c.Catalogue.Channels.ToDictionary(ch => (ch.FormGroupCode, ch.Code));
        // Later year's order; channels only the earlier year had follow the later ones of their group.
        var keys = GroupOrder(b, c)
            .SelectMany(g => c.Catalogue.Channels.Where(ch => ch.FormGroupCode == g).Select(ch => (ch.FormGroupCode, ch.Code))
                .Concat(b.Catalogue.Channels.Where(ch => ch.FormGroupCode == g && !currentChannels.ContainsKey((ch.FormGroupCode, ch.Code)))
                    .Select(ch => (ch.FormGroupCode, ch.Code))))
            .ToList();

        YearFigures? Figures(ChannelInfo? channel, ILookup<int, MonitoringFigures.Cell> cells)
        {
            if (channel is null) return null;
            var rows = cells[channel.Id].ToList();
            var second = rows.Sum(x => x.SecondMeasure);
            return new YearFigures(rows.Sum(x => x.Activities), rows.Sum(x => x.Quantity),
                channel.SecondMeasureLabel is null ? null : second, CountsPeople(channel) ? second : null, rows.Sum(x => x.Cost));
        }

        return [.. keys
            .Select(key =>
            {
                var was = baseChannels.GetValueOrDefault(key);
                var now = currentChannels.GetValueOrDefault(key);
                var named = now ?? was!;
                return new ComparedRow(key.Code, key.Code, named.Name, key.FormGroupCode, named.Unit, named.SecondMeasureUnit,
                    Figures(was, baseCells), Figures(now, currentCells));
            })
            // A channel retired in both years and never used is catalogue history, not a comparison.
            .Where(row => (currentChannels.GetValueOrDefault((row.GroupCode!, row.Code))?.IsActive ?? false)
                || (baseChannels.GetValueOrDefault((row.GroupCode!, row.Code))?.IsActive ?? false)
                || row.Base?.Activities > 0 || row.Current?.Activities > 0)];
    }

    private static IEnumerable<string> GroupOrder(Loaded b, Loaded c) =>
        c.Catalogue.FormGroups.Select(g => g.Code)
            .Concat(b.Catalogue.FormGroups.Select(g => g.Code))
            .Distinct(StringComparer.Ordinal);

    private static List<ComparedRow> FormGroupRows(Loaded b, Loaded c)
    {
        YearFigures? Figures(Loaded side, string code)
        {
            var group = side.Catalogue.FormGroups.FirstOrDefault(g => g.Code == code);
            if (group is null) return null;
            var ids = group.Channels.Select(ch => ch.Id).ToHashSet();
            return Sum(side.Cells.Where(x => ids.Contains(x.ChannelId)), side.Catalogue);
        }

        return [.. GroupOrder(b, c).Select(code =>
        {
            var name = (c.Catalogue.FormGroups.FirstOrDefault(g => g.Code == code) ?? b.Catalogue.FormGroups.First(g => g.Code == code)).Name;
            return new ComparedRow(code, code, name, null, null, null, Figures(b, code), Figures(c, code));
        })];
    }

    private static List<ComparedRow> ItemRows(IReadOnlyList<CatalogueItemInfo> baseItems, IReadOnlyList<CatalogueItemInfo> currentItems,
        List<TaggedCell> baseCells, List<TaggedCell> currentCells, MonitoringCatalogue baseCatalogue, MonitoringCatalogue currentCatalogue)
    {
        YearFigures? Figures(CatalogueItemInfo? item, List<TaggedCell> cells, MonitoringCatalogue catalogue)
        {
            if (item is null) return null;
            var channels = catalogue.Channels.ToDictionary(ch => ch.Id);
            var rows = cells.Where(x => x.ItemId == item.Id).ToList();
            return new YearFigures(rows.Sum(x => x.Activities), null, null,
                rows.Where(x => CountsPeople(channels[x.ChannelId])).Sum(x => x.SecondMeasure), rows.Sum(x => x.Cost));
        }

        var baseByCode = baseItems.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var currentByCode = currentItems.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var codes = currentItems.Select(i => i.Code).Concat(baseItems.Select(i => i.Code)).Distinct(StringComparer.Ordinal);
        return [.. codes.Select(code =>
        {
            var was = baseByCode.GetValueOrDefault(code);
            var now = currentByCode.GetValueOrDefault(code);
            var named = now ?? was!;
            return new ComparedRow(code, named.DisplayCode, named.Name, null, null, null,
                Figures(was, baseCells, baseCatalogue), Figures(now, currentCells, currentCatalogue));
        })];
    }

    private static List<ComparedAgency> AgencyRows(Loaded b, Loaded c, ResolvedScope scope)
    {
        var baseByAgency = b.Cells.ToLookup(x => x.AgencyId);
        var currentByAgency = c.Cells.ToLookup(x => x.AgencyId);
        var none = new YearTimeliness(0, 0, 0, 0);
        return [.. c.Catalogue.Agencies
            .Where(a => scope.Contains(a.Ref.Id) && (a.IsActive || baseByAgency[a.Ref.Id].Any() || currentByAgency[a.Ref.Id].Any()))
            .Select(a => new ComparedAgency(a.Ref,
                Sum(baseByAgency[a.Ref.Id], b.Catalogue), Sum(currentByAgency[a.Ref.Id], c.Catalogue),
                b.TimelinessByAgency.GetValueOrDefault(a.Ref.Id, none), c.TimelinessByAgency.GetValueOrDefault(a.Ref.Id, none),
                b.UnitPlanByAgency.TryGetValue(a.Ref.Id, out var was) ? was : null,
                c.UnitPlanByAgency.TryGetValue(a.Ref.Id, out var now) ? now : null))];
    }

    /// <summary>The n-th month of each side's days, zeros included, so both lines share one axis without holes.</summary>
    private static List<ComparedMonth> Months(Loaded b, Loaded c)
    {
        static List<(DateOnly Month, int Activities)> Series(Loaded side)
        {
            var result = new List<(DateOnly, int)>();
            for (var month = new DateOnly(side.Side.From.Year, side.Side.From.Month, 1); month <= side.Side.To; month = month.AddMonths(1))
                result.Add((month, side.Months.Where(m => m.Year == month.Year && m.Month == month.Month).Sum(m => m.Activities)));
            return result;
        }

        var was = Series(b);
        var now = Series(c);
        return [.. Enumerable.Range(0, Math.Max(was.Count, now.Count)).Select(i => new ComparedMonth(i + 1,
            i < was.Count ? was[i].Month : null, i < now.Count ? now[i].Month : null,
            i < was.Count ? was[i].Activities : 0, i < now.Count ? now[i].Activities : 0))];
    }
}
