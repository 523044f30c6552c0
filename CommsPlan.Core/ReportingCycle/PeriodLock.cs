using CommsPlan.Core.Activities;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.ReportingCycle;

/// <summary>
/// The lock of submitted periods, which every path that writes activities asks (<see cref="IActivityLock"/>): an
/// agency's activity dated in a period whose report is submitted or accepted cannot be created, changed, moved or deleted.
/// </summary>
public sealed class PeriodLock : IActivityLock
{
    public async Task<IReadOnlyDictionary<DateOnly, string>> ReasonsAsync(
        CommsPlanDbContext db, int agencyId, IEnumerable<DateOnly> dates, CancellationToken ct)
    {
        var byDate = dates.Distinct().ToDictionary(d => d, PeriodReportRules.PeriodContaining);
        var periods = byDate.Values.DistinctBy(p => p.Key).ToDictionary(p => p.Key);
        if (periods.Count == 0) return new Dictionary<DateOnly, string>();
        var keys = periods.Keys.ToList();
        var locked = await db.PeriodReports.AsNoTracking()
            .Where(r => r.AgencyId == agencyId && keys.Contains(r.PeriodKey)
                        && (r.Status == PeriodReportStatus.Submitted || r.Status == PeriodReportStatus.Accepted))
            .Select(r => new { r.PeriodKey, r.Status, r.SubmittedOn, r.SubmittedBy, r.ReviewedOn, r.ReviewedBy })
            .ToListAsync(ct);
        var reasons = locked.ToDictionary(r => r.PeriodKey,
            r => PeriodReportRules.LockReason(periods[r.PeriodKey], r.Status, r.SubmittedOn, r.SubmittedBy, r.ReviewedOn, r.ReviewedBy));
        return byDate.Where(d => reasons.ContainsKey(d.Value.Key)).ToDictionary(d => d.Key, d => reasons[d.Value.Key]);
    }
}
