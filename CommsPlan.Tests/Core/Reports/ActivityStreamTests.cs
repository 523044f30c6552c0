using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Data;
using CommsPlan.Core.Evidence;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

using CommsPlan.Core.Reports;
namespace CommsPlan.Tests.Core.Reports;

/// <summary>
/// The report's detail rows come from one hand-written query (<see cref="ConsolidatedReportBuilder.StreamActivitiesAsync"/>);
/// they must be exactly the rows an EF query over the entities and their navigations gives, on each engine.
/// </summary>
public abstract class ActivityStreamTests(ActivityStreamTests.Seed seed)
{
    private static readonly CurrentUser Monitor = new("u-giamsat", "giamsat", [Roles.Monitor], null);
    private static readonly ReportingPeriod FirstHalf = ReportingPeriods.Custom(new DateOnly(2021, 1, 1), new DateOnly(2021, 6, 30));

    private ConsolidatedReportBuilder Service => new(seed.Database.Factory, new OverviewService(seed.Database.Factory, seed.Time), seed.Time);

    [Fact]
    public async Task AMonitorGetsEveryActivityOfThePeriodWithItsNamesTagsDistrictAndDatesInOrder()
    {
        var streamed = await StreamAsync(Monitor, FirstHalf);
        var expected = await ExpectedAsync(FirstHalf, _ => true);

        // The seed must hold what could go wrong: tags in several orders, none, districts, end dates, same-day rows.
        Assert.True(expected.Count > 200);
        Assert.Contains(expected, r => r.Objectives.Split(", ").Length >= 3 && r.Themes.Split(", ").Length >= 2);
        Assert.Contains(expected, r => r.Objectives == "" && r.Themes == "");
        Assert.Contains(expected, r => r.DistrictName is not null && r.EndDate is not null && r.EvidenceUrl is not null);
        Assert.Contains(expected, r => r.SecondMeasure is not null && r.SecondMeasureUnit is not null && r.Cost is null);
        Assert.Contains(expected.GroupBy(r => r.StartDate), d => d.Select(r => r.AgencyCode).Distinct().Count() > 2);
        Assert.Equal(expected, streamed);
    }

    [Fact]
    public async Task ActivitiesOutsideThePeriodAreLeftOutAtBothEnds()
    {
        var period = ReportingPeriods.Custom(new DateOnly(2021, 3, 2), new DateOnly(2021, 3, 30));

        var streamed = await StreamAsync(Monitor, period);

        Assert.Equal(await ExpectedAsync(period, _ => true), streamed);
        Assert.Contains(streamed, r => r.StartDate == period.From);
        Assert.Contains(streamed, r => r.StartDate == period.To);
        Assert.Empty(await StreamAsync(Monitor, ReportingPeriods.Custom(new DateOnly(2022, 1, 1), new DateOnly(2022, 3, 31))));
    }

    [Fact]
    public async Task AGroupOrAnAgencyScopeGetsOnlyItsAgencies()
    {
        var districts = await StreamAsync(Monitor, FirstHalf, MonitoringScope.ForGroup(AgencyGroup.District));
        var stp = await StreamAsync(Monitor, FirstHalf, MonitoringScope.ForAgency("stp"));

        Assert.Equal(await ExpectedAsync(FirstHalf, a => a.Kind.Group() == AgencyGroup.District), districts);
        Assert.Equal(await ExpectedAsync(FirstHalf, a => a.Code == "STP"), stp);
        Assert.NotEmpty(districts);
        Assert.NotEmpty(stp);
    }

    [Fact]
    public async Task AnOfficerGetsOnlyItsOwnAgencyWhateverScopeItAsksFor()
    {
        var officer = new CurrentUser("u-daitu", "daitu", [Roles.AgencyOfficer], seed.AgencyIds["DAITU"]);

        var streamed = await StreamAsync(officer, FirstHalf, MonitoringScope.ForAgency("STP"));

        Assert.NotEmpty(streamed);
        Assert.Equal(await ExpectedAsync(FirstHalf, a => a.Code == "DAITU"), streamed);
    }

    private async Task<List<ActivityRow>> StreamAsync(CurrentUser user, ReportingPeriod period, MonitoringScope? scope = null)
    {
        var rows = new List<ActivityRow>();
        await foreach (var row in Service.StreamActivitiesAsync(user, period, scope)) rows.Add(row);
        return rows;
    }

    /// <summary>The rows as EF reads them from the entities: names through the navigations, tags in catalogue order.</summary>
    private async Task<List<ActivityRow>> ExpectedAsync(ReportingPeriod period, Func<Agency, bool> inScope)
    {
        await using var db = seed.Database.CreateContext();
        var activities = await db.Activities.AsNoTracking()
            .Include(a => a.Agency).Include(a => a.Channel!).ThenInclude(c => c.FormGroup).Include(a => a.District)
            .Include(a => a.Objectives).Include(a => a.Themes).AsSplitQuery()
            .Where(a => a.StartDate >= period.From && a.StartDate <= period.To)
            .ToListAsync();
        var files = await db.EvidenceFiles.Where(f => f.ActivityId != null).Select(f => f.ActivityId!.Value).ToListAsync();
        return [.. activities
            .Where(a => inScope(a.Agency!))
            .OrderBy(a => a.StartDate).ThenBy(a => a.Agency!.SortOrder).ThenBy(a => a.Id)
            .Select(a => new ActivityRow(a.Id, a.StartDate, a.EndDate, a.Agency!.Code, a.Agency.Name, a.Channel!.FormGroup!.Code,
                a.Channel.Code, a.Channel.Name, a.Channel.Unit, a.Title, a.Quantity, a.SecondMeasure, a.Channel.SecondMeasureUnit,
                string.Join(", ", a.Objectives.OrderBy(o => o.SortOrder).Select(o => o.DisplayCode)),
                string.Join(", ", a.Themes.OrderBy(t => t.SortOrder).Select(t => t.DisplayCode)),
                a.District?.Name, a.Cost, a.EvidenceUrl, files.Count(id => id == a.Id)))];
    }

    /// <summary>Random activities over 2021 with every optional part, tags in random subsets, many on the same days.</summary>
    public abstract class Seed(DatabaseProvider provider) : IAsyncLifetime
    {
        public TestDatabase Database { get; private set; } = null!;
        public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2021, 10, 20, 3, 0, 0, TimeSpan.Zero));
        public Dictionary<string, int> AgencyIds { get; private set; } = [];

        public async Task InitializeAsync()
        {
            Database = await TestDatabase.CreateAsync(provider);
            await using var db = Database.CreateContext();
            var agencies = await db.Agencies.ToListAsync();
            AgencyIds = agencies.ToDictionary(a => a.Code, a => a.Id);
            var channels = await db.Channels.ToListAsync();
            var objectives = await db.Objectives.ToListAsync();
            var themes = await db.Themes.ToListAsync();
            var districts = await db.Districts.ToListAsync();
            var random = new Random(16);
            for (var i = 0; i < 600; i++)
            {
                var start = new DateOnly(2021, 1, 1).AddDays(random.Next(0, 200));
                var channel = channels[random.Next(channels.Count)];
                db.Activities.Add(new Activity
                {
                    AgencyId = agencies[random.Next(agencies.Count)].Id,
                    ChannelId = channel.Id,
                    Title = $"Hoạt động số {i} – “tuyên truyền” <{i % 7}> & thủ tục",
                    StartDate = start,
                    EndDate = random.Next(3) == 0 ? start.AddDays(random.Next(0, 20)) : null,
                    Quantity = random.Next(1, 500),
                    SecondMeasure = channel.SecondMeasureUnit is not null && random.Next(4) > 0 ? random.Next(1, 3000) : null,
                    Cost = random.Next(3) == 0 ? null : random.Next(1, 80) * 250_000L,
                    DistrictId = random.Next(2) == 0 ? districts[random.Next(districts.Count)].Id : null,
                    EvidenceUrl = random.Next(2) == 0 ? $"https://thainguyen.gov.vn/tin-tuc/{i}" : null,
                    Objectives = [.. objectives.Where(_ => random.Next(2) == 0).OrderBy(_ => random.Next())],
                    Themes = [.. themes.Where(_ => random.Next(2) == 0).OrderBy(_ => random.Next())],
                });
            }
            await db.SaveChangesAsync();

            // Evidence files on some activities (none, one or several), so the count column is checked against real rows.
            var saved = await db.Activities.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
            foreach (var activityId in saved.Where(_ => random.Next(3) == 0))
            {
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    db.EvidenceFiles.Add(new EvidenceFile
                    {
                        ActivityId = activityId, FileName = $"minh-chung-{n}.pdf", Kind = EvidenceKind.Pdf, Length = 5,
                        Content = new EvidenceContent { Bytes = "%PDF-"u8.ToArray() },
                    });
                }
            }
            await db.SaveChangesAsync();
        }

        public async Task DisposeAsync() => await Database.DisposeAsync();

        public sealed class OnSqlite() : Seed(DatabaseProvider.Sqlite);

        public sealed class OnPostgreSql() : Seed(DatabaseProvider.PostgreSQL);
    }

    public sealed class OnSqlite(Seed.OnSqlite seed) : ActivityStreamTests(seed), IClassFixture<Seed.OnSqlite>;

    public sealed class OnPostgreSql(Seed.OnPostgreSql seed) : ActivityStreamTests(seed), IClassFixture<Seed.OnPostgreSql>, IOnPostgreSql;
}
