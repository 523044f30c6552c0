using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Plans;

/// <summary>
/// A plan a page or a service works in, named by its year (the URL's <c>?plan=2022</c>): every per-year query is
/// scoped by its id and dated inside its period.
/// </summary>
public sealed record PlanChoice(int Id, int Year, string Number, DateOnly Start, DateOnly End, bool IsIssued)
{
    public PlanStatus StatusOn(DateOnly today) => PlanStatuses.Of(IsIssued, Start, End, today);

    public bool Contains(DateOnly day) => day >= Start && day <= End;

    /// <summary>
    /// The plan of <paramref name="year"/>, or the current one (<see cref="PlanQueries.CurrentFirst"/>) when no year is
    /// given; null when there is none. A year names only an issued plan: a draft has no records to show or to date.
    /// </summary>
    public static Task<PlanChoice?> FindAsync(CommsPlanDbContext db, int? year, DateOnly today, CancellationToken ct = default)
    {
        var plans = db.Plans.AsNoTracking();
        plans = year is { } y ? plans.Where(p => p.IsIssued && p.Year == y) : plans.CurrentFirst(today);
        return plans.Select(p => new PlanChoice(p.Id, p.Year, p.Number, p.PeriodStart, p.PeriodEnd, p.IsIssued)).FirstOrDefaultAsync(ct);
    }

    /// <summary><see cref="FindAsync"/>, refusing with a message when there is no such plan.</summary>
    /// <exception cref="BusinessRuleException">No issued plan of <paramref name="year"/>, or no issued plan at all.</exception>
    public static async Task<PlanChoice> ResolveAsync(CommsPlanDbContext db, int? year, DateOnly today, CancellationToken ct = default) =>
        await FindAsync(db, year, today, ct)
        ?? throw new BusinessRuleException(year is { } y
            ? $"Không có kế hoạch năm {y} đã ban hành."
            : "Chưa có kế hoạch nào trong cơ sở dữ liệu.");

    /// <summary>
    /// The plan whose period contains <paramref name="day"/>, else the current one: what a date range (a workbook's
    /// "to") reports against when no year is named.
    /// </summary>
    public static async Task<PlanChoice> ContainingAsync(CommsPlanDbContext db, DateOnly day, DateOnly today, CancellationToken ct = default) =>
        await db.Plans.AsNoTracking().Where(p => p.IsIssued && p.PeriodStart <= day && p.PeriodEnd >= day)
            .Select(p => new PlanChoice(p.Id, p.Year, p.Number, p.PeriodStart, p.PeriodEnd, p.IsIssued))
            .FirstOrDefaultAsync(ct)
        ?? await ResolveAsync(db, null, today, ct);

    /// <summary>Every issued plan, the latest first: what a plan selector offers.</summary>
    public static Task<List<PlanChoice>> ListIssuedAsync(CommsPlanDbContext db, CancellationToken ct = default) =>
        db.Plans.AsNoTracking().Where(p => p.IsIssued).OrderByDescending(p => p.PeriodStart)
            .Select(p => new PlanChoice(p.Id, p.Year, p.Number, p.PeriodStart, p.PeriodEnd, p.IsIssued))
            .ToListAsync(ct);
}
