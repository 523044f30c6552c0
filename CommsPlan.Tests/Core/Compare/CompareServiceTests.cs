using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Compare;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.UnitPlans;
using CommsPlan.Tests.Core.Monitoring;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommsPlan.Tests.Core.Compare;

public abstract class CompareServiceTests(CompareSeed seed)
{
    private CompareService Service => new(seed.Database.Factory, seed.Time, Options.Create(new ReportingOptions { DueDays = CompareSeed.DueDays }));

    private IEnumerable<YearActivity> Year(int year) => seed.Activities.Where(a => a.Year == year);

    private static long Participants(IEnumerable<YearActivity> rows) =>
        rows.Where(r => MonitoringSeed.Events.Contains(r.Channel)).Sum(r => r.SecondMeasure ?? 0);

    private static void AssertYear(IEnumerable<YearActivity> rows, YearFigures? figures, string what)
    {
        var list = rows.ToList();
        Assert.True(figures is not null, $"{what}: the year's cell is empty");
        Assert.Equal((list.Count, Participants(list), list.Sum(r => r.Cost ?? 0)), (figures!.Activities, figures.Participants ?? 0, figures.Cost));
    }

    [Fact]
    public async Task FiguresEqualAnIndependentCountForBothYears()
    {
        var result = await Service.CompareAsync(ActingUsers.Monitor, 2021, 2022);

        Assert.Equal((2021, 2022), (result.Base.Year, result.Current.Year));
        Assert.True(Year(2021).Count() > 200 && Year(2022).Count() > 200, "both years need enough activities to mean something");
        AssertYear(Year(2021), result.Total.Base, "total 2021");
        AssertYear(Year(2022), result.Total.Current, "total 2022");
        foreach (var row in result.Channels)
        {
            foreach (var (year, figures) in new[] { (2021, row.Base), (2022, row.Current) })
            {
                if (figures is null) continue;
                var rows = Year(year).Where(a => a.FormGroup == row.GroupCode && a.Channel == row.Code).ToList();
                Assert.Equal((rows.Count, rows.Sum(r => (long)r.Quantity), rows.Sum(r => r.Cost ?? 0)),
                    (figures.Activities, figures.Quantity ?? -1, figures.Cost));
                if (MonitoringSeed.WithSecondMeasure.Contains(row.Code)) Assert.Equal(rows.Sum(r => r.SecondMeasure ?? 0), figures.SecondMeasure);
            }
        }
        foreach (var group in result.FormGroups)
        {
            AssertYear(Year(2021).Where(a => a.FormGroup == group.Code), group.Base, group.Code + " 2021");
            AssertYear(Year(2022).Where(a => a.FormGroup == group.Code), group.Current, group.Code + " 2022");
        }
        Assert.NotEmpty(result.Objectives);
        foreach (var objective in result.Objectives)
        {
            AssertYear(Year(2021).Where(a => a.Objectives.Contains(objective.Code)), objective.Base, objective.Code + " 2021");
            AssertYear(Year(2022).Where(a => a.Objectives.Contains(objective.Code)), objective.Current, objective.Code + " 2022");
        }
        Assert.NotEmpty(result.Themes);
        foreach (var theme in result.Themes)
        {
            AssertYear(Year(2021).Where(a => a.Themes.Contains(theme.Code)), theme.Base, theme.Code + " 2021");
            AssertYear(Year(2022).Where(a => a.Themes.Contains(theme.Code)), theme.Current, theme.Code + " 2022");
        }
        foreach (var agency in result.Agencies.Where(a => seed.Activities.Any(x => x.Agency == a.Agency.Code)))
        {
            AssertYear(Year(2021).Where(a => a.Agency == agency.Agency.Code), agency.Base, agency.Agency.Code + " 2021");
            AssertYear(Year(2022).Where(a => a.Agency == agency.Agency.Code), agency.Current, agency.Agency.Code + " 2022");
        }
    }

    [Fact]
    public async Task TheMonthlySeriesCountEachMonthOfBothPlanPeriods()
    {
        var result = await Service.CompareAsync(ActingUsers.Monitor, 2021, 2022);

        Assert.Equal(12, result.Months.Count);
        foreach (var month in result.Months)
        {
            var was = month.BaseMonth!.Value;
            var now = month.CurrentMonth!.Value;
            Assert.Equal(was.AddYears(1), now);
            Assert.Equal(Year(2021).Count(a => a.Date.Year == was.Year && a.Date.Month == was.Month), month.BaseActivities);
            Assert.Equal(Year(2022).Count(a => a.Date.Year == now.Year && a.Date.Month == now.Month), month.CurrentActivities);
        }
        Assert.Equal(Year(2022).Count(), result.Months.Sum(m => m.CurrentActivities));
    }

    [Fact]
    public async Task AChannelOfTheLaterYearOnlyHasAnEmptyEarlierCellAndNoPercentage()
    {
        var result = await Service.CompareAsync(ActingUsers.Monitor, 2021, 2022);

        var row = Assert.Single(result.Channels, c => c.Code == NextPlanYear.NewChannelCode);
        Assert.Equal(ComparedPresence.CurrentOnly, row.Presence);
        Assert.Null(row.Base);
        Assert.Equal(NextPlanYear.NewChannelName, row.Name);
        var logged = Year(2022).Count(a => a.Channel == NextPlanYear.NewChannelCode);
        Assert.True(logged > 0, "the seed must log activities in the new channel");
        Assert.Equal(logged, row.Current!.Activities);
        Assert.Equal(logged, row.Activities.Delta);
        Assert.Null(row.Activities.Percent);
        Assert.True(row.Activities.IsNew);
        // Every other channel exists in both years: matched by code, never merged with the new one.
        Assert.All(result.Channels.Where(c => c.Code != NextPlanYear.NewChannelCode), c => Assert.Equal(ComparedPresence.Both, c.Presence));
    }

    [Fact]
    public async Task AnOfficerSeesOnlyItsOwnAgencyWhateverItAsks()
    {
        var officer = ActingUsers.Officer(seed.AgencyIds["STP"], "tuphap");

        var result = await Service.CompareAsync(officer, 2021, 2022, scope: MonitoringScope.ForAgency("DAITU"));

        Assert.True(result.Scope.IsOwnAgencyOnly);
        Assert.Equal("STP", Assert.Single(result.Agencies).Agency.Code);
        AssertYear(Year(2021).Where(a => a.Agency == "STP"), result.Total.Base, "STP 2021");
        AssertYear(Year(2022).Where(a => a.Agency == "STP"), result.Total.Current, "STP 2022");
        Assert.Equal(Year(2022).Count(a => a.Agency == "STP"), result.Months.Sum(m => m.CurrentActivities));
    }

    [Fact]
    public async Task ReportsAndUnitPlansOnTimeFollowTheReportingCycleAndUnitPlanRules()
    {
        var result = await Service.CompareAsync(ActingUsers.Monitor, 2021, 2022);

        await using var db = seed.Database.CreateContext();
        var active = await db.Agencies.CountAsync(a => a.IsActive);
        bool OnTime((string Agency, string PeriodKey, DateOnly FirstSubmittedOn) r) =>
            r.FirstSubmittedOn <= ReportingPeriods.Parse(r.PeriodKey).DueDate(CompareSeed.DueDays);
        // 2021 is over: its four quarters are owed; on 20/10/2022 the 2022 quarters I–III are past their due dates.
        Assert.Equal(active * 4, result.BaseTimeliness.ReportsExpected);
        Assert.Equal(seed.Reports.Count(r => r.PeriodKey.StartsWith("2021") && OnTime(r)), result.BaseTimeliness.ReportsOnTime);
        Assert.Equal(active * 3, result.CurrentTimeliness.ReportsExpected);
        Assert.Equal(seed.Reports.Count(r => r.PeriodKey.StartsWith("2022") && OnTime(r)), result.CurrentTimeliness.ReportsOnTime);
        Assert.Equal((2, 1), (result.BaseTimeliness.ReportsOnTime, result.BaseTimeliness.UnitPlansOnTime));
        Assert.Equal((3, 3), (result.CurrentTimeliness.ReportsOnTime, result.CurrentTimeliness.UnitPlansOnTime));

        var stp = result.Agencies.Single(a => a.Agency.Code == "STP");
        Assert.Equal((4, 1), (stp.BaseTimeliness.ReportsExpected, stp.BaseTimeliness.ReportsOnTime));
        Assert.Equal((3, 2), (stp.CurrentTimeliness.ReportsExpected, stp.CurrentTimeliness.ReportsOnTime));
        var daitu = result.Agencies.Single(a => a.Agency.Code == "DAITU");
        Assert.Equal((UnitPlanStatus.Late, UnitPlanStatus.OnTime), (daitu.BaseUnitPlan, daitu.CurrentUnitPlan));
    }

    [Fact]
    public async Task TheSameDaysSpanCutsTheEarlierYearAtTodayOneYearBefore()
    {
        var result = await Service.CompareAsync(ActingUsers.Monitor, 2022, 2021, CompareSpan.SameDays);

        Assert.Equal((2021, CompareSeed.Today.AddYears(-1)), (result.Base.Year, result.Base.To));
        Assert.Equal(CompareSeed.Today, result.Current.To);
        AssertYear(Year(2021).Where(a => a.Date <= CompareSeed.Today.AddYears(-1)), result.Total.Base, "2021 to 20/10");
    }

    [Fact]
    public async Task ChoicesOfferBothIssuedYearsAndOpenOnTheCurrentAndThePrevious()
    {
        var choices = await Service.GetChoicesAsync(ActingUsers.Viewer);

        Assert.True(choices.CanCompare);
        Assert.Equal([2021, 2022], choices.Plans.Select(p => p.Year));
        Assert.Equal((2021, 2022), (choices.DefaultBase, choices.DefaultCurrent));
        // 2022 runs on 20/10/2022: the page opens on the same days of both years; 2021 is over.
        Assert.Equal((CompareSpan.SameDays, CompareSpan.WholeYear), (choices.DefaultSpan(2022), choices.DefaultSpan(2021)));
    }

    [Fact]
    public async Task TheSameYearTwiceOrAYearWithoutAPlanIsRefusedWithAMessage()
    {
        var same = await Assert.ThrowsAsync<BusinessRuleException>(() => Service.CompareAsync(ActingUsers.Monitor, 2022, 2022));
        Assert.Contains("hai năm", same.Message);
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => Service.CompareAsync(ActingUsers.Monitor, 2020, 2022));
        Assert.Contains("2020", missing.Message);
    }

    public sealed class OnSqlite(CompareSeed.OnSqlite seed) : CompareServiceTests(seed), IClassFixture<CompareSeed.OnSqlite>;

    public sealed class OnPostgreSql(CompareSeed.OnPostgreSql seed) : CompareServiceTests(seed), IClassFixture<CompareSeed.OnPostgreSql>, IOnPostgreSql;
}
