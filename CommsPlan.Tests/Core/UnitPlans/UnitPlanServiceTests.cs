using CommsPlan.Core.Access;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.UnitPlans;
using CommsPlan.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Core.UnitPlans;

public abstract class UnitPlanServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateOnly Deadline = new(2021, 3, 31);
    private static readonly DateOnly DemoToday = new(2021, 10, 20);

    private TestDatabase _database = null!;
    private readonly CapturingChangeNotifier _notifier = new();
    private int _stp;
    private int _daitu;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _stp = await _database.AgencyIdAsync("STP");
        _daitu = await _database.AgencyIdAsync("DAITU");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private UnitPlanService Service(DateOnly? today = null)
    {
        var clock = new FixedClock(today ?? DemoToday);
        return new UnitPlanService(_database.Factory, clock, _notifier);
    }

    private CurrentUser Stp => ActingUsers.Officer(_stp, "tuphap");

    private static UnitPlanInput Input(DateOnly issuedOn, long version = 0, params (int ChannelId, int Quantity)[] targets) => new()
    {
        DocumentNumber = "15/KH-STP",
        IssuedOn = issuedOn,
        Link = "https://stp.thainguyen.gov.vn/kh-15",
        Targets = targets.Select(t => new UnitPlanTargetInput { ChannelId = t.ChannelId, Quantity = t.Quantity }).ToList(),
        Version = version,
    };

    private async Task<int> ChannelIdAsync(string code)
    {
        await using var db = _database.CreateContext();
        return await db.Channels.Where(c => c.Code == code).Select(c => c.Id).SingleAsync();
    }

    private async Task<UnitPlanStatus> StatusOfAsync(int agencyId, UnitPlanService? service = null)
    {
        var overview = await (service ?? Service()).GetOverviewAsync(ActingUsers.Monitor);
        return overview.Agencies.Single(a => a.AgencyId == agencyId).Status;
    }

    [Fact]
    public async Task AUnitPlanIssuedExactlyOnTheDeadlineIsOnTime()
    {
        await Service().SaveAsync(Stp, _stp, Input(Deadline));

        Assert.Equal(UnitPlanStatus.OnTime, await StatusOfAsync(_stp));
    }

    [Fact]
    public async Task AUnitPlanIssuedTheDayAfterTheDeadlineIsLate()
    {
        await Service().SaveAsync(Stp, _stp, Input(Deadline.AddDays(1)));

        Assert.Equal(UnitPlanStatus.Late, await StatusOfAsync(_stp));
    }

    [Fact]
    public async Task AnAgencyWithoutAUnitPlanAfterTheDeadlineIsMissing()
    {
        Assert.Equal(UnitPlanStatus.Missing, await StatusOfAsync(_stp, Service(Deadline.AddDays(1))));
    }

    [Fact]
    public async Task AnAgencyWithoutAUnitPlanOnTheDeadlineDayIsNotYetDue()
    {
        Assert.Equal(UnitPlanStatus.NotDue, await StatusOfAsync(_stp, Service(Deadline)));
    }

    [Fact]
    public async Task TheDeadlineIsReadFromTheNv1AssignmentInTheDatabase()
    {
        await Service().SaveAsync(Stp, _stp, Input(new DateOnly(2021, 4, 15)));
        Assert.Equal(UnitPlanStatus.Late, await StatusOfAsync(_stp));

        await SetNv1Async(a => a.Deadline = new DateOnly(2021, 4, 30));

        var overview = await Service().GetOverviewAsync(ActingUsers.Monitor);
        Assert.Equal(new DateOnly(2021, 4, 30), overview.Deadline);
        Assert.Equal(UnitPlanStatus.OnTime, overview.Agencies.Single(a => a.AgencyId == _stp).Status);
    }

    [Fact]
    public async Task WithoutADeadlineAnyUnitPlanIsOnTimeAndNoneIsMissing()
    {
        await Service().SaveAsync(Stp, _stp, Input(new DateOnly(2021, 9, 1)));
        await SetNv1Async(a => a.Deadline = null);

        var overview = await Service(new DateOnly(2021, 2, 1)).GetOverviewAsync(ActingUsers.Monitor);

        Assert.Equal(UnitPlanStatus.OnTime, overview.Agencies.Single(a => a.AgencyId == _stp).Status);
        Assert.Equal(UnitPlanStatus.Missing, overview.Agencies.Single(a => a.AgencyId == _daitu).Status);
    }

    [Fact]
    public async Task TheOverviewListsEveryActiveAgencyOfTheKindsNv1BindsAndNoOther()
    {
        await using (var db = _database.CreateContext())
        {
            await db.Agencies.Where(a => a.Code == "SNGV").ExecuteUpdateAsync(s => s.SetProperty(a => a.IsActive, false));
        }

        var overview = await Service().GetOverviewAsync(ActingUsers.Monitor);

        var codes = overview.Agencies.Select(a => a.AgencyCode).ToList();
        Assert.Equal(28, codes.Count); // 19 departments + the service centre + 9 districts, less the deactivated one
        Assert.Contains("STP", codes);
        Assert.Contains("DAITU", codes);
        Assert.Contains("TTPVHCC", codes);
        Assert.DoesNotContain("SNGV", codes);
        Assert.DoesNotContain("VPUBND", codes);
        Assert.DoesNotContain("BAOTN", codes);
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public async Task TheBoundKindsAreReadFromTheNv1AssignmentInTheDatabase()
    {
        await SetNv1Async(a => a.Binds = AgencyKinds.Media);

        var overview = await Service().GetOverviewAsync(ActingUsers.Monitor);

        Assert.Equal(["BAOTN", "DAIPTTH", "TTTT"], overview.Agencies.Select(a => a.AgencyCode).Order().ToArray());
    }

    [Fact]
    public async Task TheOverviewCarriesTheDocumentAndTargetsInChannelOrder()
    {
        var web = await ChannelIdAsync("WEB");
        var bao = await ChannelIdAsync("BAO");
        await Service().SaveAsync(Stp, _stp, Input(new DateOnly(2021, 3, 10), 0, (web, 40), (bao, 6)));

        var row = (await Service().GetOverviewAsync(ActingUsers.Viewer)).Agencies.Single(a => a.AgencyId == _stp);

        Assert.Equal("15/KH-STP", row.DocumentNumber);
        Assert.Equal(new DateOnly(2021, 3, 10), row.IssuedOn);
        Assert.Equal("https://stp.thainguyen.gov.vn/kh-15", row.Link);
        Assert.Equal(["BAO", "WEB"], row.Targets.Select(t => t.ChannelCode).ToArray());
        Assert.Equal([6, 40], row.Targets.Select(t => t.Quantity).ToArray());
        Assert.Equal("tin, bài", row.Targets[0].Unit);
        Assert.Empty((await Service().GetOverviewAsync(ActingUsers.Viewer)).Agencies.Single(a => a.AgencyId == _daitu).Targets);
    }

    [Fact]
    public async Task CountsByStatusAreComputedWithTheSameRule()
    {
        await Service().SaveAsync(Stp, _stp, Input(Deadline));
        await Service().SaveAsync(ActingUsers.Officer(_daitu), _daitu, Input(Deadline.AddDays(1)));

        var counts = (await Service().CountByStatusAsync(ActingUsers.Monitor)).ToDictionary(c => c.Status, c => c.Count);
        var overview = await Service().GetOverviewAsync(ActingUsers.Monitor);

        Assert.Equal(1, counts[UnitPlanStatus.OnTime]);
        Assert.Equal(1, counts[UnitPlanStatus.Late]);
        Assert.Equal(overview.Agencies.Count - 2, counts[UnitPlanStatus.Missing]);
        Assert.Equal(0, counts[UnitPlanStatus.NotDue]);
        foreach (var status in Enum.GetValues<UnitPlanStatus>()) Assert.Equal(overview.Count(status), counts[status]);
    }

    [Fact]
    public async Task AnOfficerSeesOnlyItsOwnAgencyInTheOverviewAndCounts()
    {
        var overview = await Service().GetOverviewAsync(Stp);
        var counts = await Service().CountByStatusAsync(Stp);

        Assert.Equal("STP", Assert.Single(overview.Agencies).AgencyCode);
        Assert.Equal(1, counts.Sum(c => c.Count));
    }

    [Fact]
    public async Task AnOfficerCannotReadAnotherAgencysUnitPlanById()
    {
        var saved = await Service().SaveAsync(ActingUsers.Officer(_daitu, "daitu"), _daitu, Input(Deadline));

        await Assert.ThrowsAsync<NotFoundException>(() => Service().GetAsync(Stp, saved.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Service().FindForAgencyAsync(Stp, _daitu));
        Assert.Equal(saved.Id, (await Service().GetAsync(ActingUsers.Monitor, saved.Id)).Id);
        Assert.Equal(saved.Id, (await Service().GetAsync(ActingUsers.Officer(_daitu), saved.Id)).Id);
    }

    [Fact]
    public async Task AMissingIdIsNotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => Service().GetAsync(ActingUsers.Admin, 99_999));
    }

    [Fact]
    public async Task AnOfficerCannotSaveAnotherAgencysUnitPlan()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => Service().SaveAsync(Stp, _daitu, Input(Deadline)));

        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.UnitPlans.CountAsync());
    }

    [Fact]
    public async Task ViewersAndAdministratorsCannotSaveAUnitPlan()
    {
        foreach (var user in new[] { ActingUsers.Viewer, ActingUsers.Admin })
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service().SaveAsync(user, _stp, Input(Deadline)));
    }

    [Fact]
    public async Task AMonitorCannotChangeAUnitPlanTheAgencyEntered()
    {
        var own = await Service().SaveAsync(Stp, _stp, Input(Deadline));

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service().SaveAsync(ActingUsers.Monitor, _stp, Input(Deadline, own.Version)));
        Assert.Equal(own.Version, (await Service().GetAsync(Stp, own.Id)).Version);
    }

    [Fact]
    public async Task AnInvalidInputIsRefusedWithVietnameseReasons()
    {
        var input = Input(Deadline);
        input.DocumentNumber = " ";

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Service().SaveAsync(Stp, _stp, input));

        Assert.Contains(ex.Errors, e => e.ErrorMessage == "Số văn bản là bắt buộc.");
    }

    [Fact]
    public async Task SavingReplacesTheTargetsAndAZeroQuantityRemovesOne()
    {
        var web = await ChannelIdAsync("WEB");
        var bao = await ChannelIdAsync("BAO");
        var hoinghi = await ChannelIdAsync("HOINGHI");
        var first = await Service().SaveAsync(Stp, _stp, Input(Deadline, 0, (web, 40), (bao, 6)));

        var input = first.ToInput();
        input.Targets = [new() { ChannelId = web, Quantity = 48 }, new() { ChannelId = bao, Quantity = 0 }, new() { ChannelId = hoinghi, Quantity = 4 }];
        var second = await Service().SaveAsync(Stp, _stp, input);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.Version + 1, second.Version);
        Assert.Equal([("WEB", 48), ("HOINGHI", 4)], second.Targets.Select(t => (t.ChannelCode, t.Quantity)).ToArray());
        Assert.Equal("tuphap", second.UpdatedBy);
        await using var db = _database.CreateContext();
        Assert.Equal(2, await db.UnitPlanTargets.CountAsync());
    }

    [Fact]
    public async Task ASaveIsAnnouncedForTheAgency()
    {
        await Service().SaveAsync(Stp, _stp, Input(Deadline));

        Assert.Contains(new DataChange(UnitPlanService.ChangeKind, _stp), _notifier.Changes);
        Assert.Equal("UnitPlan", UnitPlanService.ChangeKind);
    }

    [Fact]
    public async Task TheSecondOfTwoEditsFromTheSameVersionGetsAConflictNamingWhoSavedFirst()
    {
        var created = await Service().SaveAsync(Stp, _stp, Input(Deadline));
        var mine = created.ToInput();
        var theirs = created.ToInput();
        theirs.DocumentNumber = "16/KH-STP";
        await Service().SaveAsync(ActingUsers.Officer(_stp, "tuphap2"), _stp, theirs);

        mine.DocumentNumber = "17/KH-STP";
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service().SaveAsync(Stp, _stp, mine));

        Assert.Equal("tuphap2", ex.ChangedBy);
        Assert.Equal("16/KH-STP", (await Service().GetAsync(Stp, created.Id)).DocumentNumber);
    }

    [Fact]
    public async Task AChangeToTargetsAloneStillMakesAnOlderEditConflict()
    {
        var web = await ChannelIdAsync("WEB");
        var created = await Service().SaveAsync(Stp, _stp, Input(Deadline));
        var stale = created.ToInput();
        var targetsOnly = created.ToInput();
        targetsOnly.Targets = [new() { ChannelId = web, Quantity = 12 }];

        var saved = await Service().SaveAsync(Stp, _stp, targetsOnly);

        Assert.Equal(created.Version + 1, saved.Version);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service().SaveAsync(Stp, _stp, stale));
    }

    [Fact]
    public async Task CreatingWhenSomeoneElseAlreadyCreatedItIsAConflict()
    {
        await Service().SaveAsync(ActingUsers.Officer(_stp, "tuphap2"), _stp, Input(Deadline));

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service().SaveAsync(Stp, _stp, Input(Deadline)));

        Assert.Equal("tuphap2", ex.ChangedBy);
    }

    [Fact]
    public async Task FindForAgencyIsNullBeforeTheFirstSaveAndTheSavedPlanAfter()
    {
        Assert.Null(await Service().FindForAgencyAsync(Stp, _stp));

        var saved = await Service().SaveAsync(Stp, _stp, Input(Deadline));

        var found = await Service().FindForAgencyAsync(Stp, _stp);
        Assert.NotNull(found);
        Assert.Equal(saved.Id, found.Id);
        Assert.Equal(UnitPlanStatus.OnTime, found.Status);
        Assert.Equal("Sở Tư pháp", found.AgencyName);
    }

    [Fact]
    public async Task AnInactiveAgencyCannotSaveItsUnitPlan()
    {
        await using (var db = _database.CreateContext())
        {
            await db.Agencies.Where(a => a.Id == _stp).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsActive, false));
        }

        await Assert.ThrowsAsync<BusinessRuleException>(() => Service().SaveAsync(Stp, _stp, Input(Deadline)));
    }

    [Theory]
    [InlineData(UnitPlanStatus.OnTime, "Đúng hạn")]
    [InlineData(UnitPlanStatus.Late, "Trễ hạn")]
    [InlineData(UnitPlanStatus.Missing, "Chưa ban hành")]
    [InlineData(UnitPlanStatus.NotDue, "Chưa đến hạn")]
    public void StatusesHaveVietnameseNames(UnitPlanStatus status, string name) => Assert.Equal(name, status.DisplayName());

    private async Task SetNv1Async(Action<CommsPlan.Core.Plans.Assignment> change)
    {
        await using var db = _database.CreateContext();
        var nv1 = await db.Assignments.SingleAsync(a => a.Code == "NV1");
        change(nv1);
        await db.SaveChangesAsync();
    }

    public sealed class OnSqlite() : UnitPlanServiceTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : UnitPlanServiceTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
