namespace CommsPlan.Core.Activities.Figures;

/// <summary>
/// A period as rows of the pre-aggregated figures: its whole calendar months at month grain, its partial first and
/// last months at day grain. A plan year is twelve month rows per key instead of 365 day rows; the Decree quarter
/// (15/12–14/03) two month rows and 31 day rows. Every period reads at most 62 day rows and its months per key.
/// </summary>
internal readonly record struct FigureRange(DateOnly From, DateOnly HeadTo, DateOnly TailFrom, DateOnly To, DateOnly MonthFrom, DateOnly MonthTo)
{
    public static FigureRange Of(DateOnly from, DateOnly to)
    {
        var firstWhole = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var lastWhole = to.Day == DateTime.DaysInMonth(to.Year, to.Month) ? new DateOnly(to.Year, to.Month, 1) : new DateOnly(to.Year, to.Month, 1).AddMonths(-1);
        // No whole month inside: all of it at day grain, and empty month and tail ranges (their start after their end).
        if (firstWhole > lastWhole) return new FigureRange(from, to, to.AddDays(1), to, from, from.AddDays(-1));
        return new FigureRange(from, firstWhole.AddDays(-1), lastWhole.AddMonths(1), to, firstWhole, lastWhole);
    }

    /// <summary>The rows of <paramref name="figures"/> that make up this range, within <paramref name="agencyIds"/> (all when null).</summary>
    public IQueryable<T> Apply<T>(IQueryable<T> figures, IReadOnlyList<int>? agencyIds) where T : class, IActivityFigure
    {
        // Locals, so EF sends them as parameters and every period shares one plan.
        var (from, headTo, tailFrom, to, monthFrom, monthTo) = this;
        var query = figures.Where(f =>
            (f.Grain == FigureGrain.Month && f.Day >= monthFrom && f.Day <= monthTo)
            || (f.Grain == FigureGrain.Day && f.Day >= from && f.Day <= headTo)
            || (f.Grain == FigureGrain.Day && f.Day >= tailFrom && f.Day <= to));
        return agencyIds is null ? query : query.Where(f => agencyIds.Contains(f.AgencyId));
    }
}
