using CommsPlan.Core.Common;
using CommsPlan.Core.Data;

namespace CommsPlan.Core.Activities;

/// <summary>
/// Whether an agency's activities dated on given days may be written. The reporting cycle decides (a period whose
/// report is in locks the agency's activities of that period) and registers the rule; every path that writes
/// activities (form, delete, import) asks it here, so activities never depend on the reporting cycle that counts them.
/// </summary>
public interface IActivityLock
{
    /// <summary>
    /// Why the activities of <paramref name="agencyId"/> dated on each of <paramref name="dates"/> cannot be created,
    /// changed, moved or deleted, by date; empty when no date is locked.
    /// </summary>
    Task<IReadOnlyDictionary<DateOnly, string>> ReasonsAsync(CommsPlanDbContext db, int agencyId, IEnumerable<DateOnly> dates, CancellationToken ct);
}

public static class ActivityLockExtensions
{
    /// <exception cref="BusinessRuleException">One of the dates is locked; the message says why.</exception>
    public static async Task EnsureOpenAsync(this IActivityLock locks, CommsPlanDbContext db, int agencyId, IEnumerable<DateOnly> dates,
        CancellationToken ct)
    {
        var reasons = await locks.ReasonsAsync(db, agencyId, dates, ct);
        if (reasons.Count > 0) throw new BusinessRuleException(reasons.Values.First());
    }

    /// <summary>The reason activities dated <paramref name="date"/> are locked, or null.</summary>
    public static async Task<string?> ReasonAsync(this IActivityLock locks, CommsPlanDbContext db, int agencyId, DateOnly date, CancellationToken ct) =>
        (await locks.ReasonsAsync(db, agencyId, [date], ct)).Values.FirstOrDefault();
}
