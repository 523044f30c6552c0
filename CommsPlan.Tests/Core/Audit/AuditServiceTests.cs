using CommsPlan.Core.Access;
using CommsPlan.Core.Administration;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using CommsActivity = CommsPlan.Core.Activities.Activity;

namespace CommsPlan.Tests.Core.Audit;

public abstract class AuditServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    private AccessTestServices _app = null!;
    private AuditService _audit = null!;

    public async Task InitializeAsync()
    {
        _app = await AccessTestServices.CreateAsync(provider);
        _audit = _app.Get<AuditService>();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TheLogIsForAdministratorsAndMonitoringOfficersOnly()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await _audit.SearchAsync(await _app.UserAsync("tuphap"), new AuditQuery()));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await _audit.SearchAsync(await _app.UserAsync("lanhdao"), new AuditQuery()));

        var page = await _audit.SearchAsync(await _app.UserAsync("giamsat"), new AuditQuery(Take: 5));
        Assert.Equal(5, page.Items.Count);
        Assert.True(page.TotalCount > 5);
    }

    [Fact]
    public async Task FiltersByRecordTypeUserRecordAndDayAndShowsChangesInVietnamese()
    {
        var admin = await _app.UserAsync("admin");
        var syt = await _app.Get<AgencyAdminService>().GetAsync(admin, await _app.AgencyIdAsync("SYT"));
        await _app.Get<AgencyAdminService>().UpdateAsync(admin, syt.Id, new AgencyEditInput { Name = "Sở Y tế tỉnh Thái Nguyên", Kind = syt.Kind, Version = syt.Version });
        var today = _app.Time.Today();

        var found = await _audit.SearchAsync(admin, new AuditQuery(
            EntityType: "Agency", EntityId: syt.Id.ToString(), UserName: "adm", From: today, To: today, Action: AuditAction.Updated));
        var yesterday = await _audit.SearchAsync(admin, new AuditQuery(EntityType: "Agency", EntityId: syt.Id.ToString(), To: today.AddDays(-1), Action: AuditAction.Updated));

        var row = Assert.Single(found.Items);
        Assert.Empty(yesterday.Items);
        Assert.Equal(("Đơn vị", "Cập nhật", "admin"), (row.EntityTypeLabel, row.ActionLabel, row.UserName));
        Assert.Equal("Sở Y tế tỉnh Thái Nguyên", row.EntityLabel);
        Assert.Equal("Quản trị hệ thống", row.By);
        var change = Assert.Single(row.Changes);
        Assert.Equal(("Tên", "Sở Y tế", "Sở Y tế tỉnh Thái Nguyên"), (change.Label, change.Before, change.After));
    }

    [Fact]
    public async Task AnOfficerSeesTheHistoryOfItsOwnAgencysRecordsOnly()
    {
        var stpActivity = await AddActivityAsync("STP");
        var daituActivity = await AddActivityAsync("DAITU");
        var tuphap = await _app.UserAsync("tuphap");

        var own = await _audit.HistoryAsync(tuphap, "Activity", stpActivity.ToString());
        await Assert.ThrowsAsync<NotFoundException>(() => _audit.HistoryAsync(tuphap, "Activity", daituActivity.ToString()));
        await Assert.ThrowsAsync<NotFoundException>(() => _audit.HistoryAsync(tuphap, "Activity", "999999"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _audit.HistoryAsync(tuphap, "AppUser", tuphap.UserId));

        var created = Assert.Single(own);
        Assert.Equal(AuditAction.Created, created.Action);
        Assert.Contains(created.Changes, c => c.Label == "Ngày bắt đầu" && c.After == "02/04/2021");
        Assert.Contains(created.Changes, c => c.Label == "Kênh" && c.After == "Tin, bài trên báo");
        Assert.Contains(created.Changes, c => c.Label == "Đơn vị" && c.After == "Sở Tư pháp");
        Assert.Single(await _audit.HistoryAsync(await _app.UserAsync("lanhdao"), "Activity", daituActivity.ToString()));
    }

    [Fact]
    public async Task EveryAuditedTypeIsOfferedAsAFilterWithItsVietnameseName()
    {
        var types = _audit.ListEntityTypes();

        Assert.Contains(new AuditTypeOption("Activity", "Hoạt động"), types);
        Assert.Contains(new AuditTypeOption("AppUser", "Người dùng"), types);
        Assert.Contains(new AuditTypeOption("Agency", "Đơn vị"), types);
        Assert.DoesNotContain(types, t => t.EntityType == "UnitPlanTarget");
    }

    private async Task<int> AddActivityAsync(string agencyCode)
    {
        await using var db = await _app.Get<IDbContextFactory<CommsPlanDbContext>>().CreateForAsync(CurrentUser.System, _app.Time);
        var activity = new CommsActivity
        {
            AgencyId = await _app.AgencyIdAsync(agencyCode),
            ChannelId = await db.Channels.Where(c => c.Code == "BAO").Select(c => c.Id).SingleAsync(),
            Title = $"Bài viết của {agencyCode}",
            StartDate = new DateOnly(2021, 4, 2),
            Quantity = 1,
        };
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
        return activity.Id;
    }

    public sealed class OnSqlite() : AuditServiceTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : AuditServiceTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
