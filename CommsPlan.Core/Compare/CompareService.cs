using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Plans;
using CommsPlan.Core.ReportingCycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommsPlan.Core.Compare;

/// <summary>How much of each year a comparison counts.</summary>
public enum CompareSpan
{
    /// <summary>Each plan's whole period.</summary>
    WholeYear,
    /// <summary>
    /// Cùng kỳ: the later year up to today (its end if over), the earlier year up to the same day of its own year, so a
    /// running year is not set against a finished one.
    /// </summary>
    SameDays,
}

/// <summary>
/// Year over year (issue 17): two issued plan years side by side for the caller's scope — monitors, leadership and
/// administrators any scope, an officer its own agency (<see cref="Scopes"/>). Drafts are never compared: nothing is
/// dated against them.
/// </summary>
public sealed class CompareService(
    IDbContextFactory<CommsPlanDbContext> factory, TimeProvider time, IOptions<ReportingOptions>? reporting = null)
{
    private int DueDays => Math.Max(0, reporting?.Value.DueDays ?? new ReportingOptions().DueDays);

    /// <summary>The issued plan years, oldest first, and the pair the page opens on: the current plan's year and the one before.</summary>
    /// <exception cref="AccessDeniedException">The user has no role that reads figures.</exception>
    public async Task<CompareChoices> GetChoicesAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.CanReadAllAgencies && !user.IsOfficer) throw new AccessDeniedException();
        await using var db = await factory.CreateDbContextAsync(ct);
        var plans = await db.Plans.AsNoTracking().Where(p => p.IsIssued).OrderBy(p => p.Year)
            .Select(p => new ComparablePlan(p.Id, p.Year, p.Number, p.PeriodStart, p.PeriodEnd))
            .ToListAsync(ct);
        var today = time.Today();
        var current = await db.Plans.AsNoTracking().CurrentFirst(today).Select(p => (int?)p.Year).FirstOrDefaultAsync(ct);
        if (plans.Count < 2 || current is null) return new CompareChoices(plans, null, current, today);
        // The current plan is the oldest: compare it with the next one rather than offer nothing.
        var before = plans.LastOrDefault(p => p.Year < current)?.Year;
        return before is { } year
            ? new CompareChoices(plans, year, current.Value, today)
            : new CompareChoices(plans, current, plans.First(p => p.Year > current).Year, today);
    }

    /// <summary>The plan years <paramref name="baseYear"/> and <paramref name="currentYear"/> compared (the earlier is the base, whichever order they come in).</summary>
    /// <exception cref="BusinessRuleException">The same year twice.</exception>
    /// <exception cref="NotFoundException">No issued plan for one of the years, or the scope names an unknown agency.</exception>
    /// <exception cref="AccessDeniedException">The user has no role that reads figures.</exception>
    public async Task<YearComparison> CompareAsync(CurrentUser user, int baseYear, int currentYear, CompareSpan span = CompareSpan.WholeYear,
        MonitoringScope? scope = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.CanReadAllAgencies && !user.IsOfficer) throw new AccessDeniedException();
        if (baseYear == currentYear) throw new BusinessRuleException("Hãy chọn hai năm kế hoạch khác nhau để so sánh.");
        if (baseYear > currentYear) (baseYear, currentYear) = (currentYear, baseYear);

        var today = time.Today();
        await using var db = await factory.CreateOpenAsync(ct);
        var plans = await db.Plans.AsNoTracking().Where(p => p.IsIssued && (p.Year == baseYear || p.Year == currentYear)).ToListAsync(ct);
        var earlier = plans.FirstOrDefault(p => p.Year == baseYear)
            ?? throw new NotFoundException($"Chưa có kế hoạch năm {baseYear} đã ban hành.");
        var later = plans.FirstOrDefault(p => p.Year == currentYear)
            ?? throw new NotFoundException($"Chưa có kế hoạch năm {currentYear} đã ban hành.");

        var (baseSide, currentSide) = Sides(earlier, later, span, today);
        return await YearOverYear.CompareAsync(db, user, scope, baseSide, currentSide, today, DueDays, ct);
    }

    private static (YearOverYear.Side Base, YearOverYear.Side Current) Sides(Plan earlier, Plan later, CompareSpan span, DateOnly today)
    {
        if (span == CompareSpan.WholeYear || today < later.PeriodStart || today >= later.PeriodEnd)
            return (new(earlier, earlier.PeriodStart, earlier.PeriodEnd), new(later, later.PeriodStart, later.PeriodEnd));
        var sameDay = today.AddYears(earlier.Year - later.Year);
        var baseTo = sameDay < earlier.PeriodStart ? earlier.PeriodStart : sameDay > earlier.PeriodEnd ? earlier.PeriodEnd : sameDay;
        return (new(earlier, earlier.PeriodStart, baseTo), new(later, later.PeriodStart, today));
    }

    /// <summary>
    /// The days <paramref name="from"/> – <paramref name="to"/> of the plan <paramref name="planId"/> set against the same
    /// days one year earlier in the plan of the year before; null when there is no issued plan of the year before.
    /// </summary>
    internal static async Task<YearComparison?> SamePeriodLastYearAsync(CommsPlanDbContext db, CurrentUser user, MonitoringScope? scope,
        int planId, DateOnly from, DateOnly to, DateOnly today, int dueDays, CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null) return null;
        var previous = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.IsIssued && p.Year == plan.Year - 1, ct);
        if (previous is null) return null;
        return await YearOverYear.CompareAsync(db, user, scope,
            new YearOverYear.Side(previous, from.AddYears(-1), to.AddYears(-1)), new YearOverYear.Side(plan, from, to), today, dueDays, ct);
    }
}
