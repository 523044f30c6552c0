namespace CommsPlan.Tests.Support;

/// <summary>A clock standing still at 10:00 in Vietnam on the given day.</summary>
public sealed class FixedClock(DateOnly day) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(day.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero);
}
