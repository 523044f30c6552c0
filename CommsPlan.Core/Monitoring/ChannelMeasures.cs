using CommsPlan.Core.Plans;

namespace CommsPlan.Core.Monitoring;

/// <summary>What a channel's quantity counts towards on the overview's cards.</summary>
public enum ChannelMeasure
{
    /// <summary>HT1: news items, programmes, broadcasts, posts.</summary>
    MassMedia,
    /// <summary>HT2 channels whose second measure counts people: conferences, contests, courses.</summary>
    Event,
    /// <summary>HT2 channels that are documents (guidance material, counted in copies).</summary>
    Document,
    /// <summary>HT3 printed sheets handed out: leaflets, brochures, posters (unit "tờ").</summary>
    PrintCopies,
    /// <summary>HT3 visual items put up: billboards, banners, slogans.</summary>
    VisualItems,
}

/// <summary>
/// Classifies channels from the catalogue's own data (form group, units) rather than a list of codes, so a channel
/// an administrator adds is counted where it belongs.
/// </summary>
public static class ChannelMeasures
{
    public const string MassMediaGroup = "HT1";
    public const string IntegratedGroup = "HT2";
    public const string VisualGroup = "HT3";

    /// <summary>"lượt người", "lượt": a second measure that counts attendances or entries.</summary>
    public static bool CountsPeople(string? secondMeasureUnit) =>
        secondMeasureUnit is not null && secondMeasureUnit.Trim().StartsWith("lượt", StringComparison.OrdinalIgnoreCase);

    /// <summary>"tờ": a quantity of printed sheets.</summary>
    public static bool CountsSheets(string unit) => unit.Trim().Equals("tờ", StringComparison.OrdinalIgnoreCase);

    public static ChannelMeasure Classify(string formGroupCode, string unit, string? secondMeasureUnit) => formGroupCode switch
    {
        MassMediaGroup => ChannelMeasure.MassMedia,
        IntegratedGroup => CountsPeople(secondMeasureUnit) ? ChannelMeasure.Event : ChannelMeasure.Document,
        _ => CountsSheets(unit) ? ChannelMeasure.PrintCopies : ChannelMeasure.VisualItems,
    };

    public static ChannelMeasure Classify(this Channel channel) =>
        Classify(channel.FormGroup?.Code ?? throw new InvalidOperationException("Load the channel's form group first."),
            channel.Unit, channel.SecondMeasureUnit);
}
