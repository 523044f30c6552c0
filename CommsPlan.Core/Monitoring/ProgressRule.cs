namespace CommsPlan.Core.Monitoring;

/// <summary>Where an agency stands against its unit plan's target on a day.</summary>
public enum ProgressStatus
{
    /// <summary>Đạt: at or above what is expected by that day.</summary>
    OnTrack,
    /// <summary>Chậm: at least 70 % of what is expected.</summary>
    Behind,
    /// <summary>Rất chậm: below 70 % of what is expected.</summary>
    FarBehind,
    /// <summary>Chưa có chỉ tiêu: no target, or a target of 0 (the agency planned nothing there).</summary>
    NoTarget,
}

/// <summary>
/// The progress rule of the plan: expected-to-date = target × the elapsed share of the plan's year; Đạt when
/// the actual reaches it, Chậm from 70 % of it, Rất chậm below. A target of 0 means the agency planned nothing on
/// that channel: there is nothing to be late on, so it reads as "no target" rather than as trivially reached.
/// </summary>
public static class ProgressRule
{
    /// <summary>Share of the expected quantity below which an agency is "Rất chậm".</summary>
    public const double BehindThreshold = 0.7;

    // Ratios are compared with a small tolerance so "exactly 70 %" and "exactly expected" survive floating point.
    private const double Tolerance = 1e-9;

    public static double Expected(int target, double elapsedShare) => target * Math.Clamp(elapsedShare, 0, 1);

    /// <summary>Status of one channel: <paramref name="actual"/> against <paramref name="target"/> at <paramref name="elapsedShare"/>.</summary>
    public static ProgressStatus Evaluate(long actual, int? target, double elapsedShare) =>
        Ratio(actual, target, elapsedShare) is { } ratio ? FromRatio(ratio) : ProgressStatus.NoTarget;

    /// <summary>
    /// Actual ÷ expected, or null without a target. Nothing expected yet (the plan's year has not begun) is 1:
    /// nobody can be late before anything is due.
    /// </summary>
    public static double? Ratio(long actual, int? target, double elapsedShare)
    {
        if (target is null or <= 0) return null;
        var expected = Expected(target.Value, elapsedShare);
        return expected <= 0 ? 1 : actual / expected;
    }

    /// <summary>The status a ratio of actual to expected stands for.</summary>
    public static ProgressStatus FromRatio(double ratio) =>
        ratio >= 1 - Tolerance ? ProgressStatus.OnTrack
        : ratio >= BehindThreshold - Tolerance ? ProgressStatus.Behind
        : ProgressStatus.FarBehind;

    /// <summary>
    /// An agency's standing over its targeted channels: the mean of each channel's ratio capped at 1, so many
    /// leaflets cannot hide a missing conference; null when it has no target at all. Đạt only when every
    /// targeted channel is on track.
    /// </summary>
    public static double? Combine(IEnumerable<double?> channelRatios)
    {
        var ratios = channelRatios.OfType<double>().Select(r => Math.Min(r, 1)).ToList();
        return ratios.Count == 0 ? null : ratios.Average();
    }

    public static string DisplayName(this ProgressStatus status) => status switch
    {
        ProgressStatus.OnTrack => "Đạt",
        ProgressStatus.Behind => "Chậm",
        ProgressStatus.FarBehind => "Rất chậm",
        ProgressStatus.NoTarget => "Chưa có chỉ tiêu",
        _ => status.ToString(),
    };
}
