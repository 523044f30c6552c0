using CommsPlan.Core.Data;
using CommsPlan.Core.Data.Seeding;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.Plans;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.UnitPlans;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Core.Data;

/// <summary>One demo year seeded on a fresh database, shared by the read-only assertions below.</summary>
public abstract class SeededDemoDatabase(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : SeededDemoDatabase(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : SeededDemoDatabase(DatabaseProvider.PostgreSQL);

    public static readonly DateOnly DemoToday = new(2021, 10, 20);
    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        await DemoDataSeeder.SeedAsync(Database.Factory, new FixedClock(DemoToday), CancellationToken.None);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

public abstract class DemoDataSeederTests(SeededDemoDatabase seeded)
{
    private static readonly DateOnly DemoToday = SeededDemoDatabase.DemoToday;

    private CommsPlanDbContext Db() => seeded.Database.CreateContext();

    [Fact]
    public async Task SeedsAboutThreeThousandActivities()
    {
        await using var db = Db();
        Assert.InRange(await db.Activities.CountAsync(), 2_700, 3_300);
    }

    [Fact]
    public async Task NoActivityIsDatedAfterTheDemosToday()
    {
        await using var db = Db();
        Assert.False(await db.Activities.AnyAsync(a => a.StartDate > DemoToday || a.EndDate > DemoToday || a.StartDate < new DateOnly(2021, 1, 1)));
        Assert.False(await db.Activities.AnyAsync(a => a.EndDate < a.StartDate));
    }

    [Fact]
    public async Task EveryActiveAgencyHasActivities()
    {
        await using var db = Db();
        var idle = await db.Agencies.Where(a => a.IsActive && !db.Activities.Any(x => x.AgencyId == a.Id)).Select(a => a.Code).ToListAsync();
        Assert.Empty(idle);
    }

    [Fact]
    public async Task TheMediaPublishMostAndEachKindWorksOnItsOwnChannels()
    {
        await using var db = Db();
        var top = await db.Activities.GroupBy(a => a.Agency!.Code).Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).Take(3).Select(g => g.Key).ToListAsync();
        Assert.Equal(["BAOTN", "DAIPTTH", "TTTT"], top.Order().ToArray());

        Assert.Equal("BAO", await MainChannelAsync(db, "BAOTN"));
        Assert.Equal("PTTH", await MainChannelAsync(db, "DAIPTTH"));
        Assert.Equal("CONG", await MainChannelAsync(db, "TTTT"));
        Assert.Equal("TTCS", await MainChannelAsync(db, "DAITU"));
        Assert.Equal("WEB", await MainChannelAsync(db, "STP"));
        Assert.True(await db.Activities.AnyAsync(a => a.Agency!.Code == "VPUBND" && a.Channel!.Code == "TOROI"));
        Assert.True(await db.Activities.AnyAsync(a => a.Agency!.Kind == CommsPlan.Core.Access.AgencyKind.DistrictCommittee && a.Channel!.Code == "BANGRON"));
        Assert.True(await db.Activities.AnyAsync(a => a.Agency!.Kind == CommsPlan.Core.Access.AgencyKind.Department && a.Channel!.Code == "HOINGHI"));
    }

    [Fact]
    public async Task ActivityVolumeFollowsTheSeasons()
    {
        await using var db = Db();
        var byMonth = await db.Activities.GroupBy(a => a.StartDate.Month).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.Equal(Enumerable.Range(1, 10), byMonth.Keys.Order());
        Assert.True(byMonth[2] < byMonth[3], "Tết (February) is quieter than March.");
        Assert.True(byMonth[8] < byMonth[6], "The summer COVID-19 wave is quieter than June.");
    }

    [Fact]
    public async Task EveryActivityIsPlausible()
    {
        await using var db = Db();
        Assert.False(await db.Activities.AnyAsync(a => a.Quantity < 1 || a.Cost < 0 || a.Title == ""));
        Assert.False(await db.Activities.AnyAsync(a => a.Objectives.Count == 0 || a.Themes.Count == 0));
        Assert.False(await db.Activities.AnyAsync(a => (a.SecondMeasure != null) != (a.Channel!.SecondMeasureLabel != null)));
        Assert.False(await db.Activities.AnyAsync(a => a.EvidenceUrl != null && !a.EvidenceUrl.StartsWith("https://")));
        Assert.False(await db.Activities.AnyAsync(a => a.Title.Contains("{")));
        Assert.True(await db.Activities.AnyAsync(a => a.DistrictId != null));
        Assert.True(await db.Activities.SumAsync(a => a.Cost ?? 0) > 0);
    }

    [Fact]
    public async Task RecordsAreCreatedByTheAgencysOfficerOnTheActivityDate()
    {
        await using var db = Db();
        Assert.Equal(["tuphap"], await db.Activities.Where(a => a.Agency!.Code == "STP").Select(a => a.CreatedBy).Distinct().ToListAsync());
        Assert.Equal(["daitu"], await db.Activities.Where(a => a.Agency!.Code == "DAITU").Select(a => a.CreatedBy).Distinct().ToListAsync());
        Assert.Equal(["baotn"], await db.Activities.Where(a => a.Agency!.Code == "BAOTN").Select(a => a.CreatedBy).Distinct().ToListAsync());
        Assert.Equal(["demo"], await db.Activities.Where(a => a.Agency!.Code == "SNV").Select(a => a.CreatedBy).Distinct().ToListAsync());
        var stamps = await db.Activities.Select(a => new { a.StartDate, a.CreatedAt }).ToListAsync();
        Assert.All(stamps, s => Assert.Equal(s.StartDate, DateOnly.FromDateTime(s.CreatedAt.AddHours(7))));
    }

    [Fact]
    public async Task UnitPlansAreMostlyOnTimeWithSomeLateAndAFewMissing()
    {
        var clock = new FixedClock(DemoToday);
        var service = new UnitPlanService(seeded.Database.Factory, clock, new CapturingChangeNotifier());

        var overview = await service.GetOverviewAsync(ActingUsers.Monitor);

        var onTime = overview.Count(UnitPlanStatus.OnTime);
        var late = overview.Count(UnitPlanStatus.Late);
        var missing = overview.Count(UnitPlanStatus.Missing);
        Assert.InRange(missing, 1, 4);
        Assert.InRange(late, 2, 7);
        Assert.True(onTime > late + missing, $"{onTime} on time, {late} late, {missing} missing");
        Assert.All(overview.Agencies.Where(a => a.Status == UnitPlanStatus.Late), a => Assert.InRange(a.IssuedOn!.Value.Month, 4, 5));
        Assert.Contains(overview.Agencies, a => a.Status == UnitPlanStatus.OnTime && a.IssuedOn == overview.Deadline);
        Assert.All(overview.Agencies.Where(a => a.Status != UnitPlanStatus.Missing), a => Assert.NotEmpty(a.Targets));
    }

    [Fact]
    public async Task TargetsPutSomeAgenciesOnTrackAndSomeBehind()
    {
        await using var db = Db();
        var elapsed = (await db.Plans.SingleAsync(p => p.Year == 2021)).ElapsedShare(DemoToday);
        var targets = await db.UnitPlanTargets
            .Join(db.UnitPlans, t => t.UnitPlanId, u => u.Id, (t, u) => new { u.AgencyId, t.ChannelId, t.Quantity })
            .Select(t => new
            {
                t.AgencyId, t.Quantity,
                Done = db.Activities.Where(a => a.AgencyId == t.AgencyId && a.ChannelId == t.ChannelId).Sum(a => (int?)a.Quantity) ?? 0,
            })
            .ToListAsync();
        var onTrack = targets.GroupBy(t => t.AgencyId).Count(g => g.All(t => t.Done >= t.Quantity * elapsed));
        var behind = targets.GroupBy(t => t.AgencyId).Count(g => g.Any(t => t.Done < t.Quantity * elapsed * 0.9));
        Assert.True(onTrack >= 5, $"{onTrack} on track");
        Assert.True(behind >= 5, $"{behind} behind");
    }

    [Fact]
    public async Task CommendationsAndDifficultiesCoverOpenAnsweredAndOverdue()
    {
        await using var db = Db();
        Assert.InRange(await db.Commendations.CountAsync(), 40, 120);
        Assert.True(await db.Commendations.AnyAsync(c => c.Kind == CommendationKind.Individual));
        Assert.True(await db.Commendations.AnyAsync(c => c.Kind == CommendationKind.Collective));
        Assert.True(await db.Commendations.AnyAsync(c => c.ActivityId != null));
        Assert.False(await db.Commendations.AnyAsync(c => c.Activity != null && c.Activity.AgencyId != c.AgencyId));
        Assert.False(await db.Commendations.AnyAsync(c => c.Date > DemoToday));

        var overdue = DemoToday.AddDays(-15);
        Assert.True(await db.Difficulties.CountAsync(d => d.Status == DifficultyStatus.Open && d.RaisedOn < overdue) >= 2);
        Assert.True(await db.Difficulties.AnyAsync(d => d.Status == DifficultyStatus.Open && d.RaisedOn >= overdue));
        Assert.True(await db.Difficulties.CountAsync(d => d.Status == DifficultyStatus.Answered) >= 10);
        Assert.False(await db.Difficulties.AnyAsync(d => d.Status == DifficultyStatus.Answered
            && (d.Answer == null || d.AnsweredOn == null || d.AnsweredOn < d.RaisedOn || d.AnsweredOn > DemoToday || d.AnsweredBy != "giamsat")));
        Assert.False(await db.Difficulties.AnyAsync(d => d.Status == DifficultyStatus.Open && d.Answer != null));
    }

    [Fact]
    public async Task RunningItAgainChangesNothing()
    {
        await using var before = Db();
        var counts = (await before.Activities.CountAsync(), await before.UnitPlans.CountAsync(),
            await before.Commendations.CountAsync(), await before.Difficulties.CountAsync());

        await DemoDataSeeder.SeedAsync(seeded.Database.Factory, new FixedClock(DemoToday), CancellationToken.None);

        await using var after = Db();
        Assert.Equal(counts, (await after.Activities.CountAsync(), await after.UnitPlans.CountAsync(),
            await after.Commendations.CountAsync(), await after.Difficulties.CountAsync()));
    }

    [Fact]
    public async Task TwoFreshDatabasesGetTheSameYear()
    {
        await using var other = await TestDatabase.CreateAsync(seeded.Database.Provider);
        await DemoDataSeeder.SeedAsync(other.Factory, new FixedClock(DemoToday), CancellationToken.None);

        Assert.Equal(await FingerprintAsync(seeded.Database), await FingerprintAsync(other));
    }

    [Fact]
    public async Task AnEarlierTodayGivesAShorterYearEndingOnIt()
    {
        await using var other = await TestDatabase.CreateAsync(seeded.Database.Provider);
        var today = new DateOnly(2021, 3, 15);
        await DemoDataSeeder.SeedAsync(other.Factory, new FixedClock(today), CancellationToken.None);

        await using var db = other.CreateContext();
        Assert.InRange(await db.Activities.CountAsync(), 500, 1_100);
        Assert.False(await db.Activities.AnyAsync(a => a.StartDate > today || a.EndDate > today));
        Assert.False(await db.UnitPlans.AnyAsync(u => u.IssuedOn > today));
        Assert.False(await db.Difficulties.AnyAsync(d => d.RaisedOn > today || d.AnsweredOn > today));
    }

    private static async Task<string> MainChannelAsync(CommsPlanDbContext db, string agencyCode) =>
        await db.Activities.Where(a => a.Agency!.Code == agencyCode)
            .GroupBy(a => a.Channel!.Code).Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).Select(g => g.Key).FirstAsync();

    private static async Task<string> FingerprintAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var activities = await db.Activities.GroupBy(a => a.Agency!.Code)
            .Select(g => new { g.Key, Count = g.Count(), Quantity = g.Sum(a => a.Quantity), Cost = g.Sum(a => a.Cost ?? 0),
                Second = g.Sum(a => a.SecondMeasure ?? 0), Titles = g.Sum(a => a.Title.Length) })
            .OrderBy(g => g.Key).ToListAsync();
        var links = await db.Activities.SumAsync(a => a.Objectives.Count * 10 + a.Themes.Count);
        var plans = await db.UnitPlans.OrderBy(u => u.AgencyId)
            .Select(u => new { u.AgencyId, u.DocumentNumber, u.IssuedOn, Targets = u.Targets.Sum(t => t.Quantity) }).ToListAsync();
        var commendations = await db.Commendations.OrderBy(c => c.Id).Select(c => c.Recipient + c.Date).ToListAsync();
        var difficulties = await db.Difficulties.OrderBy(d => d.Id).Select(d => d.Title + d.RaisedOn + d.Status).ToListAsync();
        return string.Join("|", activities) + links + string.Join("|", plans) + string.Join("|", commendations) + string.Join("|", difficulties);
    }

    [Fact]
    public async Task NextYearIsADraftCopiedByTheAppWithANewChannelAndAnEarlierUnitPlanDeadline()
    {
        await using var db = Db();
        var draft = await db.Plans.AsNoTracking().Include(p => p.FormGroups).ThenInclude(g => g.Channels).Include(p => p.Assignments)
            .AsSplitQuery().SingleAsync(p => p.Year == 2022);

        Assert.False(draft.IsIssued);
        Assert.True(CommsPlan.Core.Plans.PlanCopier.IsPlaceholderNumber(draft.Number));
        var mxh = draft.FormGroups.SelectMany(g => g.Channels).Single(c => c.Code == DemoDataSeeder.SocialMediaChannelCode);
        Assert.Equal(("HT1", "Trang mạng xã hội của đơn vị", "tin, bài"), (draft.FormGroups.Single(g => g.Id == mxh.FormGroupId).Code, mxh.Name, mxh.Unit));
        Assert.Equal(15, draft.FormGroups.Sum(g => g.Channels.Count));
        Assert.Equal(new DateOnly(2022, 2, 28), draft.UnitPlanAssignment()!.Deadline);
        // 2021 keeps its own catalogue and stays the current plan: no figure of the running year moves.
        Assert.False(await db.Channels.AnyAsync(c => c.Code == DemoDataSeeder.SocialMediaChannelCode && c.FormGroup!.PlanId != draft.Id));
        Assert.Equal(2021, await new CommsPlan.Core.Plans.PlanService(seeded.Database.Factory, new FixedClock(DemoToday)).GetPlanYearAsync());
        var draftChannels = draft.FormGroups.SelectMany(g => g.Channels).Select(c => c.Id).ToList();
        Assert.False(await db.Activities.AnyAsync(a => draftChannels.Contains(a.ChannelId)));
    }

    public sealed class OnSqlite(SeededDemoDatabase.OnSqlite seeded) : DemoDataSeederTests(seeded), IClassFixture<SeededDemoDatabase.OnSqlite>;

    public sealed class OnPostgreSql(SeededDemoDatabase.OnPostgreSql seeded) : DemoDataSeederTests(seeded), IClassFixture<SeededDemoDatabase.OnPostgreSql>, IOnPostgreSql;
}

/// <summary>The demo seeded on a fresh database with its "today" a year later, shared by the read-only assertions below.</summary>
public abstract class SeededSecondDemoYear(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : SeededSecondDemoYear(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : SeededSecondDemoYear(DatabaseProvider.PostgreSQL);

    public static readonly DateOnly DemoToday = new(2022, 10, 20);
    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        await DemoDataSeeder.SeedAsync(Database.Factory, new FixedClock(DemoToday), CancellationToken.None);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

/// <summary>`Seed:DemoToday=2022-10-20`: 2021 finished and complete, 2022 issued and running with a year to date.</summary>
public abstract class DemoDataSeederSecondYearTests(SeededSecondDemoYear seeded)
{
    private static readonly DateOnly DemoToday = SeededSecondDemoYear.DemoToday;
    private static readonly DateOnly End2021 = new(2021, 12, 31);
    private static readonly DateOnly Start2022 = new(2022, 1, 1);
    private static readonly string[] OnlineChannels = ["WEB", "CONG", DemoDataSeeder.SocialMediaChannelCode];

    private CommsPlanDbContext Db() => seeded.Database.CreateContext();

    private static Task<int> PlanIdAsync(CommsPlanDbContext db, int year) => db.Plans.Where(p => p.Year == year).Select(p => p.Id).SingleAsync();

    [Fact]
    public async Task TheFirstYearIsFinishedAndCompleteThroughItsLastDay()
    {
        await using var db = Db();
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Year == 2021);
        Assert.Equal(PlanStatus.Finished, plan.StatusOn(DemoToday));
        var dates = await db.Activities.Where(a => a.Channel!.FormGroup!.PlanId == plan.Id)
            .Select(a => new { a.StartDate, a.EndDate }).ToListAsync();
        Assert.InRange(dates.Count, 3_500, 4_600);
        Assert.All(dates, d => Assert.InRange(d.StartDate, plan.PeriodStart, End2021));
        Assert.All(dates.Where(d => d.EndDate is not null), d => Assert.InRange(d.EndDate!.Value, d.StartDate, End2021));
        Assert.Equal(Enumerable.Range(1, 12), dates.Select(d => d.StartDate.Month).Distinct().Order());
        Assert.Contains(dates, d => d.StartDate >= new DateOnly(2021, 12, 20));
    }

    [Fact]
    public async Task TheSecondYearIsTheAppsCopyIssuedInJanuaryAndCurrent()
    {
        await using var db = Db();
        var plan = await db.Plans.AsNoTracking().Include(p => p.FormGroups).ThenInclude(g => g.Channels).Include(p => p.Assignments)
            .AsSplitQuery().SingleAsync(p => p.Year == 2022);

        Assert.True(plan.IsIssued);
        Assert.False(PlanCopier.IsPlaceholderNumber(plan.Number));
        Assert.Matches(@"^\d+/KH-UBND$", plan.Number);
        Assert.NotEqual(Plan2021Catalogue.PlanNumber, plan.Number);
        Assert.Equal((2022, 1), (plan.IssuedOn.Year, plan.IssuedOn.Month));
        Assert.Equal(PlanStatus.Running, plan.StatusOn(DemoToday));
        Assert.Equal(plan.Id, await db.Plans.CurrentFirst(DemoToday).Select(p => p.Id).FirstAsync());
        Assert.Equal(2022, await new PlanService(seeded.Database.Factory, new FixedClock(DemoToday)).GetPlanYearAsync());
        Assert.Contains(plan.FormGroups.SelectMany(g => g.Channels), c => c.Code == DemoDataSeeder.SocialMediaChannelCode);
        Assert.Equal(new DateOnly(2022, 2, 28), plan.UnitPlanAssignment()!.Deadline);
        // The year after the running one is only a draft: never the default, no records.
        var next = await db.Plans.AsNoTracking().SingleAsync(p => p.Year == 2023);
        Assert.False(next.IsIssued);
        Assert.False(await db.Activities.AnyAsync(a => a.Channel!.FormGroup!.PlanId == next.Id));
    }

    [Fact]
    public async Task TheSecondYearsActivitiesAreDatedInItsPeriodUpToTodayAndTaggedWithItsOwnCatalogue()
    {
        await using var db = Db();
        var planId = await PlanIdAsync(db, 2022);
        var activities = db.Activities.Where(a => a.Channel!.FormGroup!.PlanId == planId);
        var dates = await activities.Select(a => new { a.StartDate, a.EndDate }).ToListAsync();
        Assert.NotEmpty(dates);
        Assert.All(dates, d => Assert.InRange(d.StartDate, Start2022, DemoToday));
        Assert.All(dates.Where(d => d.EndDate is not null), d => Assert.InRange(d.EndDate!.Value, d.StartDate, DemoToday));
        // Every activity dated in 2022 is 2022's, and none of them carries a 2021 objective or theme.
        Assert.Equal(dates.Count, await db.Activities.CountAsync(a => a.StartDate >= Start2022));
        Assert.False(await activities.AnyAsync(a => a.Objectives.Any(o => o.PlanId != planId) || a.Themes.Any(t => t.PlanId != planId)));
        Assert.False(await activities.AnyAsync(a => a.Objectives.Count == 0 || a.Themes.Count == 0));
        Assert.False(await db.Activities.AnyAsync(a => a.Channel!.FormGroup!.PlanId != planId
            && (a.Objectives.Any(o => o.PlanId == planId) || a.Themes.Any(t => t.PlanId == planId))));
        // Its wording names its own year (a January report on December 2021 aside).
        Assert.False(await activities.AnyAsync(a => a.Title.Contains("năm 2021") || (a.FundingSource != null && a.FundingSource.Contains("2021"))));
        Assert.True(await activities.AnyAsync(a => a.FundingSource != null && a.FundingSource.Contains("năm 2022")));
    }

    [Fact]
    public async Task TheSecondYearKeepsTheVolumeOfTheFirstAndGrowsOnline()
    {
        await using var db = Db();
        var planId = await PlanIdAsync(db, 2022);
        var toDate2021 = await YearToDateAsync(db, new DateOnly(2021, 1, 1), new DateOnly(2021, 10, 20));
        var toDate2022 = await YearToDateAsync(db, Start2022, DemoToday);

        Assert.InRange(toDate2022.All, toDate2021.All * 0.75, toDate2021.All * 1.25);
        Assert.True(toDate2022.Online > toDate2021.Online, $"online: {toDate2021.Online} in 2021, {toDate2022.Online} in 2022");
        Assert.True(await db.Activities.AnyAsync(a => a.Channel!.Code == DemoDataSeeder.SocialMediaChannelCode && a.Channel.FormGroup!.PlanId == planId));
        var idle = await db.Agencies.Where(a => a.IsActive && !db.Activities.Any(x => x.AgencyId == a.Id && x.StartDate >= Start2022))
            .Select(a => a.Code).ToListAsync();
        Assert.Empty(idle);
    }

    [Fact]
    public async Task EachYearHasItsUnitPlansAgainstItsOwnUnitPlanAssignment()
    {
        await using var db = Db();
        var planId = await PlanIdAsync(db, 2022);
        var unitPlans = await db.UnitPlans.Where(u => u.PlanId == planId)
            .Select(u => new { u.AgencyId, u.IssuedOn, Channels = u.Targets.Select(t => t.Channel!.FormGroup!.PlanId).ToList() }).ToListAsync();
        Assert.NotEmpty(unitPlans);
        Assert.Equal(unitPlans.Count, unitPlans.Select(u => u.AgencyId).Distinct().Count());
        Assert.All(unitPlans, u => Assert.InRange(u.IssuedOn, Start2022, DemoToday));
        Assert.All(unitPlans, u => Assert.All(u.Channels, id => Assert.Equal(planId, id)));
        var firstPlanId = await PlanIdAsync(db, 2021);
        Assert.True(await db.UnitPlans.AnyAsync(u => u.PlanId == firstPlanId));
        Assert.False(await db.UnitPlans.GroupBy(u => new { u.PlanId, u.AgencyId }).AnyAsync(g => g.Count() > 1));

        var overview = await new UnitPlanService(seeded.Database.Factory, new FixedClock(DemoToday), new CapturingChangeNotifier())
            .GetOverviewAsync(ActingUsers.Monitor, 2022);
        Assert.Equal(new DateOnly(2022, 2, 28), overview.Deadline);
        Assert.InRange(overview.Count(UnitPlanStatus.Missing), 1, 4);
        Assert.InRange(overview.Count(UnitPlanStatus.Late), 2, 7);
        Assert.All(overview.Agencies.Where(a => a.Status == UnitPlanStatus.Late), a => Assert.InRange(a.IssuedOn!.Value.Month, 3, 4));
    }

    [Fact]
    public async Task PeriodReportsCoverEveryClosedQuarterAndTheOfficersShowEachState()
    {
        await using var db = Db();
        var keys = await db.PeriodReports.Select(r => r.PeriodKey).Distinct().OrderBy(k => k).ToListAsync();
        Assert.Equal(["2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4", "2022-Q1", "2022-Q2", "2022-Q3"], keys);

        var officers = await db.PeriodReports.Where(r => DemoDataSeeder.OfficerUserNames.Keys.Contains(r.Agency!.Code))
            .Select(r => new { r.Agency!.Code, r.PeriodKey, r.Status }).ToListAsync();
        // The finished year's cycle is closed; the running year's shows each state, as the first demo year does.
        Assert.All(officers.Where(r => r.PeriodKey.StartsWith("2021")), r => Assert.Equal(PeriodReportStatus.Accepted, r.Status));
        Assert.Equal(12, officers.Count(r => r.PeriodKey.StartsWith("2021")));
        var running = officers.Where(r => r.PeriodKey.StartsWith("2022")).ToDictionary(r => (r.Code, r.PeriodKey), r => r.Status);
        Assert.False(running.ContainsKey(("STP", "2022-Q1")));
        Assert.False(running.ContainsKey(("STP", "2022-Q3")));
        Assert.Equal(PeriodReportStatus.Accepted, running[("STP", "2022-Q2")]);
        Assert.Equal(PeriodReportStatus.Submitted, running[("DAITU", "2022-Q3")]);
        Assert.Equal(PeriodReportStatus.SentBack, running[("BAOTN", "2022-Q3")]);
        Assert.False(await db.PeriodReports.AnyAsync(r => r.SubmittedOn > DemoToday || r.ReviewedOn > DemoToday || r.ReviewedOn < r.SubmittedOn));
    }

    [Fact]
    public async Task NoActivityWasRecordedInAPeriodAfterItsReportWasSent()
    {
        await using var db = Db();
        var reports = await db.PeriodReports.Select(r => new { r.AgencyId, r.PeriodKey, r.SubmittedOn }).ToListAsync();
        var activities = await db.Activities.Select(a => new { a.AgencyId, a.StartDate, a.CreatedAt }).ToListAsync();
        var sent = reports.ToDictionary(r => (r.AgencyId, r.PeriodKey), r => r.SubmittedOn!.Value);
        var late = activities.Where(a => sent.TryGetValue((a.AgencyId, PeriodReportRules.PeriodContaining(a.StartDate).Key), out var on)
            && DateOnly.FromDateTime(a.CreatedAt.AddHours(7)) > on).ToList();
        Assert.Empty(late);
        Assert.All(reports, r => Assert.True(PeriodReportRules.Find(r.PeriodKey)!.CutOff <= r.SubmittedOn));
    }

    [Fact]
    public async Task EachYearHasItsCommendationsAndDifficultiesAndTheFinishedYearsAreAnswered()
    {
        await using var db = Db();
        Assert.InRange(await db.Commendations.CountAsync(c => c.Date >= Start2022), 40, 120);
        Assert.InRange(await db.Commendations.CountAsync(c => c.Date <= End2021), 40, 120);
        Assert.False(await db.Commendations.AnyAsync(c => c.Date > DemoToday));
        Assert.False(await db.Commendations.AnyAsync(c => c.Activity != null && (c.Activity.StartDate.Year != c.Date.Year || c.Activity.AgencyId != c.AgencyId)));
        Assert.False(await db.Commendations.AnyAsync(c => c.Date >= Start2022 && (c.Achievement.Contains("năm 2021") || c.Achievement.Contains("Quý I/2021"))));

        Assert.False(await db.Difficulties.AnyAsync(d => d.RaisedOn <= End2021 && d.Status != DifficultyStatus.Answered));
        Assert.True(await db.Difficulties.AnyAsync(d => d.RaisedOn >= Start2022 && d.Status == DifficultyStatus.Open));
        Assert.True(await db.Difficulties.CountAsync(d => d.RaisedOn >= Start2022 && d.Status == DifficultyStatus.Answered) >= 10);
        Assert.False(await db.Difficulties.AnyAsync(d => d.RaisedOn > DemoToday || d.AnsweredOn > DemoToday || d.AnsweredOn < d.RaisedOn));
    }

    private static async Task<(int All, int Online)> YearToDateAsync(CommsPlanDbContext db, DateOnly from, DateOnly to)
    {
        var range = db.Activities.Where(a => a.StartDate >= from && a.StartDate <= to);
        return (await range.CountAsync(), await range.CountAsync(a => OnlineChannels.Contains(a.Channel!.Code)));
    }

    public sealed class OnSqlite(SeededSecondDemoYear.OnSqlite seeded) : DemoDataSeederSecondYearTests(seeded), IClassFixture<SeededSecondDemoYear.OnSqlite>;

    public sealed class OnPostgreSql(SeededSecondDemoYear.OnPostgreSql seeded)
        : DemoDataSeederSecondYearTests(seeded), IClassFixture<SeededSecondDemoYear.OnPostgreSql>, IOnPostgreSql;
}
