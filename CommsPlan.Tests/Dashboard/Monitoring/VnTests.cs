using CommsPlan.Dashboard.Components.Shared;

namespace CommsPlan.Tests.Dashboard.Monitoring;

public sealed class VnTests
{
    [Fact]
    public void NumbersAndMoneyUseVietnameseSeparators()
    {
        Assert.Equal("1.234.567", Vn.Number(1_234_567));
        Assert.Equal("12.500.000 đồng", Vn.Money(12_500_000));
        Assert.Equal("42,2", Vn.Decimal(42.2));
        Assert.Equal("05/01/2021", Vn.Date(new DateOnly(2021, 1, 5)));
    }

    [Theory]
    [InlineData(0.696, "69%")]
    [InlineData(0.7, "70%")]
    [InlineData(0.996, "99%")]
    [InlineData(1.0, "100%")]
    [InlineData(2.6, "260%")]
    public void SharesAreRoundedDownSoTheyNeverContradictTheStatus(double share, string text) =>
        Assert.Equal(text, Vn.Percent(share));

    [Fact]
    public void NoShareReadsAsADash() => Assert.Equal("—", Vn.Percent(null));
}
