using CommsPlan.Core.Common;

namespace CommsPlan.Tests.Support;

/// <summary>
/// A running app's clock that a test sets to another day: like the demo's <see cref="ShiftedTimeProvider"/>, the
/// province's date is the chosen day and the time of day runs on, so the app sees the day change as a server would at
/// midnight. Timestamps (elapsed times, timeouts) stay the real ones.
/// </summary>
public sealed class SettableDayClock(DateOnly today) : TimeProvider
{
    private ShiftedTimeProvider _shifted = new(today);

    public override DateTimeOffset GetUtcNow() => Volatile.Read(ref _shifted).GetUtcNow();

    /// <summary>From now on, "today" in Vietnam is <paramref name="day"/>.</summary>
    public void MoveTo(DateOnly day) => Volatile.Write(ref _shifted, new ShiftedTimeProvider(day));
}
