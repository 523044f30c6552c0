using CommsPlan.Core.UnitPlans;

namespace CommsPlan.Tests.Core.UnitPlans;

public sealed class UnitPlanStatusRuleTests
{
    private static readonly DateOnly Deadline = new(2021, 3, 31);
    private static readonly DateOnly Later = new(2021, 10, 20);

    [Fact]
    public void IssuedOnTheDeadlineIsOnTime() =>
        Assert.Equal(UnitPlanStatus.OnTime, UnitPlanStatusRule.Evaluate(Deadline, Deadline, Later));

    [Fact]
    public void IssuedTheDayAfterTheDeadlineIsLate() =>
        Assert.Equal(UnitPlanStatus.Late, UnitPlanStatusRule.Evaluate(Deadline.AddDays(1), Deadline, Later));

    [Fact]
    public void NoneRecordedAfterTheDeadlineIsMissing() =>
        Assert.Equal(UnitPlanStatus.Missing, UnitPlanStatusRule.Evaluate(null, Deadline, Deadline.AddDays(1)));

    [Fact]
    public void NoneRecordedUpToTheDeadlineIsNotYetDue() =>
        Assert.Equal(UnitPlanStatus.NotDue, UnitPlanStatusRule.Evaluate(null, Deadline, Deadline));

    [Fact]
    public void WithoutADeadlineARecordedPlanIsOnTimeAndNoneIsMissing()
    {
        Assert.Equal(UnitPlanStatus.OnTime, UnitPlanStatusRule.Evaluate(Later, null, Later));
        Assert.Equal(UnitPlanStatus.Missing, UnitPlanStatusRule.Evaluate(null, null, Later));
    }
}
