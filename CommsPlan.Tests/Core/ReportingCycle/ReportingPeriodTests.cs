using CommsPlan.Core.Common;
using CommsPlan.Core.ReportingCycle;

namespace CommsPlan.Tests.Core.ReportingCycle;

public sealed class ReportingPeriodTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static DateOnly Iso(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void FirstDecreeQuarterOf2021StartsOnFifteenthOfDecember2020()
    {
        var q1 = ReportingPeriods.DecreeQuarter(2021, 1);

        Assert.Equal(D(2020, 12, 15), q1.From);
        Assert.Equal(D(2021, 3, 14), q1.To);
        Assert.Equal("2021-Q1", q1.Key);
        Assert.Equal("Quý I/2021 (15/12/2020 – 14/3/2021)", q1.Name);
        Assert.Equal(2021, q1.Year);
        Assert.True(q1.IsDecreePeriod);
    }

    [Theory]
    [InlineData(2, "2021-03-15", "2021-06-14", "Quý II/2021 (15/3 – 14/6/2021)")]
    [InlineData(3, "2021-06-15", "2021-09-14", "Quý III/2021 (15/6 – 14/9/2021)")]
    [InlineData(4, "2021-09-15", "2021-12-14", "Quý IV/2021 (15/9 – 14/12/2021)")]
    public void OtherDecreeQuartersRunFromTheFifteenthToTheFourteenth(int quarter, string from, string to, string name)
    {
        var period = ReportingPeriods.DecreeQuarter(2021, quarter);

        Assert.Equal(Iso(from), period.From);
        Assert.Equal(Iso(to), period.To);
        Assert.Equal(name, period.Name);
    }

    [Fact]
    public void DecreeQuartersTileTheReportingYearWithoutGapsOrOverlaps()
    {
        var quarters = Enumerable.Range(1, 4).Select(q => ReportingPeriods.DecreeQuarter(2022, q)).ToList();

        Assert.Equal(ReportingPeriods.DecreeYear(2022).From, quarters[0].From);
        Assert.Equal(ReportingPeriods.DecreeYear(2022).To, quarters[3].To);
        for (var i = 1; i < 4; i++) Assert.Equal(quarters[i - 1].To.AddDays(1), quarters[i].From);
        // The next year's first quarter opens the day after this year's last one closes.
        Assert.Equal(quarters[3].To.AddDays(1), ReportingPeriods.DecreeQuarter(2023, 1).From);
    }

    [Fact]
    public void SixNineAndTwelveMonthReportsStartOnFifteenthOfDecemberOfTheYearBefore()
    {
        var half = ReportingPeriods.DecreeHalfYear(2021);
        var nine = ReportingPeriods.DecreeNineMonths(2021);
        var year = ReportingPeriods.DecreeYear(2021);

        Assert.Equal((D(2020, 12, 15), D(2021, 6, 14)), (half.From, half.To));
        Assert.Equal((D(2020, 12, 15), D(2021, 9, 14)), (nine.From, nine.To));
        Assert.Equal((D(2020, 12, 15), D(2021, 12, 14)), (year.From, year.To));
        Assert.Equal("6 tháng đầu năm 2021 (15/12/2020 – 14/6/2021)", half.Name);
        Assert.Equal("9 tháng năm 2021 (15/12/2020 – 14/9/2021)", nine.Name);
        Assert.Equal("Năm 2021 (15/12/2020 – 14/12/2021)", year.Name);
        Assert.Equal(["2021-H1", "2021-9M", "2021-Y"], new[] { half.Key, nine.Key, year.Key });
    }

    [Fact]
    public void CalendarQuartersAndMonthsFollowTheCalendar()
    {
        var cq1 = ReportingPeriods.CalendarQuarter(2021, 1);
        var cq4 = ReportingPeriods.CalendarQuarter(2021, 4);
        var february = ReportingPeriods.Month(2021, 2);
        var march = ReportingPeriods.Month(2021, 3);

        Assert.Equal((D(2021, 1, 1), D(2021, 3, 31)), (cq1.From, cq1.To));
        Assert.Equal((D(2021, 10, 1), D(2021, 12, 31)), (cq4.From, cq4.To));
        Assert.Equal("Quý I/2021 theo năm dương lịch (01/01 – 31/3/2021)", cq1.Name);
        Assert.Equal((D(2021, 2, 1), D(2021, 2, 28)), (february.From, february.To));
        Assert.Equal("Tháng 3/2021", march.Name);
        Assert.Equal("2021-M03", march.Key);
        Assert.Equal("2021-CQ1", cq1.Key);
    }

    [Fact]
    public void CustomRangeIsNamedByItsDatesAndRefusesAnEndBeforeItsStart()
    {
        var custom = ReportingPeriods.Custom(D(2021, 1, 5), D(2021, 3, 31));

        Assert.Equal("custom:2021-01-05:2021-03-31", custom.Key);
        Assert.Equal("Từ ngày 05/01/2021 đến ngày 31/3/2021", custom.Name);
        Assert.Equal(86, custom.DayCount);
        Assert.Throws<ArgumentException>(() => ReportingPeriods.Custom(D(2021, 3, 31), D(2021, 1, 5)));
    }

    [Fact]
    public void EveryKeyOfAYearParsesBackToTheSamePeriod()
    {
        var periods = ReportingPeriods.ForYear(2021).Append(ReportingPeriods.Custom(D(2020, 12, 20), D(2021, 2, 2))).ToList();

        Assert.Equal(7 + 4 + 12 + 1, periods.Count);
        Assert.Equal(periods.Count, periods.Select(p => p.Key).Distinct().Count());
        foreach (var period in periods)
            Assert.Equal(period, ReportingPeriods.Parse(period.Key));
    }

    [Theory]
    [InlineData("2021-q1", "2021-Q1")]
    [InlineData(" 2021-M3 ", "2021-M03")]
    [InlineData("2021-9m", "2021-9M")]
    public void ParsingToleratesCaseSpacesAndAMonthWithoutItsZero(string key, string canonical) =>
        Assert.Equal(canonical, ReportingPeriods.Parse(key).Key);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2021")]
    [InlineData("2021-Q5")]
    [InlineData("2021-Q0")]
    [InlineData("2021-M13")]
    [InlineData("2021-H2")]
    [InlineData("2021-Y1")]
    [InlineData("1850-Q1")]
    [InlineData("custom:2021-03-31:2021-01-01")]
    [InlineData("custom:2021-02-30:2021-03-01")]
    [InlineData("custom:2021-01-01")]
    [InlineData("<script>")]
    public void RejectsWhatIsNotAPeriodKey(string? key)
    {
        Assert.False(ReportingPeriods.TryParse(key, out var period));
        Assert.Null(period);
    }

    [Theory]
    [InlineData("2020-12-14", "2020-Q4")]
    [InlineData("2020-12-15", "2021-Q1")]
    [InlineData("2021-01-01", "2021-Q1")]
    [InlineData("2021-03-14", "2021-Q1")]
    [InlineData("2021-03-15", "2021-Q2")]
    [InlineData("2021-10-20", "2021-Q4")]
    [InlineData("2021-12-14", "2021-Q4")]
    [InlineData("2021-12-15", "2022-Q1")]
    [InlineData("2021-12-31", "2022-Q1")]
    public void FindsTheDecreeQuarterContainingADayAcrossTheYearBoundary(string day, string key)
    {
        var date = Iso(day);
        var period = ReportingPeriods.DecreeQuarterContaining(date);

        Assert.Equal(key, period.Key);
        Assert.True(period.Contains(date));
    }

    [Theory]
    [InlineData("2021-10-20", "2021-Q4")]
    [InlineData("2020-12-20", "2021-Q1")]
    [InlineData("2020-06-01", "2021-Q1")]
    [InlineData("2021-12-20", "2021-Y")]
    [InlineData("2023-01-01", "2021-Y")]
    public void DefaultPeriodIsTheQuarterOfTodayWithinThePlansYear(string today, string key) =>
        Assert.Equal(key, ReportingPeriods.DefaultFor(Iso(today), 2021).Key);

    [Theory]
    [InlineData("2021-Q1", "2021-Q1")]
    [InlineData(null, "2021-Q4")]
    [InlineData("nonsense", "2021-Q4")]
    public void AKeyFromAUrlFallsBackToTheDefaultPeriod(string? key, string expected) =>
        Assert.Equal(expected, ReportingPeriods.FromKeyOrDefault(key, D(2021, 10, 20), 2021).Key);

    [Fact]
    public void DueDateCountsDaysAfterTheCutOff()
    {
        var q1 = ReportingPeriods.DecreeQuarter(2021, 1);

        Assert.Equal(D(2021, 3, 14), q1.CutOff);
        Assert.Equal(D(2021, 3, 19), q1.DueDate(5));
        Assert.Equal("từ ngày 15/12/2020 đến ngày 14/3/2021", q1.RangeText);
    }

    [Theory]
    [InlineData("2021-01-05", "05/01/2021")]
    [InlineData("2021-02-28", "28/02/2021")]
    [InlineData("2021-03-14", "14/3/2021")]
    [InlineData("2021-10-09", "09/10/2021")]
    [InlineData("2020-12-15", "15/12/2020")]
    public void OfficialDatesPadOnlyDaysBelowTenAndTheFirstTwoMonths(string date, string written) =>
        Assert.Equal(written, Iso(date).ToOfficialString());
}
