using CommsPlan.Core.Data;
using CommsPlan.Core.Data.Seeding;
using CommsPlan.Core.Plans;
using CommsPlan.Tests.Support;

namespace CommsPlan.Tests.Core.Plans;

/// <summary>Which plan every page shows by default, and the status a plan is shown with.</summary>
public abstract class CurrentPlanTests(DatabaseProvider provider)
{
    [Fact]
    public async Task ADraftOfNextYearNeverBecomesTheCurrentPlan()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await AddPlan2022Async(database, issued: false);

        var plans = new PlanService(database.Factory, new FixedClock(new DateOnly(2022, 2, 15)));

        Assert.Equal(2021, (await plans.GetCurrentPlanAsync())!.Year);
        Assert.Equal(2021, await plans.GetPlanYearAsync());
    }

    [Theory]
    [InlineData("2021-10-20", 2021)]
    [InlineData("2022-02-15", 2022)]
    [InlineData("2023-06-01", 2022)]
    [InlineData("2020-06-01", 2022)]
    public async Task TheCurrentPlanIsTheIssuedOneRunningTodayElseTheLatestIssued(string today, int expectedYear)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await AddPlan2022Async(database, issued: true);
        var day = DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expectedYear, await new PlanService(database.Factory, new FixedClock(day)).GetPlanYearAsync());
        await using var db = database.CreateContext();
        Assert.Equal(expectedYear, (await PlanPeriod.FindCurrentAsync(db, day))!.Start.Year);
    }

    [Theory]
    [InlineData(false, "2021-06-01", PlanStatus.Draft)]
    [InlineData(true, "2020-12-31", PlanStatus.Upcoming)]
    [InlineData(true, "2021-01-01", PlanStatus.Running)]
    [InlineData(true, "2021-12-31", PlanStatus.Running)]
    [InlineData(true, "2022-01-01", PlanStatus.Finished)]
    public void TheStatusIsDerivedFromTheIssueAndThePeriod(bool issued, string today, PlanStatus expected)
    {
        var plan = Plan2021Catalogue.CreatePlan();
        plan.IsIssued = issued;

        Assert.Equal(expected, plan.StatusOn(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task TheSeededPlanIsIssued()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var plan = (await new PlanService(database.Factory, new FixedClock(new DateOnly(2021, 10, 20))).GetCurrentPlanAsync())!;

        Assert.True(plan.IsIssued);
        Assert.Equal(PlanStatus.Running, plan.StatusOn(new DateOnly(2021, 10, 20)));
    }

    private static async Task AddPlan2022Async(TestDatabase database, bool issued)
    {
        var plan = Plan2021Catalogue.CreatePlan();
        plan.Number = "15/KH-UBND";
        plan.Year = 2022;
        plan.IssuedOn = new DateOnly(2022, 1, 20);
        plan.PeriodStart = new DateOnly(2022, 1, 1);
        plan.PeriodEnd = new DateOnly(2022, 12, 31);
        plan.IsIssued = issued;
        await using var db = database.CreateContext();
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
    }

    public sealed class OnSqlite() : CurrentPlanTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : CurrentPlanTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
