using CommsPlan.Core.Access;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;
using Microsoft.Extensions.Time.Testing;

namespace CommsPlan.Tests.Core.Monitoring;

/// <summary>
/// Identical overview requests share one computation per data version, for a bounded time after it finished; a new
/// version, the lifetime passing, or a different reader always gets figures of its own. The sharing is the service's
/// own logic, above the engine: SQLite only.
/// </summary>
public sealed class MonitoringOverviewSharingTests(MonitoringSeed.OnSqlite seed) : IClassFixture<MonitoringSeed.OnSqlite>
{
    private static readonly CurrentUser Monitor = new("u-giamsat", "giamsat", [Roles.Monitor], null);
    private static readonly ReportingPeriod Q3 = ReportingPeriods.DecreeQuarter(2021, 3);

    // A clock of its own: advancing it must not move the seed's clock under the other test classes.
    private readonly FakeTimeProvider _time = new(MonitoringSeed.Now);
    private readonly Version _version = new();

    private OverviewService Service() => new(seed.Database.Factory, _time, versions: _version);

    [Fact]
    public async Task ARequestAtTheSameVersionWithinTheLifetimeGetsTheFinishedOverview()
    {
        var service = Service();
        var first = await service.GetOverviewAsync(Monitor, Q3);

        _time.Advance(OverviewService.SharedOverviewLifetime - TimeSpan.FromMilliseconds(1));
        var second = await service.GetOverviewAsync(Monitor, Q3);

        Assert.Same(first, second);
    }

    [Fact]
    public async Task ARequestAfterAPublishedChangeIsComputedAgain()
    {
        var service = Service();
        var before = await service.GetOverviewAsync(Monitor, Q3);

        _version.Current++;
        var after = await service.GetOverviewAsync(Monitor, Q3);

        Assert.NotSame(before, after);
        Assert.Equal(before.Kpis, after.Kpis);
    }

    [Fact]
    public async Task ARequestPastTheLifetimeIsComputedAgainEvenWithoutAChange()
    {
        var service = Service();
        var first = await service.GetOverviewAsync(Monitor, Q3);

        _time.Advance(OverviewService.SharedOverviewLifetime);
        var second = await service.GetOverviewAsync(Monitor, Q3);

        Assert.NotSame(first, second);
    }

    [Fact]
    public async Task ConcurrentIdenticalRequestsGetOneOverview()
    {
        var service = Service();

        var overviews = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => service.GetOverviewAsync(Monitor, Q3))));

        Assert.All(overviews, o => Assert.Same(overviews[0], o));
    }

    [Fact]
    public async Task AnOfficerNeverGetsTheMonitorsSharedOverviewNorAnotherPeriods()
    {
        var service = Service();
        var province = await service.GetOverviewAsync(Monitor, Q3);
        var officer = new CurrentUser("u-stp", "stp", [Roles.AgencyOfficer], seed.AgencyIds["STP"]);

        var own = await service.GetOverviewAsync(officer, Q3);
        var otherPeriod = await service.GetOverviewAsync(Monitor, ReportingPeriods.DecreeQuarter(2021, 2));

        Assert.NotSame(province, own);
        Assert.True(own.Scope.IsOwnAgencyOnly);
        Assert.Equal(["STP"], own.Agencies.Select(a => a.Agency.Code));
        Assert.NotEqual(province.Period, otherPeriod.Period);
    }

    private sealed class Version : IDataVersion
    {
        public long Current { get; set; }
    }
}
