using CommsPlan.Core.UnitPlans;

namespace CommsPlan.Tests.Core.UnitPlans;

/// <summary>A target as typed in the form: refused in words, never clamped or rounded.</summary>
public sealed class UnitPlanTargetMessagesTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("12")]
    [InlineData("1000000")]
    public void AnEmptyOrWholeTargetInRangePasses(string? typed) =>
        Assert.Empty(UnitPlanTargetInputValidator.MessagesFor(typed is null ? null : decimal.Parse(typed, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("-3", "Chỉ tiêu không được là số âm.")]
    [InlineData("2.5", UnitPlanTargetInputValidator.WholeNumberMessage)]
    [InlineData("-0.5", UnitPlanTargetInputValidator.WholeNumberMessage)]
    [InlineData("1000001", "Chỉ tiêu không được vượt quá 1.000.000.")]
    [InlineData("99999999999999", "Chỉ tiêu không được vượt quá 1.000.000.")]
    public void ANegativeFractionalOrHugeTargetIsRefusedWithItsReason(string typed, string message) =>
        Assert.Equal([message], UnitPlanTargetInputValidator.MessagesFor(decimal.Parse(typed, System.Globalization.CultureInfo.InvariantCulture)));
}
