namespace CommsPlan.Core.Common;

/// <summary>"Today" in the province's time zone, always through <see cref="TimeProvider"/> so tests and the demo can set it.</summary>
public static class Clock
{
    internal static readonly TimeZoneInfo Vietnam = FindVietnam();

    public static DateOnly Today(this TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Vietnam).DateTime);

    /// <summary>Now on the province's wall clock, whatever the server's time zone (servers often run on UTC).</summary>
    public static DateTimeOffset VietnamNow(this TimeProvider time) => TimeZoneInfo.ConvertTime(time.GetUtcNow(), Vietnam);

    /// <summary>A stored UTC time as the province's wall-clock time, for display.</summary>
    public static DateTime ToVietnamTime(this DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Vietnam);

    /// <summary>The UTC instant a Vietnamese calendar day starts, for filtering stored UTC times by local dates.</summary>
    public static DateTime StartOfDayUtc(this DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Vietnam);

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
