using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Tests.Core.Data;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Core.Monitoring;

/// <summary>The overview's alerts on the demo a year on: 2021 finished, 2022 running on 20/10/2022.</summary>
public sealed class OverviewPlanYearAlertsTests(SeededSecondDemoYear.OnSqlite seeded) : IClassFixture<SeededSecondDemoYear.OnSqlite>
{
    private static readonly DateOnly Today = SeededSecondDemoYear.DemoToday;

    private OverviewService Overviews => new(seeded.Database.Factory, new FixedClock(Today));

    [Fact]
    public async Task AFinishedYearNamesNoAgencySilent()
    {
        var overview = await Overviews.GetOverviewAsync(ActingUsers.Monitor, ReportingPeriods.DecreeQuarter(2021, 4), planYear: 2021);

        Assert.Empty(overview.Alerts.Silent);
        Assert.True(overview.Kpis.Activities > 0);
    }

    [Fact]
    public async Task TheRunningYearNamesTheAgenciesSilentInTheLastThirtyDays()
    {
        var overview = await Overviews.GetOverviewAsync(ActingUsers.Monitor, ReportingPeriods.DecreeQuarter(2022, 4), planYear: 2022);

        await using var db = seeded.Database.CreateContext();
        var since = Today.AddDays(-(OverviewService.SilentDays - 1));
        var silent = await db.Agencies.Where(a => a.IsActive && !db.Activities.Any(x => x.AgencyId == a.Id && x.StartDate >= since && x.StartDate <= Today))
            .Select(a => a.Code).ToListAsync();
        Assert.Equal(silent.Order(), overview.Alerts.Silent.Select(s => s.Agency.Code).Order());
    }
}
