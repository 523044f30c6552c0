using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;

namespace CommsPlan.Tests.Core.Monitoring;

public sealed class ProgressRuleTests
{
    [Fact]
    public void ExactlyTheExpectedQuantityIsOnTrack()
    {
        // Target 120 for the year, half of it gone: 60 expected.
        Assert.Equal(60, ProgressRule.Expected(120, 0.5));
        Assert.Equal(ProgressStatus.OnTrack, ProgressRule.Evaluate(60, 120, 0.5));
        Assert.Equal(ProgressStatus.OnTrack, ProgressRule.Evaluate(61, 120, 0.5));
    }

    [Fact]
    public void OneBelowExpectedIsBehind() =>
        Assert.Equal(ProgressStatus.Behind, ProgressRule.Evaluate(59, 120, 0.5));

    [Fact]
    public void ExactlySeventyPercentOfExpectedIsBehindNotFarBehind()
    {
        Assert.Equal(ProgressStatus.Behind, ProgressRule.Evaluate(42, 120, 0.5));
        Assert.Equal(ProgressStatus.FarBehind, ProgressRule.Evaluate(41, 120, 0.5));
    }

    [Fact]
    public void ExactlyExpectedHoldsWhereFloatingPointOvershoots()
    {
        // 365 × (29/365) is 29.000000000000004 in binary floating point; 29 done is still exactly what is expected.
        Assert.Equal(ProgressStatus.OnTrack, ProgressRule.Evaluate(29, 365, 29.0 / 365));
        Assert.Equal(ProgressStatus.Behind, ProgressRule.Evaluate(28, 365, 29.0 / 365));
        Assert.Equal(ProgressStatus.Behind, ProgressRule.FromRatio(0.7));
        Assert.Equal(ProgressStatus.Behind, ProgressRule.Evaluate(7, 10, 1.0));
    }

    [Fact]
    public void NoTargetAndTargetZeroAreBothWithoutTarget()
    {
        Assert.Equal(ProgressStatus.NoTarget, ProgressRule.Evaluate(5, null, 0.5));
        Assert.Equal(ProgressStatus.NoTarget, ProgressRule.Evaluate(0, 0, 0.5));
        Assert.Equal(ProgressStatus.NoTarget, ProgressRule.Evaluate(5, 0, 0.5));
        Assert.Null(ProgressRule.Ratio(5, 0, 0.5));
    }

    [Fact]
    public void NothingIsLateBeforeThePlansYearBegins() =>
        Assert.Equal(ProgressStatus.OnTrack, ProgressRule.Evaluate(0, 50, 0));

    [Fact]
    public void AgencyStandingCapsEachChannelSoOneChannelCannotHideAnother()
    {
        // 500 % of expected leaflets and nothing on conferences: (1 + 0) / 2.
        var combined = ProgressRule.Combine([5.0, 0.0, null]);

        Assert.Equal(0.5, combined);
        Assert.Equal(ProgressStatus.FarBehind, ProgressRule.FromRatio(combined!.Value));
        Assert.Null(ProgressRule.Combine([null, null]));
        Assert.Equal(ProgressStatus.OnTrack, ProgressRule.FromRatio(ProgressRule.Combine([1.0, 2.0])!.Value));
    }

    [Theory]
    [InlineData(ProgressStatus.OnTrack, "Đạt")]
    [InlineData(ProgressStatus.Behind, "Chậm")]
    [InlineData(ProgressStatus.FarBehind, "Rất chậm")]
    [InlineData(ProgressStatus.NoTarget, "Chưa có chỉ tiêu")]
    public void StatusesReadInVietnamese(ProgressStatus status, string name) =>
        Assert.Equal(name, status.DisplayName());
}
