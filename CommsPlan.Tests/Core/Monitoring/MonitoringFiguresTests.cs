using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Common;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.UnitPlans;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

using CommsPlan.Core.Reports;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.Plans;
namespace CommsPlan.Tests.Core.Monitoring;

public abstract class MonitoringFiguresTests(MonitoringSeed seed)
{
    private static readonly CurrentUser Monitor = new("u-giamsat", "giamsat", [Roles.Monitor], null);
    private static readonly CurrentUser Leader = new("u-lanhdao", "lanhdao", [Roles.Viewer], null);
    private static readonly ReportingPeriod Q3 = ReportingPeriods.DecreeQuarter(2021, 3);

    private static readonly AgencyKind[] UnitPlanBound = [AgencyKind.Department, AgencyKind.DistrictCommittee, AgencyKind.ServiceCentre];

    private OverviewService Overviews => new(seed.Database.Factory, seed.Time);
    private AgencyDetailService Agencies => new(seed.Database.Factory, seed.Time);
    private ConsolidatedReportBuilder Reports => new(seed.Database.Factory, Overviews, seed.Time);

    private async Task<IReadOnlyList<CommendationRow>> CommendationsAsync(CurrentUser user, ReportingPeriod period)
    {
        await using var db = seed.Database.CreateContext();
        return await FeedbackReports.CommendationsAsync(db, user, period.From, period.To, null, CancellationToken.None);
    }

    private async Task<IReadOnlyList<DifficultyRow>> DifficultiesAsync(CurrentUser user, ReportingPeriod period)
    {
        await using var db = seed.Database.CreateContext();
        return await FeedbackReports.DifficultiesAsync(db, user, period.From, period.To, null, CancellationToken.None);
    }

    private CurrentUser Officer(string agency) => new($"u-{agency}", agency.ToLowerInvariant(), [Roles.AgencyOfficer], seed.AgencyIds[agency]);

    [Fact]
    public async Task KpiFiguresEqualAnIndependentCountOfTheSeededRows()
    {
        var overview = await Overviews.GetOverviewAsync(Monitor, Q3);

        var rows = seed.In(Q3.From, Q3.To).ToList();
        long Sum(string[] channels) => rows.Where(r => channels.Contains(r.Channel)).Sum(r => (long)r.Quantity);
        long Second(string[] channels) => rows.Where(r => channels.Contains(r.Channel)).Sum(r => r.SecondMeasure ?? 0);
        var k = overview.Kpis;
        Assert.True(rows.Count > 50, "the seed must put enough activities in the period for the test to mean something");
        Assert.Equal(rows.Count, k.Activities);
        Assert.Equal(Sum(MonitoringSeed.MassMedia), k.MassMediaItems);
        Assert.Equal(Sum(MonitoringSeed.Events), k.Events);
        Assert.Equal(Second(MonitoringSeed.Events), k.EventParticipants);
        Assert.Equal(Sum(MonitoringSeed.Documents), k.Documents);
        Assert.Equal(Second(MonitoringSeed.Documents), k.DocumentCopies);
        Assert.Equal(Sum(MonitoringSeed.Print), k.PrintCopies);
        Assert.Equal(Sum(MonitoringSeed.Visual), k.VisualItems);
        Assert.Equal(rows.Sum(r => r.Cost ?? 0), k.TotalCost);
        Assert.Equal(rows.Select(r => r.Agency).Where(a => a != MonitoringSeed.InactiveAgency).Distinct().Count(), k.AgenciesReported);
        Assert.Equal(32, k.ActiveAgencies);
        Assert.Null(overview.ProvinceKpis);
    }

    [Fact]
    public async Task UnitPlansOnTimeLateAndMissingFollowTheNv1Deadline()
    {
        var overview = await Overviews.GetOverviewAsync(Monitor, Q3);

        await using var db = seed.Database.CreateContext();
        var bound = db.Agencies.AsEnumerable().Where(a => a.IsActive && UnitPlanBound.Contains(a.Kind)).Select(a => a.Code).ToList();
        Assert.Equal(3, overview.Kpis.UnitPlansOnTime); // STP, SNV (on the deadline itself), TPTN
        Assert.Equal(1, overview.Kpis.UnitPlansLate); // DAITU, 01/04/2021
        Assert.Equal(bound.Count - 4, overview.Kpis.UnitPlansMissing);
        Assert.Equal(bound.Order(), overview.UnitPlans.Select(u => u.Agency.Code).Order());
        var daitu = overview.UnitPlans.Single(u => u.Agency.Code == "DAITU");
        Assert.Equal((UnitPlanStatus.Late, "30/KH-UBND", new DateOnly(2021, 4, 1)), (daitu.Status, daitu.DocumentNumber, daitu.IssuedOn));
        Assert.Equal("Trễ hạn", daitu.StatusName);
        Assert.DoesNotContain(overview.UnitPlans, u => u.Agency.Code is "BAOTN" or "VPUBND");
    }

    [Fact]
    public async Task BeforeTheNv1DeadlineAnAgencyWithoutAUnitPlanIsNotYetDueAndNotAnAlert()
    {
        var march = new FakeTimeProvider(new DateTimeOffset(2021, 3, 20, 3, 0, 0, TimeSpan.Zero));
        var overview = await new OverviewService(seed.Database.Factory, march).GetOverviewAsync(Monitor, ReportingPeriods.DecreeQuarter(2021, 1));

        Assert.Equal(0, overview.Kpis.UnitPlansMissing);
        Assert.Equal(overview.UnitPlans.Count - 4, overview.Kpis.UnitPlansNotDue);
        Assert.Equal(overview.UnitPlans.Count, overview.Kpis.UnitPlansRequired);
        Assert.Empty(overview.Alerts.WithoutUnitPlan);
        Assert.Equal("Chưa đến hạn", overview.UnitPlans.First(u => u.Status == UnitPlanStatus.NotDue).StatusName);
    }

    [Fact]
    public async Task ChannelMonthObjectiveAndThemeSeriesEqualIndependentCounts()
    {
        var overview = await Overviews.GetOverviewAsync(Monitor, Q3);
        var rows = seed.In(Q3.From, Q3.To).ToList();

        foreach (var channel in overview.ByChannel)
        {
            var mine = rows.Where(r => r.Channel == channel.Code).ToList();
            Assert.Equal(
                (mine.Count, mine.Sum(r => (long)r.Quantity), mine.Sum(r => r.SecondMeasure ?? 0), mine.Sum(r => r.Cost ?? 0)),
                (channel.Activities, channel.Quantity, channel.SecondMeasure, channel.Cost));
        }
        Assert.Equal(14, overview.ByChannel.Count());
        Assert.Equal(["HT1", "HT2", "HT3"], overview.ByFormGroup.Select(g => g.Code));
        Assert.Equal(rows.Count, overview.ByFormGroup.Sum(g => g.Activities));

        Assert.Equal(["T6/2021", "T7/2021", "T8/2021", "T9/2021"], overview.ByMonth.Select(m => m.Label));
        foreach (var month in overview.ByMonth)
            Assert.Equal(rows.Count(r => r.Date.Month == month.Month), month.Activities);

        foreach (var objective in overview.ByObjective)
            Assert.Equal(rows.Count(r => r.Objectives.Contains(objective.Code)), objective.Activities);
        foreach (var theme in overview.ByTheme)
            Assert.Equal(rows.Count(r => r.Themes.Contains(theme.Code)), theme.Activities);
        Assert.Equal(["MĐ1", "MĐ2", "MĐ3", "MĐ4"], overview.ByObjective.Select(o => o.DisplayCode));
    }

    [Fact]
    public async Task ObjectiveCountsEqualPlainSqlOverTheJoinTable()
    {
        var overview = await Overviews.GetOverviewAsync(Monitor, Q3);

        // The engine's own connection: the same SQL (quoted names, @parameters) reads both SQLite and PostgreSQL.
        await using var db = seed.Database.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT o."Code", COUNT(*) FROM "ActivityObjectives" ao
            JOIN "Activities" a ON a."Id" = ao."ActivityId" JOIN "Objectives" o ON o."Id" = ao."ObjectivesId"
            WHERE a."StartDate" BETWEEN @from AND @to GROUP BY o."Code"
            """;
        foreach (var (name, value) in new[] { ("@from", Q3.From), ("@to", Q3.To) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        var bySql = new Dictionary<string, int>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) bySql[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);

        Assert.NotEmpty(bySql);
        foreach (var objective in overview.ByObjective)
            Assert.Equal(bySql.GetValueOrDefault(objective.Code), objective.Activities);
    }

    [Fact]
    public async Task ProgressCountsTheYearToTheEndOfAPastPeriodAgainstTargets()
    {
        // 100 days of 365 are gone on 10/04/2021: a target of 365 expects 100.
        var period = ReportingPeriods.Custom(new DateOnly(2021, 4, 1), new DateOnly(2021, 4, 10));
        var overview = await Overviews.GetOverviewAsync(Monitor, period);

        Assert.Equal(new DateOnly(2021, 4, 10), overview.Progress.AsOf);
        Assert.Equal(100.0 / 365, overview.Progress.ElapsedShare, 12);
        var snv = overview.Agencies.Single(a => a.Agency.Code == "SNV");
        var channels = snv.Channels.ToDictionary(c => c.ChannelCode);
        Assert.Equal((0, 100L, 365, ProgressStatus.OnTrack), (channels["BAO"].PeriodActivities, channels["BAO"].YearToDateQuantity, channels["BAO"].Target, channels["BAO"].Status));
        Assert.Equal(100, channels["BAO"].Expected!.Value, 9);
        Assert.Equal(ProgressStatus.Behind, channels["CONG"].Status); // exactly 70 %
        Assert.Equal(ProgressStatus.FarBehind, channels["WEB"].Status); // 69 %
        Assert.Equal((0, ProgressStatus.NoTarget), (channels["TOROI"].Target, channels["TOROI"].Status)); // target 0
        Assert.Equal((null, ProgressStatus.NoTarget), (channels["PANO"].Target, channels["PANO"].Status)); // no target
        Assert.Null(channels["PANO"].Ratio);
        // (1 + 0.70 + 0.69) / 3 over the three targeted channels.
        Assert.Equal((1 + 0.70 + 0.69) / 3, snv.Ratio!.Value, 9);
        Assert.Equal(ProgressStatus.Behind, snv.Status);
        Assert.Equal(0, snv.Activities);
    }

    [Fact]
    public async Task AgencyRowsAreGroupedByKindAndAddUpToTheProvince()
    {
        var overview = await Overviews.GetOverviewAsync(Leader, Q3);

        Assert.Equal(33, overview.Agencies.Count); // 32 active and the inactive one that logged in the period
        var groups = overview.Agencies.Select(a => a.Agency.Group).ToList();
        Assert.Equal(groups.Order(), groups);
        Assert.Equal(overview.Kpis.Activities, overview.Agencies.Sum(a => a.Activities));
        Assert.Equal(overview.Kpis.TotalCost, overview.Agencies.Sum(a => a.Cost));
        var inactive = overview.Agencies.Single(a => a.Agency.Code == MonitoringSeed.InactiveAgency);
        Assert.False(inactive.IsActive);
        Assert.Equal(1, inactive.Activities);
        Assert.Equal(ProgressStatus.NoTarget, overview.Agencies.Single(a => a.Agency.Code == "SYT").Status);
        Assert.Null(overview.Agencies.Single(a => a.Agency.Code == "BAOTN").UnitPlan);
    }

    [Fact]
    public async Task CoverageMatricesCountEveryCellAndLeaveGapsAtZero()
    {
        var overview = await Overviews.GetOverviewAsync(Monitor, Q3);
        var rows = seed.In(Q3.From, Q3.To).ToList();

        var objectives = overview.ObjectivesByAgency;
        Assert.Equal(overview.Agencies.Select(a => a.Agency.Code), objectives.Columns.Select(c => c.Code));
        foreach (var row in objectives.Rows)
            foreach (var column in objectives.Columns)
                Assert.Equal(rows.Count(r => r.Agency == column.Code && r.Objectives.Contains(row.Code)), objectives.Count(row.Code, column.Code));
        // MĐ4 is never used: a gap for every agency; SYT logged MĐ1 work in the quarter: no gap there.
        Assert.All(objectives.Columns, c => Assert.Contains((objectives.Rows[3], c), objectives.Gaps));
        Assert.True(objectives.Count("MD1", "SYT") > 0);
        Assert.DoesNotContain(objectives.Gaps, g => g.Row.Code == "MD1" && g.Column.Code == "SYT");
        Assert.Equal(objectives.Rows.Count * objectives.Columns.Count - objectives.Counts.Sum(r => r.Count(c => c > 0)), objectives.GapCount);

        var themes = overview.ThemesByChannel;
        Assert.Equal(14, themes.Columns.Count);
        foreach (var row in themes.Rows)
            foreach (var column in themes.Columns)
                Assert.Equal(rows.Count(r => r.Channel == column.Code && r.Themes.Contains(row.Code)), themes.Count(row.Code, column.Code));
        Assert.Equal(14, themes.Gaps.Count(g => g.Row.Code == "ND4"));
    }

    [Fact]
    public async Task AlertsNameAgenciesWithoutPlanSilentOrFarBehindAndStaleDifficulties()
    {
        var overview = await Overviews.GetOverviewAsync(Monitor, Q3);
        var alerts = overview.Alerts;

        Assert.Equal(overview.UnitPlans.Where(u => u.Status == UnitPlanStatus.Missing).Select(u => u.Agency.Code), alerts.WithoutUnitPlan.Select(a => a.Code));
        Assert.DoesNotContain(alerts.WithoutUnitPlan, a => a.Code is "STP" or "DAITU");

        // Silent: no activity from 21/09/2021 to 20/10/2021, computed from the seed.
        await using var db = seed.Database.CreateContext();
        var active = db.Agencies.Where(a => a.IsActive).Select(a => a.Code).ToList();
        var recent = seed.Activities.Where(a => a.Date >= MonitoringSeed.Today.AddDays(-29) && a.Date <= MonitoringSeed.Today).Select(a => a.Agency).ToHashSet();
        Assert.Equal(active.Where(a => !recent.Contains(a)).Order(), alerts.Silent.Select(s => s.Agency.Code).Order());
        Assert.Contains(alerts.Silent, s => s.Agency.Code == "SNV" && s.LastActivityOn == new DateOnly(2021, 2, 14));
        Assert.Contains(alerts.Silent, s => s.Agency.Code == "SNNPTNT" && s.LastActivityOn is null);

        Assert.Contains(alerts.FarBehind, f => f.Agency.Code == "TPTN");
        Assert.Equal(overview.Agencies.Where(a => a.Status == ProgressStatus.FarBehind).Select(a => a.Agency.Code), alerts.FarBehind.Select(f => f.Agency.Code));

        // Older than 15 days: 19 and 16 days, not 15 days, not 2 days, not an answered one.
        Assert.Equal([seed.DifficultyIdsByAgeInDays[19], seed.DifficultyIdsByAgeInDays[16]], alerts.StaleDifficulties.Select(d => d.DifficultyId));
        Assert.Equal([19, 16], alerts.StaleDifficulties.Select(d => d.DaysOpen));
        Assert.Equal(alerts.WithoutUnitPlan.Count + alerts.Silent.Count + alerts.FarBehind.Count + 2
            + alerts.ReportsNotSubmitted.Count + alerts.ReportsOverdue.Count, alerts.Count);
    }

    [Fact]
    public async Task AnOfficerSeesItsOwnAgencyInFullAndOnlyProvinceTotalsOfOthers()
    {
        // Asking for another agency changes nothing: an officer's scope is its own agency.
        var overview = await Overviews.GetOverviewAsync(Officer("STP"), Q3, MonitoringScope.ForAgency("DAITU"));
        var province = await Overviews.GetOverviewAsync(Monitor, Q3);
        var own = seed.In(Q3.From, Q3.To).Where(r => r.Agency == "STP").ToList();

        Assert.True(overview.Scope.IsOwnAgencyOnly);
        Assert.Equal("STP", overview.Scope.Agency!.Code);
        Assert.Equal(own.Count, overview.Kpis.Activities);
        Assert.Equal(own.Sum(r => r.Cost ?? 0), overview.Kpis.TotalCost);
        Assert.Equal((1, 1), (overview.Kpis.AgenciesReported, overview.Kpis.ActiveAgencies));
        Assert.Equal(province.Kpis, overview.ProvinceKpis);
        Assert.Equal(["STP"], overview.Agencies.Select(a => a.Agency.Code));
        Assert.Equal(["STP"], overview.UnitPlans.Select(a => a.Agency.Code));
        Assert.Equal(["STP"], overview.ObjectivesByAgency.Columns.Select(c => c.Code));
        Assert.Equal(own.Count, overview.ByMonth.Sum(m => m.Activities));
        Assert.Equal(own.Count(r => r.Themes.Contains("ND1")), overview.ByTheme.Single(t => t.Code == "ND1").Activities);
        var otherAgencies = new[] { overview.Alerts.WithoutUnitPlan.Select(a => a.Code), overview.Alerts.Silent.Select(s => s.Agency.Code),
            overview.Alerts.FarBehind.Select(f => f.Agency.Code), overview.Alerts.StaleDifficulties.Select(d => d.Agency.Code) }.SelectMany(x => x);
        Assert.All(otherAgencies, code => Assert.Equal("STP", code));
        Assert.Equal([seed.DifficultyIdsByAgeInDays[19]], overview.Alerts.StaleDifficulties.Select(d => d.DifficultyId));
    }

    [Fact]
    public async Task AMonitorCanNarrowTheScopeToAGroupOrAnAgency()
    {
        var districts = await Overviews.GetOverviewAsync(Monitor, Q3, MonitoringScope.ForGroup(AgencyGroup.District));
        var daitu = await Overviews.GetOverviewAsync(Monitor, Q3, MonitoringScope.ForAgency("daitu"));

        string[] districtCodes = ["TPTN", "TPSC", "TXPY", "DINHHOA", "PHULUONG", "DONGHY", "VONHAI", "DAITU", "PHUBINH"];
        var rows = seed.In(Q3.From, Q3.To).ToList();
        Assert.Equal(rows.Count(r => districtCodes.Contains(r.Agency)), districts.Kpis.Activities);
        Assert.Equal(9, districts.Kpis.ActiveAgencies);
        Assert.Equal("UBND cấp huyện", districts.Scope.Description);
        Assert.All(districts.Agencies, a => Assert.Equal(AgencyGroup.District, a.Agency.Group));
        Assert.NotNull(districts.ProvinceKpis);
        Assert.Equal(rows.Count(r => r.Agency == "DAITU"), daitu.Kpis.Activities);
        Assert.False(daitu.Scope.IsOwnAgencyOnly);
        await Assert.ThrowsAsync<NotFoundException>(() => Overviews.GetOverviewAsync(Monitor, Q3, MonitoringScope.ForAgency("NOPE")));
    }

    [Fact]
    public async Task ThePlanYearIsTheCurrentPlansYear() => Assert.Equal(2021, await new PlanService(seed.Database.Factory, seed.Time).GetPlanYearAsync());

    [Fact]
    public async Task AUserWithoutARoleThatReadsMonitoringIsRefused()
    {
        var nobody = new CurrentUser("u-x", "x", [], null);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Overviews.GetOverviewAsync(nobody, Q3));
    }

    [Fact]
    public async Task AgencyDetailMatchesTheAgencysRowOnTheOverview()
    {
        var overview = await Overviews.GetOverviewAsync(Monitor, Q3);
        var detail = await Agencies.GetAgencyDetailAsync(Monitor, "STP", Q3);

        var row = overview.Agencies.Single(a => a.Agency.Code == "STP");
        Assert.Equal(row.Channels, detail.Standing.Channels);
        Assert.Equal((row.Activities, row.Cost, row.Ratio, row.Status, row.LastActivityOn), (detail.Standing.Activities, detail.Standing.Cost, detail.Standing.Ratio, detail.Standing.Status, detail.Standing.LastActivityOn));
        Assert.Equal(row.Activities, detail.Kpis.Activities);
        Assert.Equal(["BAO", "HOINGHI", "TOROI"], detail.UnitPlan!.Targets.Select(t => t.ChannelCode));
        Assert.Equal((UnitPlanStatus.OnTime, "12/KH-STP"), (detail.UnitPlan.Compliance.Status, detail.UnitPlan.Compliance.DocumentNumber));
        Assert.Equal(["Nguyễn Văn A"], detail.Commendations.Select(c => c.Recipient));
        // Raised in the period (answered on 01/08) or still open.
        Assert.Equal(
            [seed.AnsweredOldDifficultyId, seed.DifficultyIdsByAgeInDays[19], seed.DifficultyIdsByAgeInDays[2]],
            detail.Difficulties.Select(d => d.Id));
        Assert.Equal("Đã hướng dẫn", detail.Difficulties[0].Answer);
    }

    [Fact]
    public async Task AnOfficerAskingForAnotherAgencysPageGetsNotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => Agencies.GetAgencyDetailAsync(Officer("STP"), "DAITU", Q3));
        await Assert.ThrowsAsync<NotFoundException>(() => Agencies.GetAgencyActivitiesAsync(Officer("STP"), "DAITU", Q3, 0, 10));
        await Assert.ThrowsAsync<NotFoundException>(() => Agencies.GetAgencyDetailAsync(Monitor, "NOPE", Q3));
        var own = await Agencies.GetAgencyDetailAsync(Officer("STP"), "stp", Q3);
        Assert.Equal("STP", own.Agency.Code);
    }

    [Fact]
    public async Task AgencyActivitiesComePagedMostRecentFirst()
    {
        var expected = seed.In(Q3.From, Q3.To).Where(r => r.Agency == "STP").OrderByDescending(r => r.Date).ToList();

        var first = await Agencies.GetAgencyActivitiesAsync(Monitor, "STP", Q3, 0, 5);
        var second = await Agencies.GetAgencyActivitiesAsync(Monitor, "STP", Q3, 5, 5);

        Assert.Equal(expected.Count, first.TotalCount);
        Assert.Equal(5, first.Items.Count);
        var dates = first.Items.Concat(second.Items).Select(i => i.StartDate).ToList();
        Assert.Equal(dates.OrderDescending(), dates);
        Assert.Equal(expected.Take(10).Select(e => e.Date), dates);
        Assert.Empty(first.Items.Select(i => i.Id).Intersect(second.Items.Select(i => i.Id)));
        Assert.All(first.Items, i => Assert.Equal("STP", i.AgencyCode));
    }

    [Fact]
    public async Task StreamedActivitiesAreThePeriodsRowsWithTheirCodesInCatalogueOrder()
    {
        var streamed = new List<ActivityRow>();
        await foreach (var row in Reports.StreamActivitiesAsync(Monitor, Q3)) streamed.Add(row);
        var officers = new List<ActivityRow>();
        await foreach (var row in Reports.StreamActivitiesAsync(Officer("DAITU"), Q3)) officers.Add(row);

        var rows = seed.In(Q3.From, Q3.To).ToList();
        Assert.Equal(rows.Count, streamed.Count);
        Assert.Equal(rows.Sum(r => (long)r.Quantity), streamed.Sum(r => (long)r.Quantity));
        Assert.Equal(streamed.Select(r => r.StartDate).Order(), streamed.Select(r => r.StartDate));
        var withAll = streamed.First(r => r.Objectives.Split(", ").Length == 3);
        Assert.Equal("MĐ1, MĐ2, MĐ3", withAll.Objectives);
        Assert.Equal(rows.Count(r => r.Agency == "DAITU"), officers.Count);
        Assert.All(officers, r => Assert.Equal("DAITU", r.AgencyCode));
    }

    [Fact]
    public async Task CommendationsAndDifficultiesOfThePeriodFollowTheScope()
    {
        var commendations = await CommendationsAsync(Monitor, Q3);
        var officers = await CommendationsAsync(Officer("DAITU"), Q3);
        var difficulties = await DifficultiesAsync(Monitor, Q3);

        Assert.Equal(["Nguyễn Văn A", "Bộ phận Một cửa"], commendations.Select(c => c.Recipient));
        Assert.Equal(["Bộ phận Một cửa"], officers.Select(c => c.Recipient));
        Assert.Equal("Tập thể", officers[0].KindName);
        Assert.Equal([seed.AnsweredOldDifficultyId], difficulties.Select(d => d.Id));
        Assert.Equal("Đã trả lời", difficulties[0].StatusName);
    }

    public sealed class OnSqlite(MonitoringSeed.OnSqlite seed) : MonitoringFiguresTests(seed), IClassFixture<MonitoringSeed.OnSqlite>;

    public sealed class OnPostgreSql(MonitoringSeed.OnPostgreSql seed) : MonitoringFiguresTests(seed), IClassFixture<MonitoringSeed.OnPostgreSql>, IOnPostgreSql;
}
