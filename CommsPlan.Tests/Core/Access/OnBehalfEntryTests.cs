using System.Text.Json.Nodes;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.UnitPlans;
using CommsPlan.Tests.Core.ReportingCycle;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Core.Access;

/// <summary>
/// The Office (a monitor) enters an agency's activities, unit plan and difficulties on its behalf: the record says so and
/// who did it, the Office changes only what it entered, the agency's locked quarter stays locked, others stay read-only.
/// </summary>
public abstract class OnBehalfEntryTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string MonitorFullName = "Nguyễn Thị Giám Sát";
    private static readonly DateOnly InQ3 = new(2021, 8, 12);

    private PeriodReportKit _kit = null!;
    private CurrentUser Monitor => PeriodReportKit.Monitor;

    public async Task InitializeAsync()
    {
        _kit = await PeriodReportKit.CreateAsync(provider);
        await using var db = _kit.Database.CreateContext();
        db.Users.Add(new AppUser { UserName = Monitor.UserName, FullName = MonitorFullName });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    private ActivityInput ActivityFor(string code, DateOnly? date = null)
    {
        var input = _kit.Activities.Input(code, $"Hội nghị tuyên truyền cải cách hành chính {Guid.NewGuid():N}");
        input.StartDate = date ?? InQ3;
        return input;
    }

    [Fact]
    public async Task AMonitorRecordsAnActivityForAnotherAgencyMarkedAsEnteredOnItsBehalfWithTheMonitorsFullName()
    {
        var saved = await _kit.ActivityService().CreateAsync(Monitor, ActivityFor("VONHAI"));

        Assert.Equal(_kit.Agency("VONHAI"), saved.AgencyId);
        Assert.Equal("giamsat", saved.EnteredOnBehalfBy);
        Assert.Equal($"Văn phòng nhập thay · {MonitorFullName}", saved.OnBehalfNote);
        Assert.True(saved.CanEdit);
        // The agency's officer sees it as the Office's entry and may correct it; the agency's own records carry no mark.
        var asOfficer = await _kit.ActivityService().GetAsync(_kit.Officer("VONHAI"), saved.Id);
        Assert.Equal(saved.OnBehalfNote, asOfficer.OnBehalfNote);
        Assert.True(asOfficer.CanEdit);
        var own = await _kit.AddActivityAsync("VONHAI", InQ3);
        Assert.Null(own.EnteredOnBehalfBy);
    }

    [Fact]
    public async Task TheAuditOfAnActivityEnteredOnBehalfSaysSo()
    {
        var saved = await _kit.ActivityService().CreateAsync(Monitor, ActivityFor("VONHAI"));

        await using var db = _kit.Database.CreateContext();
        var entry = await db.AuditEntries.SingleAsync(e => e.EntityType == "Activity" && e.EntityId == saved.Id.ToString());
        Assert.Equal(AuditAction.Created, entry.Action);
        Assert.Equal("giamsat", entry.UserName);
        var change = JsonNode.Parse(entry.Changes)![nameof(Activity.EnteredOnBehalfBy)]!;
        Assert.Equal("giamsat", change["after"]!.GetValue<string>());
        Assert.Equal("Văn phòng nhập thay", AuditLabels.Property(nameof(Activity.EnteredOnBehalfBy)));
    }

    [Fact]
    public async Task AMonitorEditsAndDeletesWhatItEnteredButNotWhatTheAgencyEntered()
    {
        var service = _kit.ActivityService();
        var onBehalf = await service.CreateAsync(Monitor, ActivityFor("VONHAI"));
        var agencys = await _kit.AddActivityAsync("VONHAI", InQ3);

        var read = await service.GetAsync(Monitor, agencys.Id);
        Assert.False(read.CanEdit);
        var edit = read.ToInput();
        edit.Quantity = 9;
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => service.UpdateAsync(Monitor, agencys.Id, edit));
        Assert.Contains("do đơn vị tự nhập", refused.Message);
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.DeleteAsync(Monitor, agencys.Id, agencys.Version));
        Assert.Equal(agencys.Version, (await service.GetAsync(Monitor, agencys.Id)).Version);

        var correction = onBehalf.ToInput();
        correction.Quantity = 7;
        var corrected = await service.UpdateAsync(Monitor, onBehalf.Id, correction);
        Assert.Equal(7, corrected.Quantity);
        Assert.Equal("giamsat", corrected.EnteredOnBehalfBy);
        await service.DeleteAsync(Monitor, onBehalf.Id, corrected.Version);
        await Assert.ThrowsAsync<NotFoundException>(() => service.GetAsync(Monitor, onBehalf.Id));
    }

    [Fact]
    public async Task AnAgencysSubmittedQuarterStaysLockedForTheOffice()
    {
        var onBehalf = await _kit.ActivityService().CreateAsync(Monitor, ActivityFor("VONHAI", new DateOnly(2021, 2, 10)));
        await _kit.Reports().SubmitAsync(_kit.Officer("VONHAI"), _kit.Agency("VONHAI"), "2021-Q1", null, 0);
        var service = _kit.ActivityService();

        await Assert.ThrowsAsync<BusinessRuleException>(() => service.CreateAsync(Monitor, ActivityFor("VONHAI", new DateOnly(2021, 3, 1))));
        var edit = onBehalf.ToInput();
        edit.Quantity = 3;
        await Assert.ThrowsAsync<BusinessRuleException>(() => service.UpdateAsync(Monitor, onBehalf.Id, edit));
        await Assert.ThrowsAsync<BusinessRuleException>(() => service.DeleteAsync(Monitor, onBehalf.Id, onBehalf.Version));
        // Nor can the Office move it to an agency whose quarter is still open.
        var moved = onBehalf.ToInput();
        moved.AgencyId = _kit.Agency("DAITU");
        await Assert.ThrowsAsync<BusinessRuleException>(() => service.UpdateAsync(Monitor, onBehalf.Id, moved));
        Assert.False((await service.GetAsync(Monitor, onBehalf.Id)).CanEdit);
        // Another agency's same quarter is open to the Office.
        await service.CreateAsync(Monitor, ActivityFor("DAITU", new DateOnly(2021, 3, 1)));
    }

    [Fact]
    public async Task AMonitorMustChooseTheAgency()
    {
        var input = ActivityFor("VONHAI");
        input.AgencyId = null;

        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => _kit.ActivityService().CreateAsync(Monitor, input));

        Assert.Contains(refused.Errors, e => e.ErrorMessage == "Chưa chọn Đơn vị.");
        Assert.Equal(0, await _kit.Activities.CountActivitiesAsync());
    }

    public static TheoryData<string> ReadOnlyRoles => [Roles.Admin, Roles.Viewer];

    private static CurrentUser ReadOnly(string role) => role == Roles.Admin ? PeriodReportKit.Admin : PeriodReportKit.Viewer;

    [Theory]
    [MemberData(nameof(ReadOnlyRoles))]
    public async Task AdministratorsAndLeadershipEnterNothingAndChangeNothingEvenWhatTheOfficeEntered(string role)
    {
        var user = ReadOnly(role);
        var onBehalf = await _kit.ActivityService().CreateAsync(Monitor, ActivityFor("VONHAI"));

        await Assert.ThrowsAsync<AccessDeniedException>(() => _kit.ActivityService().CreateAsync(user, ActivityFor("VONHAI")));
        Assert.False((await _kit.ActivityService().GetAsync(user, onBehalf.Id)).CanEdit);
        await Assert.ThrowsAsync<AccessDeniedException>(() => _kit.ActivityService().UpdateAsync(user, onBehalf.Id, onBehalf.ToInput()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _kit.ActivityService().DeleteAsync(user, onBehalf.Id, onBehalf.Version));
        await Assert.ThrowsAsync<AccessDeniedException>(() => UnitPlans().SaveAsync(user, _kit.Agency("VONHAI"), PlanInput()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Difficulties().RaiseAsync(user, DifficultyFor("VONHAI")));
        Assert.Equal(1, await _kit.Activities.CountActivitiesAsync());
    }

    private UnitPlanService UnitPlans() => new(_kit.Database.Factory, _kit.Time, _kit.Notifier);

    private static UnitPlanInput PlanInput(long version = 0) => new()
    {
        DocumentNumber = "12/KH-UBND",
        IssuedOn = new DateOnly(2021, 3, 15),
        Version = version,
    };

    [Fact]
    public async Task AMonitorEntersAnAgencysUnitPlanAndCorrectsItButNotOneTheAgencyEntered()
    {
        var vonhai = _kit.Agency("VONHAI");
        var saved = await UnitPlans().SaveAsync(Monitor, vonhai, PlanInput());
        Assert.Equal($"Văn phòng nhập thay · {MonitorFullName}", saved.OnBehalfNote);
        Assert.True(UnitPlanService.CanSave(Monitor, vonhai, saved));
        var corrected = PlanInput(saved.Version);
        corrected.DocumentNumber = "12a/KH-UBND";
        Assert.Equal("12a/KH-UBND", (await UnitPlans().SaveAsync(Monitor, vonhai, corrected)).DocumentNumber);

        var daitu = _kit.Agency("DAITU");
        var own = await UnitPlans().SaveAsync(_kit.Officer("DAITU"), daitu, PlanInput());
        Assert.Null(own.OnBehalfNote);
        Assert.False(UnitPlanService.CanSave(Monitor, daitu, own));
        await Assert.ThrowsAsync<AccessDeniedException>(() => UnitPlans().SaveAsync(Monitor, daitu, PlanInput(own.Version)));
    }

    private DifficultyService Difficulties() => new(_kit.Database.Factory, _kit.Time, new DifficultyInputValidator(),
        new DifficultyAnswerInputValidator(), _kit.Notifier);

    private DifficultyInput DifficultyFor(string code) => new()
    {
        AgencyId = _kit.Agency(code), Title = "Thiếu kinh phí in tờ gấp", Content = "Đơn vị gửi bằng văn bản số 45/UBND.",
    };

    [Fact]
    public async Task AMonitorRaisesADifficultyOnAnAgencysBehalfAndTheListSaysSo()
    {
        var raised = await Difficulties().RaiseAsync(Monitor, DifficultyFor("VONHAI"));

        Assert.Equal(_kit.Agency("VONHAI"), raised.AgencyId);
        Assert.Equal($"Văn phòng nhập thay · {MonitorFullName}", raised.OnBehalfNote);
        var listed = await Difficulties().ListAsync(_kit.Officer("VONHAI"), new DifficultyFilter());
        Assert.Equal(raised.OnBehalfNote, Assert.Single(listed.Items).OnBehalfNote);
    }

    public sealed class OnSqlite() : OnBehalfEntryTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : OnBehalfEntryTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
