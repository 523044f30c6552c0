using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Plans;
using CommsPlan.Core.PlanAuthoring;
using CommsPlan.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Core.Plans;

/// <summary>Editing a plan: drafts freely, issued plans without losing what records use; every change audited.</summary>
public abstract class PlanEditingServiceTests(DatabaseProvider provider)
{
    private static readonly DateOnly Today = new(2021, 10, 20);

    private static PlanEditingService Service(TestDatabase database) =>
        new(database.Factory, new PlanHeaderInputValidator(), new PlanItemInputValidator(), new ChannelInputValidator(), new FixedClock(Today));

    /// <summary>One activity of STP on BAO tagged MD1 and ND2 in the 2021 plan.</summary>
    private static async Task LogActivityAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var plan = await db.Plans.SingleAsync(p => p.Year == 2021);
        db.Activities.Add(new Activity
        {
            Title = "Tin bài về dịch vụ công trực tuyến",
            AgencyId = await db.Agencies.Where(a => a.Code == "STP").Select(a => a.Id).SingleAsync(),
            ChannelId = await db.Channels.Where(c => c.Code == "BAO" && c.FormGroup!.PlanId == plan.Id).Select(c => c.Id).SingleAsync(),
            StartDate = new DateOnly(2021, 5, 10),
            Quantity = 2,
            Objectives = [await db.Objectives.SingleAsync(o => o.PlanId == plan.Id && o.Code == "MD1")],
            Themes = [await db.Themes.SingleAsync(t => t.PlanId == plan.Id && t.Code == "ND2")],
        });
        await db.SaveChangesAsync();
    }

    private static async Task<PlanEditorData> GetAsync(TestDatabase database, int year) => await Service(database).GetAsync(ActingUsers.Monitor, year);

    [Fact]
    public async Task RemovingAnObjectiveActivitiesUseIsRefusedWithTheReason()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await LogActivityAsync(database);
        var data = await GetAsync(database, 2021);
        var md1 = data.Plan.Objectives.Single(o => o.Code == "MD1");
        Assert.True(data.IsInUse(PlanItemKind.Objective, md1.Id));

        var refused = await Assert.ThrowsAsync<BusinessRuleException>(() =>
            Service(database).RemoveItemAsync(ActingUsers.Monitor, data.Plan.Id, PlanItemKind.Objective, md1.Id));

        Assert.Equal("Không thể xóa MĐ1: mã này đã được dùng bởi 1 hoạt động. Có thể sửa tên và nội dung thay vì xóa.", refused.Message);
        await using var db = database.CreateContext();
        Assert.True(await db.Objectives.AnyAsync(o => o.Id == md1.Id));
    }

    [Fact]
    public async Task RenamingAnEntryInUseIsAllowedAndAuditedButItsCodeStays()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await LogActivityAsync(database);
        var data = await GetAsync(database, 2021);
        var nd2 = data.Plan.Themes.Single(t => t.Code == "ND2");
        var input = PlanItemInput.From(PlanItemKind.Theme, nd2);
        input.ShortName = "Dịch vụ công trực tuyến toàn trình";

        await Service(database).SaveItemAsync(ActingUsers.Monitor, data.Plan.Id, nd2.Id, input);

        await using (var db = database.CreateContext())
        {
            Assert.Equal("Dịch vụ công trực tuyến toàn trình", await db.Themes.Where(t => t.Id == nd2.Id).Select(t => t.ShortName).SingleAsync());
            var entry = await db.AuditEntries.SingleAsync(a => a.EntityType == "ContentTheme" && a.EntityId == nd2.Id.ToString() && a.Action == AuditAction.Updated);
            Assert.Equal("giamsat", entry.UserName);
            Assert.Contains("Dịch vụ công trực tuyến toàn trình", entry.Changes);
            Assert.Equal("Nội dung tuyên truyền", AuditLabels.EntityType(entry.EntityType));
            Assert.Equal("Tên ngắn", AuditLabels.Property("ShortName"));
        }

        input.Code = "ND9";
        var refused = await Assert.ThrowsAsync<ValidationException>(() => Service(database).SaveItemAsync(ActingUsers.Monitor, data.Plan.Id, nd2.Id, input));
        Assert.Contains("đã được dùng bởi 1 hoạt động nên không đổi được", refused.Errors.Single().ErrorMessage);
    }

    [Fact]
    public async Task AChannelInUseCannotBeRemovedButCanBeDeactivatedAndReactivated()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await LogActivityAsync(database);
        var data = await GetAsync(database, 2021);
        var bao = data.Plan.FormGroups.SelectMany(g => g.Channels).Single(c => c.Code == "BAO");
        Assert.True(data.IsChannelInUse(bao.Id));

        var refused = await Assert.ThrowsAsync<BusinessRuleException>(() => Service(database).RemoveChannelAsync(ActingUsers.Admin, bao.Id));
        Assert.Equal("Không thể xóa kênh BAO: kênh này đã được dùng bởi 1 hoạt động. Có thể ngừng dùng kênh thay vì xóa.", refused.Message);

        await Service(database).SetChannelActiveAsync(ActingUsers.Admin, bao.Id, false);
        await using (var db = database.CreateContext()) Assert.False(await db.Channels.Where(c => c.Id == bao.Id).Select(c => c.IsActive).SingleAsync());
        await Service(database).SetChannelActiveAsync(ActingUsers.Admin, bao.Id, true);
        await using (var db = database.CreateContext())
        {
            Assert.True(await db.Channels.Where(c => c.Id == bao.Id).Select(c => c.IsActive).SingleAsync());
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityType == "Channel" && a.EntityId == bao.Id.ToString() && a.Action == AuditAction.Updated));
        }
    }

    [Fact]
    public async Task ADraftGetsANewChannelWithACodeUniqueInThePlanAndUnusedEntriesCanBeRemoved()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await Service(database).CreateAsync(ActingUsers.Monitor, 2022);
        var data = await GetAsync(database, 2022);
        var ht1 = data.Plan.FormGroups.Single(g => g.Code == "HT1");
        var ht3 = data.Plan.FormGroups.Single(g => g.Code == "HT3");

        var duplicate = await Assert.ThrowsAsync<ValidationException>(() => Service(database).SaveChannelAsync(ActingUsers.Monitor, ht3.Id, null,
            new ChannelInput { Code = "bao", Name = "Báo in", Unit = "tin, bài" }));
        Assert.Equal("Mã kênh BAO đã có trong kế hoạch này.", duplicate.Errors.Single().ErrorMessage);

        var id = await Service(database).SaveChannelAsync(ActingUsers.Monitor, ht1.Id, null,
            new ChannelInput { Code = " mxh ", Name = "Trang mạng xã hội của đơn vị", Unit = "tin, bài" });

        await using (var db = database.CreateContext())
        {
            var channel = await db.Channels.SingleAsync(c => c.Id == id);
            Assert.Equal(("MXH", ht1.Id, true, (string?)null), (channel.Code, channel.FormGroupId, channel.IsActive, channel.SecondMeasureLabel));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "Channel" && a.EntityId == id.ToString() && a.Action == AuditAction.Created));
            // 2021's BAO is untouched by 2022's catalogue.
            Assert.Equal(2, await db.Channels.CountAsync(c => c.Code == "BAO"));
        }

        var yc2 = data.Plan.Requirements.Single(r => r.Code == "YC2");
        await Service(database).RemoveItemAsync(ActingUsers.Monitor, data.Plan.Id, PlanItemKind.Requirement, yc2.Id);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(["YC1"], await db.Requirements.Where(r => r.PlanId == data.Plan.Id).Select(r => r.Code).ToListAsync());
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "Requirement" && a.EntityId == yc2.Id.ToString() && a.Action == AuditAction.Deleted));
        }
    }

    [Fact]
    public async Task EntriesAreAddedAtTheEndAndMovedUpAndDown()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await Service(database).CreateAsync(ActingUsers.Monitor, 2022);
        var planId = (await GetAsync(database, 2022)).Plan.Id;

        var id = await Service(database).SaveItemAsync(ActingUsers.Monitor, planId, null, new PlanItemInput
        {
            Kind = PlanItemKind.Objective, Code = "mđ5", ShortName = "Chuyển đổi số", Text = "Đẩy mạnh chuyển đổi số trong giải quyết TTHC.",
        });
        await Service(database).MoveItemAsync(ActingUsers.Monitor, planId, PlanItemKind.Objective, id, -1);

        var objectives = (await GetAsync(database, 2022)).Plan.Objectives;
        Assert.Equal(["MD1", "MD2", "MD3", "MD5", "MD4"], objectives.Select(o => o.Code));
        Assert.Equal("MĐ5", objectives.Single(o => o.Id == id).DisplayCode);

        var duplicate = await Assert.ThrowsAsync<ValidationException>(() => Service(database).SaveItemAsync(ActingUsers.Monitor, planId, null,
            new PlanItemInput { Kind = PlanItemKind.Objective, Code = "MD5", ShortName = "x", Text = "y" }));
        Assert.Equal("Mã MD5 đã có trong mục đích của kế hoạch này.", duplicate.Errors.Single().ErrorMessage);
    }

    [Fact]
    public async Task APeriodOverlappingAnotherPlanIsRefused()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await Service(database).CreateAsync(ActingUsers.Monitor, 2022);
        var plan = (await GetAsync(database, 2022)).Plan;
        var header = PlanHeaderInput.From(plan);
        header.PeriodStart = new DateOnly(2021, 12, 15);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => Service(database).UpdateHeaderAsync(ActingUsers.Monitor, plan.Id, header));

        Assert.Equal("Thời gian thực hiện trùng với Kế hoạch số 20/KH-UBND (01/01/2021 – 31/12/2021).", refused.Errors.Single().ErrorMessage);
        await using var db = database.CreateContext();
        Assert.Equal(new DateOnly(2022, 1, 1), await db.Plans.Where(p => p.Id == plan.Id).Select(p => p.PeriodStart).SingleAsync());
    }

    [Fact]
    public async Task ADraftIsIssuedOnlyWithItsOwnNumberAndThenIsAuditedAsIssued()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await Service(database).CreateAsync(ActingUsers.Monitor, 2022);
        var plan = (await GetAsync(database, 2022)).Plan;

        var refused = await Assert.ThrowsAsync<BusinessRuleException>(() => Service(database).IssueAsync(ActingUsers.Monitor, plan.Id, plan.Version));
        Assert.Equal("Vui lòng nhập số, ký hiệu của kế hoạch trước khi ban hành.", refused.Message);

        var header = PlanHeaderInput.From(plan);
        header.Number = "15/KH-UBND";
        header.IssuedOn = new DateOnly(2022, 1, 20);
        await Service(database).UpdateHeaderAsync(ActingUsers.Monitor, plan.Id, header);
        // The version the editor loaded is stale after the save: a second editor's issue is refused, nothing lost.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service(database).IssueAsync(ActingUsers.Admin, plan.Id, plan.Version));

        var reloaded = await GetAsync(database, 2022);
        await Service(database).IssueAsync(ActingUsers.Admin, plan.Id, reloaded.Plan.Version);

        var issued = await GetAsync(database, 2022);
        Assert.Equal(PlanStatus.Upcoming, issued.Status);
        await using var db = database.CreateContext();
        var entry = await db.AuditEntries.OrderBy(a => a.Id).LastAsync(a => a.EntityType == "Plan" && a.EntityId == plan.Id.ToString());
        Assert.Equal("admin", entry.UserName);
        Assert.Contains("\"IsIssued\"", entry.Changes);
        // Still 2021 today: an issued plan of next year is not the current plan before its period starts.
        Assert.Equal(2021, await new PlanService(database.Factory, new FixedClock(Today)).GetPlanYearAsync());
    }

    [Fact]
    public async Task TheStartupSeedingKeepsThePlanAsTheOfficeEditedIt()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var plan = (await GetAsync(database, 2021)).Plan;
        await Service(database).RemoveItemAsync(ActingUsers.Admin, plan.Id, PlanItemKind.Requirement, plan.Requirements.Single(r => r.Code == "YC2").Id);
        var header = PlanHeaderInput.From(plan);
        header.Number = "20/KH-UBND.";
        await Service(database).UpdateHeaderAsync(ActingUsers.Admin, plan.Id, header);

        await using (var db = database.CreateContext()) await CommsPlan.Core.Data.Seeding.CatalogueSeeder.SeedAsync(db);

        await using var check = database.CreateContext();
        Assert.Equal("20/KH-UBND.", await check.Plans.Select(p => p.Number).SingleAsync());
        Assert.Equal(["YC1"], await check.Requirements.Select(r => r.Code).ToListAsync());
    }

    [Fact]
    public async Task MarkingAnotherAssignmentMovesTheUnitPlanAssignmentThereAndAuditsBothChanges()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await Service(database).CreateAsync(ActingUsers.Monitor, 2022);
        var plan = (await GetAsync(database, 2022)).Plan;
        var nv1 = plan.Assignments.Single(a => a.Code == "NV1");
        var nv3 = plan.Assignments.Single(a => a.Code == "NV3");
        var input = PlanItemInput.From(PlanItemKind.Assignment, nv3);
        input.IsUnitPlanAssignment = true;
        input.Deadline = null;

        // Unit plans are judged against its deadline: marked without one, it is refused and nothing moves.
        var refused = await Assert.ThrowsAsync<ValidationException>(() => Service(database).SaveItemAsync(ActingUsers.Admin, plan.Id, nv3.Id, input));
        Assert.Equal(PlanItemInputValidator.UnitPlanDeadlineMessage, refused.Errors.Single().ErrorMessage);
        Assert.Equal("NV1", (await GetAsync(database, 2022)).Plan.UnitPlanAssignment()!.Code);

        input.Deadline = new DateOnly(2022, 4, 15);
        await Service(database).SaveItemAsync(ActingUsers.Admin, plan.Id, nv3.Id, input);

        await using var db = database.CreateContext();
        Assert.Equal(["NV3"], await db.Assignments.Where(a => a.PlanId == plan.Id && a.IsUnitPlanAssignment).Select(a => a.Code).ToListAsync());
        // Every reader follows the flag: monitoring now judges unit plans against NV3's deadline and agencies.
        var catalogue = await CommsPlan.Core.Monitoring.MonitoringCatalogue.LoadByIdAsync(db, plan.Id, CancellationToken.None);
        Assert.Equal((new DateOnly(2022, 4, 15), nv3.Binds), (catalogue.UnitPlanDeadline!.Value, catalogue.UnitPlanBinds));
        foreach (var id in new[] { nv1.Id, nv3.Id })
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.EntityType == "Assignment" && a.EntityId == id.ToString() && a.Action == AuditAction.Updated);
            Assert.Equal("admin", entry.UserName);
            Assert.Contains("\"IsUnitPlanAssignment\"", entry.Changes);
        }
        Assert.Equal("Là nhiệm vụ xây dựng kế hoạch của đơn vị", AuditLabels.Property("IsUnitPlanAssignment"));
    }

    [Fact]
    public async Task TheUnitPlanAssignmentCannotBeUnmarkedOnceUnitPlansAreRecordedUnderThePlan()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var plan = (await GetAsync(database, 2021)).Plan;
        var nv1 = plan.UnitPlanAssignment()!;
        await using (var db = database.CreateContext())
        {
            db.UnitPlans.Add(new CommsPlan.Core.UnitPlans.UnitPlan
            {
                PlanId = plan.Id, AgencyId = await database.AgencyIdAsync("STP"), DocumentNumber = "12/KH-STP", IssuedOn = new DateOnly(2021, 3, 1),
            });
            await db.SaveChangesAsync();
        }
        var input = PlanItemInput.From(PlanItemKind.Assignment, nv1);
        input.IsUnitPlanAssignment = false;

        var refused = await Assert.ThrowsAsync<ValidationException>(() => Service(database).SaveItemAsync(ActingUsers.Monitor, plan.Id, nv1.Id, input));

        Assert.Equal("Đã có 1 kế hoạch đơn vị theo nhiệm vụ NV1 nên không thể bỏ đánh dấu; "
            + "có thể đánh dấu một nhiệm vụ khác là nhiệm vụ xây dựng kế hoạch của đơn vị thay cho nhiệm vụ này.", refused.Errors.Single().ErrorMessage);
        Assert.Equal(nameof(PlanItemInput.IsUnitPlanAssignment), refused.Errors.Single().PropertyName);
        Assert.Equal(nv1.Id, (await GetAsync(database, 2021)).Plan.UnitPlanAssignment()!.Id);
    }

    [Fact]
    public async Task APlanWithoutUnitPlansMayHaveNoUnitPlanAssignmentThenNoAgencyIsBound()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await Service(database).CreateAsync(ActingUsers.Monitor, 2022);
        var plan = (await GetAsync(database, 2022)).Plan;
        var nv1 = plan.UnitPlanAssignment()!;
        var input = PlanItemInput.From(PlanItemKind.Assignment, nv1);
        input.IsUnitPlanAssignment = false;

        await Service(database).SaveItemAsync(ActingUsers.Monitor, plan.Id, nv1.Id, input);

        Assert.Null((await GetAsync(database, 2022)).Plan.UnitPlanAssignment());
        await using var db = database.CreateContext();
        var catalogue = await CommsPlan.Core.Monitoring.MonitoringCatalogue.LoadByIdAsync(db, plan.Id, CancellationToken.None);
        Assert.Equal((AgencyKinds.None, (DateOnly?)null), (catalogue.UnitPlanBinds, catalogue.UnitPlanDeadline));
    }

    [Fact]
    public async Task OnlyAdministratorsAndMonitorsEditPlans()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var stp = await database.AgencyIdAsync("STP");

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service(database).ListAsync(ActingUsers.Viewer));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service(database).GetAsync(ActingUsers.Officer(stp), 2021));
        Assert.Single(await Service(database).ListAsync(ActingUsers.Admin));
    }

    public sealed class OnSqlite() : PlanEditingServiceTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : PlanEditingServiceTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
