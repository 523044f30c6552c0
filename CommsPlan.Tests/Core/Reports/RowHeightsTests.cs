using CommsPlan.Core.Reports.Excel;

namespace CommsPlan.Tests.Core.Reports;

public sealed class RowHeightsTests
{
    [Fact]
    public void ShortOrMissingTextTakesOneLineAndKeepsTheDefaultHeight()
    {
        Assert.Equal(1, RowHeights.Lines(null, 20, 11));
        Assert.Equal(1, RowHeights.Lines("Sở Tư pháp", 20, 11));
        Assert.Null(RowHeights.For([("Sở Tư pháp", 20), (null, 10)], 11));
    }

    [Fact]
    public void LongTextWrapsIntoMoreLinesInANarrowerColumn()
    {
        var title = new string('a', 200);

        var wide = RowHeights.Lines(title, 42, 11);
        var narrow = RowHeights.Lines(title, 12, 11);

        Assert.InRange(wide, 2, 5);
        Assert.True(narrow > wide);
        Assert.Equal(wide * RowHeights.LineHeight(11) + 3, RowHeights.For([(title, 42), ("x", 10)], 11));
    }

    [Fact]
    public void LineBreaksStartNewLinesAndHeightsStopAtExcelsLimit()
    {
        Assert.Equal(3, RowHeights.Lines("một\nhai\nba", 40, 12));
        Assert.Equal(409, RowHeights.For([(new string('a', 100_000), 10)], 12));
    }
}
