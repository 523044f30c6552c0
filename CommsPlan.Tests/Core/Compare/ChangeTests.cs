using CommsPlan.Core.Compare;

namespace CommsPlan.Tests.Core.Compare;

public sealed class ChangeTests
{
    [Fact]
    public void APercentageIsTheChangeOverTheEarlierYear()
    {
        var change = Change.Of(80, 100);

        Assert.Equal(20, change.Delta);
        Assert.Equal(0.25, change.Percent);
        Assert.False(change.IsNew);
    }

    [Fact]
    public void NoPercentageFromAnEarlierZeroButItIsNew()
    {
        var change = Change.Of(0, 7);

        Assert.Equal(7, change.Delta);
        Assert.Null(change.Percent);
        Assert.True(change.IsNew);
    }

    [Fact]
    public void AMissingEarlierYearCountsAsNothingForTheDelta()
    {
        var change = Change.Of(null, 5);

        Assert.Equal(5, change.Delta);
        Assert.Null(change.Percent);
        Assert.True(change.IsNew);
    }

    [Fact]
    public void AFallIsNegativeAndNothingToNothingHasNoPercentage()
    {
        Assert.Equal(-0.5, Change.Of(10, 5).Percent);
        Assert.Equal(-10, Change.Of(10, null).Delta);
        Assert.Null(Change.Of(0, 0).Percent);
        Assert.False(Change.Of(0, 0).IsNew);
        Assert.Null(Change.Of(null, null).Delta);
    }
}
