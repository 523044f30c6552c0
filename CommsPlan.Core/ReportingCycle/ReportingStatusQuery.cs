using CommsPlan.Core.Data;
using CommsPlan.Core.Monitoring;
using Microsoft.EntityFrameworkCore;

using CommsPlan.Core.Access;
namespace CommsPlan.Core.ReportingCycle;

/// <summary>
/// Reads the reports of some periods for some agencies: the /reporting page, the bell, the overview's alerts and the
/// consolidated report all read them here. The figures are counted by the database (grouped by period, status and
/// first-submission day); the reports themselves are at most agencies × periods rows.
/// </summary>
internal static class ReportingStatusQuery
{
    public static async Task<ReportingStatus> LoadAsync(CommsPlanDbContext db, IReadOnlyList<AgencyRef> agencies,
        IReadOnlyList<ReportingPeriod> periods, DateOnly today, int dueDays, CancellationToken ct)
    {
        if (agencies.Count == 0 || periods.Count == 0)
            return new ReportingStatus([.. periods.Select(p => new PeriodCompleteness(p, p.DueDate(dueDays), today >= p.CutOff, agencies.Count, 0, 0, 0, 0))],
                [.. agencies.Select(a => new ReportingAgencyRow(a, [.. periods.Select(p => NotSent(a.Id, p, dueDays, today))]))]);

        var keys = periods.Select(p => p.Key).ToList();
        var ids = agencies.Select(a => a.Id).ToList();
        var reports = db.PeriodReports.AsNoTracking().Where(r => keys.Contains(r.PeriodKey) && ids.Contains(r.AgencyId));

        var groups = await reports
            .GroupBy(r => new { r.PeriodKey, r.Status, r.FirstSubmittedOn })
            .Select(g => new { g.Key.PeriodKey, g.Key.Status, g.Key.FirstSubmittedOn, Count = g.Count() })
            .ToListAsync(ct);
        var rows = await reports
            .Select(r => new { r.AgencyId, r.PeriodKey, r.Status, r.SubmittedOn, r.SubmittedBy, r.FirstSubmittedOn, r.ReviewedOn, r.ReviewedBy, r.ReviewComment, r.Version })
            .ToListAsync(ct);

        var figures = periods.Select(p =>
        {
            var due = p.DueDate(dueDays);
            var mine = groups.Where(g => g.PeriodKey == p.Key).ToList();
            int Count(PeriodReportStatus s) => mine.Where(g => g.Status == s).Sum(g => g.Count);
            var onTime = mine.Where(g => g.Status.IsIn() && g.FirstSubmittedOn is { } first && first <= due).Sum(g => g.Count);
            return new PeriodCompleteness(p, due, today >= p.CutOff, agencies.Count,
                Count(PeriodReportStatus.Submitted), Count(PeriodReportStatus.Accepted), Count(PeriodReportStatus.SentBack), onTime);
        }).ToList();

        var byCell = rows.ToDictionary(r => (r.AgencyId, r.PeriodKey));
        var agencyRows = agencies.Select(a => new ReportingAgencyRow(a, [.. periods.Select(p =>
            byCell.TryGetValue((a.Id, p.Key), out var r)
                ? new PeriodReportCell(a.Id, p, r.Status, p.DueDate(dueDays), r.SubmittedOn, r.SubmittedBy, r.FirstSubmittedOn,
                    r.ReviewedOn, r.ReviewedBy, r.ReviewComment, r.Version, today)
                : NotSent(a.Id, p, dueDays, today))])).ToList();
        return new ReportingStatus(figures, agencyRows);
    }

    /// <summary>The active agencies the user reads, in catalogue order (an officer: its own).</summary>
    public static async Task<IReadOnlyList<AgencyRef>> ActiveAgenciesAsync(CommsPlanDbContext db, Access.CurrentUser user, CancellationToken ct)
    {
        var query = db.Agencies.AsNoTracking().Where(a => a.IsActive);
        if (!user.CanReadAllAgencies)
        {
            if (!user.IsOfficer) throw new Common.AccessDeniedException();
            var own = user.AgencyId!.Value;
            query = query.Where(a => a.Id == own);
        }
        var agencies = await query.Select(a => new AgencyRef(a.Id, a.Code, a.Name, a.Kind, a.SortOrder)).ToListAsync(ct);
        return [.. agencies.OrderBy(a => a.Group).ThenBy(a => a.SortOrder).ThenBy(a => a.Code)];
    }

    private static PeriodReportCell NotSent(int agencyId, ReportingPeriod period, int dueDays, DateOnly today) =>
        new(agencyId, period, PeriodReportStatus.NotSent, period.DueDate(dueDays), null, null, null, null, null, null, 0, today);
}
