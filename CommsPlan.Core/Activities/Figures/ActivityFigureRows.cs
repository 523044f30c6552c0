namespace CommsPlan.Core.Activities.Figures;

/// <summary>
/// The grain of a pre-aggregated figure row: one day, or one calendar month (its <c>Day</c> is the month's first day).
/// Both grains hold the same totals; a period reads whole months at month grain and its partial edges at day grain.
/// </summary>
public enum FigureGrain
{
    Day = 0,
    Month = 1,
}

/// <summary>A figure row: the totals of the activities starting in one day or month of one key.</summary>
public interface IActivityFigure
{
    FigureGrain Grain { get; }
    DateOnly Day { get; }
    int AgencyId { get; }
    int Activities { get; }
}

/// <summary>Activities of one agency and channel starting on <see cref="Day"/> (or in its month), with their measures.</summary>
/// <remarks>Maintained by <see cref="ActivityFigures"/> on every write; never edited by hand. A row may hold zeros after its activities moved away: readers ignore those.</remarks>
public sealed class ActivityFigure : IActivityFigure
{
    public FigureGrain Grain { get; set; }
    public DateOnly Day { get; set; }
    public int AgencyId { get; set; }
    public int ChannelId { get; set; }
    public int Activities { get; set; }
    public long Quantity { get; set; }
    public long SecondMeasure { get; set; }
    public long Cost { get; set; }
}

/// <summary>Activities of one agency tagged with one objective, starting on <see cref="Day"/> (or in its month).</summary>
public sealed class ActivityObjectiveFigure : IActivityFigure
{
    public FigureGrain Grain { get; set; }
    public DateOnly Day { get; set; }
    public int AgencyId { get; set; }
    public int ObjectiveId { get; set; }
    public int Activities { get; set; }
}

/// <summary>
/// Activities of one agency and channel tagged with one theme, starting on <see cref="Day"/> (or in its month): the
/// overview counts themes per channel, but within its scope of agencies, so the agency stays a dimension.
/// </summary>
public sealed class ActivityThemeFigure : IActivityFigure
{
    public FigureGrain Grain { get; set; }
    public DateOnly Day { get; set; }
    public int AgencyId { get; set; }
    public int ChannelId { get; set; }
    public int ThemeId { get; set; }
    public int Activities { get; set; }
}
