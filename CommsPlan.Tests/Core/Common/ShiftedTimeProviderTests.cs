using CommsPlan.Core.Common;

namespace CommsPlan.Tests.Core.Common;

public sealed class ShiftedTimeProviderTests
{
    private sealed class At(DateTimeOffset utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => utc;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(17)]  // 00:00 the next day in Vietnam
    [InlineData(23)]
    public void TodayIsTheGivenDateWhateverTheUtcHour(int utcHour)
    {
        var real = new At(new DateTimeOffset(2026, 11, 28, utcHour, 30, 0, TimeSpan.Zero));

        var demo = new ShiftedTimeProvider(new DateOnly(2021, 10, 20), real);

        Assert.Equal(new DateOnly(2021, 10, 20), demo.Today());
    }
}
