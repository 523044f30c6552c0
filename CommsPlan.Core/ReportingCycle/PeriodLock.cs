using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.ReportingCycle;

/// <summary>
/// The lock of submitted periods, checked by every path that writes activities (form, delete, import): an agency's
/// activity dated in a period whose report is submitted or accepted cannot be created, changed, moved or deleted.
/// </summary>
internal static class PeriodLock
{
    /// <summary>The reasons the periods of <paramref name="dates"/> are locked for the agency, by period key; empty when none is.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReasonsAsync(
        CommsPlanDbContext db, int agencyId, IEnumerable<DateOnly> dates, CancellationToken ct)
    {
        var periods = dates.Select(PeriodReportRules.PeriodContaining).DistinctBy(p => p.Key).ToDictionary(p => p.Key);
        if (periods.Count == 0) return new Dictionary<string, string>();
        var keys = periods.Keys.ToList();
        var locked = await db.PeriodReports.AsNoTracking()
            .Where(r => r.AgencyId == agencyId && keys.Contains(r.PeriodKey)
                        && (r.Status == PeriodReportStatus.Submitted || r.Status == PeriodReportStatus.Accepted))
            .Select(r => new { r.PeriodKey, r.Status, r.SubmittedOn, r.SubmittedBy, r.ReviewedOn, r.ReviewedBy })
            .ToListAsync(ct);
        return locked.ToDictionary(r => r.PeriodKey,
            r => PeriodReportRules.LockReason(periods[r.PeriodKey], r.Status, r.SubmittedOn, r.SubmittedBy, r.ReviewedOn, r.ReviewedBy));
    }

    /// <exception cref="BusinessRuleException">One of the dates lies in a locked period; the message names it, the day and who sent it.</exception>
    public static async Task EnsureOpenAsync(CommsPlanDbContext db, int agencyId, IEnumerable<DateOnly> dates, CancellationToken ct)
    {
        var reasons = await ReasonsAsync(db, agencyId, dates, ct);
        if (reasons.Count > 0) throw new BusinessRuleException(reasons.Values.First());
    }

    /// <summary>The reason the period of <paramref name="date"/> is locked, or null.</summary>
    public static async Task<string?> ReasonAsync(CommsPlanDbContext db, int agencyId, DateOnly date, CancellationToken ct) =>
        (await ReasonsAsync(db, agencyId, [date], ct)).Values.FirstOrDefault();
}
