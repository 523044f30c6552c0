namespace CommsPlan.Core.Common;

/// <summary>"Today" in the province's time zone, always through <see cref="TimeProvider"/> so tests and the demo can set it.</summary>
public static class Clock
{
    internal static readonly TimeZoneInfo Vietnam = FindVietnam();

    public static DateOnly Today(this TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Vietnam).DateTime);

    private static TimeZoneInfo FindVietnam()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("ICT", TimeSpan.FromHours(7), "ICT", "ICT"); }
    }
}

/// <summary>A clock fixed to a given date's local time of day, advancing with real time: the demo's "today".</summary>
public sealed class ShiftedTimeProvider(DateOnly today, TimeProvider? inner = null) : TimeProvider
{
    private readonly TimeProvider _inner = inner ?? System;
    private readonly TimeSpan _offset = ComputeOffset(today, inner ?? System);

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow() + _offset;

    private static TimeSpan ComputeOffset(DateOnly today, TimeProvider inner)
    {
        // Shift so that the province's local date is `today` (not the UTC date: from 17:00 UTC on, Vietnam is a day ahead).
        var now = inner.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, Clock.Vietnam);
        var shifted = new DateTimeOffset(today.ToDateTime(TimeOnly.FromDateTime(local.DateTime)), local.Offset);
        return shifted - now;
    }
}
